import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';
import { startBrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { annotationPanel, expectAllSaved, selectWithFind } from './support/editor-steps.js';

const root = resolve(import.meta.dirname, '..');
const FIXTURE = 'fixtures/unicode/combining-and-scripts.txt';
/** Phrases as stored: import puts text in NFC, so the spec does too. */
const nfc = (s: string) => s.normalize('NFC');

/** Opens the combining-marks fixture (CRLF line ends in the file) in a fresh workspace. */
async function openFixture(page: Page, scratchDir: string) {
  const workspaceDir = join(scratchDir, 'unicode');
  execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, FIXTURE], { cwd: root });
  const host = await startBrowserHostProcess({ workspaceDir });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Combining marks, scripts and spaces 🧪');
  return { host, stored: () => readStoredAnnotations(workspaceDir) };
}

test('on combining marks, RTL with vowel points, Indic and Thai clusters, flags and NBSP, what is selected is what is stored', async ({
  page,
  scratchDir,
}) => {
  const { host, stored } = await openFixture(page, scratchDir);
  try {
    const phrases: [string, string][] = [
      [nfc('q\u0303 sign and Z\u0324\u0354\u0367 glitch'), '3'],
      [nfc('Hebrew \u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd means peace'), '2'],
      [nfc('Arabic \u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f is a name'), '1'],
      [nfc('Hindi \u0915\u094d\u0937\u093f\u0924\u093f and Thai \u0e01\u0e33\u0e25\u0e31\u0e07'), '3'],
      ['flags \u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA} waved at 10\u202f000\u00a0km/h', '1'],
      ['keycap 1\ufe0f\u20e3 score', '2'],
    ];
    // Mixed-direction text is dragged from and to left-to-right words (where a drag's start and end
    // are unambiguous); the right-to-left words with their vowel points lie inside.
    for (const [phrase, key] of phrases) {
      const selected = await selectWithMouse(page, phrase);
      expect(selected).toBe(phrase);
      await page.keyboard.press(key);
      await expect(annotationPanel(page).locator('.annotation-text', { hasText: phrase })).toHaveCount(1);
    }
    await expectAllSaved(page);
    expect((await stored()).map((a) => a.fragments[0]!.exact).sort()).toEqual(phrases.map(([p]) => p).sort());
    await page.reload();
    await expect(annotationPanel(page).locator('.annotation-text')).toHaveCount(phrases.length);
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('a selection ending inside a combining sequence or an emoji sequence is widened to whole characters', async ({ page, scratchDir }) => {
  const { host, stored } = await openFixture(page, scratchDir);
  try {
    // Put the selection's ends between "q" and its combining tilde, and inside the ZWJ pilot emoji,
    // which mouse and arrow keys never do, to check the guarantee itself.
    await page.locator('.article-text').focus();
    await page.evaluate(() => {
      const root = document.querySelector('.article-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const find = (needle: string) => {
        for (const node of texts) {
          const at = node.data.indexOf(needle);
          if (at >= 0) return { node, at };
        }
        throw new Error(`${needle} not found`);
      };
      const q = find('q\u0303');
      const pilot = find('\u{1F469}');
      const range = document.createRange();
      range.setStart(q.node, q.at + 1);
      range.setEnd(q.node, q.at + 2);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      // The second piece: from inside the pilot emoji (after the woman, before the skin tone).
      (window as unknown as { pilotAt: [Text, number] }).pilotAt = [pilot.node, pilot.at + 2];
    });
    await page.keyboard.press('Alt+3');
    await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('q\u0303');

    await page.evaluate(() => {
      const [node, at] = (window as unknown as { pilotAt: [Text, number] }).pilotAt;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 3);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await page.keyboard.press('Alt+2');
    await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('\u{1F469}\u{1F3FD}\u200D\u{1F680}');
    await expectAllSaved(page);
    expect((await stored()).map((a) => a.fragments[0]!.exact).sort()).toEqual(['q\u0303', '\u{1F469}\u{1F3FD}\u200D\u{1F680}'].sort());
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('keyboard selection and resizing step over whole characters: flags, keycaps, RTL', async ({ page, scratchDir }) => {
  const { host, stored } = await openFixture(page, scratchDir);
  try {
    // Shift+arrows across the two flags: the browser moves one flag at a time.
    expect(await selectWithFind(page, 'flags')).toBe('flags');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => window.getSelection()!.toString())).toBe('\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}');
    await page.keyboard.press('1');
    await expect(page.locator('.article-text .annotation.label-claim')).toHaveText('\u{1F1EB}\u{1F1F7}\u{1F1E9}\u{1F1EA}');
    // Shrink the end by one character: one whole flag goes, never half of one.
    await page.keyboard.press('{');
    await expect(page.locator('.article-text .annotation.label-claim')).toHaveText('\u{1F1EB}\u{1F1F7}');
    // Grow the keycap claim's end over the keycap sequence.
    expect(await selectWithFind(page, 'keycap')).toBe('keycap');
    await page.keyboard.press('3');
    await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('keycap');
    await page.keyboard.press('}');
    await page.keyboard.press('}');
    await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('keycap 1\ufe0f\u20e3');
    // RTL text found with the find bar and labelled.
    const hebrew = nfc('\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd');
    expect(await selectWithFind(page, hebrew)).toBe(hebrew);
    await page.keyboard.press('2');
    await expect(page.locator('.article-text .annotation.label-quote')).toHaveText(hebrew);
    await expectAllSaved(page);
    expect((await stored()).map((a) => a.fragments[0]!.exact).sort()).toEqual(
      ['\u{1F1EB}\u{1F1F7}', 'keycap 1\ufe0f\u20e3', hebrew].sort(),
    );
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
