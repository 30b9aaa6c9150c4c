import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';
import { openArticle } from './support/editor-steps.js';
import { violationsOf } from './support/axe-rules.js';
import { startBrowserHostProcess } from '../tools/host-process/browser-host-process.js';

/** Runs axe-core on the page and returns the serious and critical violations, described. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the main views have no serious or critical accessibility violations', async ({ page, workbench }) => {
  // Seven full axe scans of a page holding an article: they take a while on a loaded machine.
  test.setTimeout(180_000);
  await openArticle(page, 'Hamilton offers words of support for Russell');
  expect(await seriousViolations(page), 'article view').toEqual([]);

  // With annotations, the details panel and a search in the article open.
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote[data-annotation-id]')).toHaveText('Yesterday wasn’t my proudest day,');
  await selectWithMouse(page, 'proudest');
  await page.keyboard.press('3');
  await expect(page.getByRole('region', { name: 'Annotation details' })).toBeVisible();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('Russell');
  await expect(page.locator('.search-hit').first()).toBeVisible();
  expect(await seriousViolations(page), 'annotations, details and find').toEqual([]);
  await page.keyboard.press('Escape');

  // Workspace search results.
  await page.getByRole('searchbox', { name: 'Search all articles' }).fill('Bottas');
  await page.getByRole('searchbox', { name: 'Search all articles' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Search all articles' }).getByRole('status')).toBeVisible();
  expect(await seriousViolations(page), 'workspace search').toEqual([]);

  // The overlap chooser, the shortcut list and the label dialog.
  await page.locator('.article-text .annotation.label-fact').click();
  await expect(page.getByRole('dialog', { name: 'Choose an annotation' })).toBeVisible();
  expect(await seriousViolations(page), 'overlap chooser').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page), 'shortcut list').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await expect(page.getByRole('dialog', { name: 'Labels' })).toBeVisible();
  expect(await seriousViolations(page), 'label dialog').toEqual([]);
  await page.keyboard.press('Escape');

  // The team's progress: assignments and everyone's status.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Progress' }).click();
  await expect(page.getByRole('region', { name: 'Articles by annotator' }).getByRole('table')).toBeVisible();
  expect(await seriousViolations(page), 'team overview').toEqual([]);

  // Agreement, with one annotator only: it says why there is nothing to compare.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Agreement' }).click();
  await expect(page.getByRole('region', { name: 'Agreement', exact: true }).getByRole('alert')).toContainText('at least two annotators');
  expect(await seriousViolations(page), 'agreement').toEqual([]);
  expect(workbench.host.url).toContain('#token=');
});

test('colour is never the only signal: every highlight carries its label name', async ({ page, workbench }) => {
  await openArticle(page, 'Hamilton offers words of support for Russell');
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveAttribute('title', 'Quote');
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: /^Quote: Yesterday/ })).toBeVisible();
  await expect(page.locator('.article-text')).toHaveAccessibleDescription(/2 for Quote/);
  expect(await workbench.storedAnnotations()).toHaveLength(1);
});

test('text contrast and names matching visible text in the main view, the help, the label and the link-type dialogs', async ({ page, scratchDir }) => {
  // Several axe scans: room for a loaded machine.
  test.setTimeout(180_000);
  const rules = ['color-contrast', 'label-content-name-mismatch'];
  // An article with flags in it: a span carrying a flag emoji is listed in the side panel.
  const workspaceDir = join(scratchDir, 'unicode');
  execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, 'fixtures/unicode/combining-and-scripts.txt'], {
    cwd: resolve(import.meta.dirname, '..'),
  });
  const host = await startBrowserHostProcess({ workspaceDir });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Combining marks, scripts and spaces 🧪');
    const flags = 'flags \u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA} waved at 10\u202f000\u00a0km/h';
    expect(await selectWithMouse(page, flags)).toBe(flags);
    await page.keyboard.press('1');
    await expect(page.getByRole('complementary', { name: 'Annotations' }).locator('.annotation-text', { hasText: flags })).toHaveCount(1);
    await page.getByRole('region', { name: 'Annotation details' }).getByRole('combobox', { name: 'verdict' }).selectOption('misleading');
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
    expect(await violationsOf(page, rules), 'main view').toEqual([]);

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await violationsOf(page, rules), 'shortcut help').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Edit labels' }).click();
    await expect(page.getByRole('dialog', { name: 'Labels' })).toBeVisible();
    expect(await violationsOf(page, rules), 'label dialog').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Edit link types' }).click();
    await expect(page.getByRole('dialog', { name: 'Link types' })).toBeVisible();
    expect(await violationsOf(page, rules), 'link-type dialog').toEqual([]);
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
