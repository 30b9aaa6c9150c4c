import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from './support/workbench-fixture.js';
import { annotationPanel, expectAllSaved, openArticle } from './support/editor-steps.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const root = resolve(import.meta.dirname, '..');

test('find in the article: every match highlighted, next and previous, label all matches as one undoable step', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  const source = await readFile(resolve(root, 'fixtures/seeds/002_845750cc6f0da4c0.txt'), 'utf8');
  const expected = source.match(/bottas/gi)!.length;
  expect(expected).toBeGreaterThan(2);

  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in article' });
  await page.keyboard.type('bottas');
  await expect(page.locator('.article-text .search-hit')).toHaveCount(expected);
  await expect(bar.getByRole('status')).toHaveText(`1 of ${expected}`);
  await page.keyboard.press('Enter');
  await expect(bar.getByRole('status')).toHaveText(`2 of ${expected}`);
  await expect(page.locator('.article-text .search-hit-current')).toHaveText('Bottas');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(bar.getByRole('status')).toHaveText(`${expected} of ${expected}`);

  await bar.getByRole('combobox', { name: 'Label for all matches' }).selectOption('fact');
  await bar.getByRole('button', { name: 'Label all matches' }).click();
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveCount(expected);
  await expectAllSaved(page);
  const labelled = await workbench.storedAnnotations();
  expect(labelled).toHaveLength(expected);
  expect(labelled.every((a) => a.labelId === 'fact' && a.fragments[0]!.exact === 'Bottas')).toBe(true);

  // One undo takes them all away; one redo brings the same annotations back.
  await page.getByRole('button', { name: `Undo Label ${expected} matches as fact` }).click();
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  await expectAllSaved(page);
  expect(await workbench.storedAnnotations()).toEqual([]);
  await page.getByRole('button', { name: `Redo Label ${expected} matches as fact` }).click();
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveCount(expected);
  await expectAllSaved(page);
  expect((await workbench.storedAnnotations()).map((a) => a.id).sort()).toEqual(labelled.map((a) => a.id).sort());
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(page.locator('.article-text .search-hit')).toHaveCount(0);
});

test('search all articles: results grouped by article; a result opens its article at the match', async ({ page, workbench }) => {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell and Valtteri Bottas');
  await page.keyboard.press('Control+Shift+f');
  const search = page.getByRole('region', { name: 'Search all articles' });
  await expect(search.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('slipstream');
  await page.keyboard.press('Enter');
  await expect(search.getByRole('status')).toContainText(/matches? in \d+ articles?/);
  const groups = search.locator('.search-group');
  await expect(groups).toHaveCount(2);
  const group = search.getByRole('region', { name: /Matches in .*Italian GP/ });
  await expect(group).toBeVisible();
  await group.getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Italian GP');
  expect((await page.evaluate(() => window.getSelection()!.toString())).toLowerCase()).toBe('slipstream');
  await expect(page.locator('.article-text')).toBeFocused();
  await page.keyboard.press('Alt+1');
  await expect(annotationPanel(page).getByRole('button', { name: /^Claim: slipstream/i })).toBeVisible();
  await expectAllSaved(page);
  expect((await workbench.storedAnnotations()).map((a) => a.fragments[0]!.exact.toLowerCase())).toEqual(['slipstream']);
});
