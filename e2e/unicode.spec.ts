import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';
import { startBrowserHostProcess } from '../tools/host-process/browser-host-process.js';

const root = resolve(import.meta.dirname, '..');

test('what is selected on screen is what is stored, on emoji, combining marks, RTL, NBSP and CRLF text', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'unicode');
  execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, 'fixtures/unicode/unicode-article.txt'], {
    cwd: root,
  });
  const host = await startBrowserHostProcess({ workspaceDir });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unicode test article 🏁');
    const phrases: [string, string][] = [
      ['👍🏽 cheered at the café', 'fact'],
      ['read שלום עולם and السلام عليكم beside', 'quote'],
      ['Lap\u00a030 of 63', 'fact'],
      ['family 👨‍👩‍👧 fan.', 'claim'],
    ];
    const keys: Record<string, string> = { claim: '1', quote: '2', fact: '3' };
    for (const [phrase, label] of phrases) {
      const selected = await selectWithMouse(page, phrase);
      expect(selected).toBe(phrase);
      await page.keyboard.press(keys[label]!);
      await expect(page.locator(`.annotation.label-${label}`).filter({ hasText: phrase.slice(0, 4) }).first()).toBeVisible();
    }
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
    const stored = await readStoredAnnotations(workspaceDir);
    expect(stored.map((a) => a.fragments[0]!.exact).sort()).toEqual(phrases.map(([p]) => p).sort());
    await page.reload();
    const listed = page.getByRole('complementary', { name: 'Annotations' }).locator('.annotation-text');
    await expect(listed).toHaveCount(phrases.length);
    expect((await listed.evaluateAll((items) => items.map((item) => item.textContent))).sort()).toEqual(phrases.map(([p]) => p).sort());
    const painted = await page.locator('.article-text .annotation').evaluateAll((spans) => spans.map((s) => s.textContent).join('|'));
    for (const [phrase] of phrases) expect(painted.replace(/\|/g, '')).toContain(phrase.replace(/\s/g, '').slice(0, 3));
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
