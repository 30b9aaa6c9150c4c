import type { Page } from '@playwright/test';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';
import { expectAllSaved, openArticle, labelWithMouse } from './support/editor-steps.js';

const HAMILTON = 'Hamilton offers words of support for Russell';

/** The window sizes the workbench is laid out for: a small laptop, a common laptop, a desktop screen. */
const WINDOW_SIZES = [
  { width: 1280, height: 800 },
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/**
 * What does not fit in the top bar: a page wider than the window, a control whose text runs over
 * more than one line, or a save status that is cut or out of the window. Empty when all fits.
 */
async function topBarMisfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const misfits: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) misfits.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    const bar = document.querySelector('.top-bar')!;
    for (const control of bar.querySelectorAll<HTMLElement>('button, label, .label-swatch')) {
      // Each line a text runs over is one more row of text boxes, below the last one.
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        boxes.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      boxes.sort((a, b) => a.top - b.top);
      let lines = 0;
      let lineBottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= lineBottom - 2) lines++;
        lineBottom = Math.max(lineBottom, box.bottom);
      }
      if (lines > 1) misfits.push(`"${control.textContent!.trim()}" wraps over ${lines} lines`);
    }
    const status = bar.querySelector<HTMLElement>('.save-status')!;
    const box = status.getBoundingClientRect();
    if (status.scrollWidth > status.clientWidth) misfits.push(`the save status "${status.textContent}" is cut`);
    if (box.left < 0 || box.right > root.clientWidth) misfits.push(`the save status reaches past the window (${box.left}–${box.right})`);
    return misfits;
  });
}

test('the top bar fits the window at 1280×800, 1400×900 and 1920×1080, with the save status in full', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await expectAllSaved(page);
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize(size);
    await expect.poll(() => topBarMisfits(page), { message: `at ${size.width}×${size.height}` }).toEqual([]);
    await expect(page.locator('.save-status')).toHaveText('All changes saved');
  }
  // Side by side adds a pane, never width.
  await page.getByRole('button', { name: 'Side by side' }).click();
  await expect(page.locator('.compare-pane')).toBeVisible();
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize(size);
    await expect.poll(() => topBarMisfits(page), { message: `side by side at ${size.width}×${size.height}` }).toEqual([]);
    // The compared pane's Close button is whole and inside its pane.
    const close = page.locator('.compare-header').getByRole('button', { name: 'Close' });
    const fits = await close.evaluate((button) => {
      const pane = button.closest('.compare-pane')!.getBoundingClientRect();
      const box = button.getBoundingClientRect();
      return button.scrollWidth <= button.clientWidth && box.left >= pane.left && box.right <= pane.right;
    });
    expect(fits, `side by side's Close button at ${size.width}×${size.height}`).toBe(true);
  }
  expect(workbench.host.url).toContain('#token=');
});

const APOLOGY = 'Yesterday wasn’t my proudest day,';
const LONG_QUOTE = 'I knew it would be one of our best opportunities to score points this season';

/**
 * Where a status line (a notice, pieces collected, a link being made) covers a line of the article's
 * text as it shows in the reader now: each overlap described. Empty when none does.
 */
async function statusOverText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const reader = document.querySelector('.reader')!.getBoundingClientRect();
    const lines: { left: number; right: number; top: number; bottom: number }[] = [];
    const walker = document.createTreeWalker(document.querySelector('.article-text')!, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      // Only what shows: the part of each line inside the reader's scrolled window.
      for (const r of range.getClientRects()) {
        const top = Math.max(r.top, reader.top);
        const bottom = Math.min(r.bottom, reader.bottom);
        if (r.width > 0 && bottom > top) lines.push({ left: r.left, right: r.right, top, bottom });
      }
    }
    const overlaps: string[] = [];
    for (const status of document.querySelectorAll<HTMLElement>('.notice, .pending-status')) {
      const box = status.getBoundingClientRect();
      const covered = lines.filter((l) => l.left < box.right && box.left < l.right && l.top < box.bottom && box.top < l.bottom);
      if (covered.length) overlaps.push(`"${status.textContent!.slice(0, 40)}" covers ${covered.length} pieces of article text`);
    }
    return overlaps;
  });
}


test('notices show under the article, never over its text, and go on the next edit or after a while', async ({ page, workbench }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openArticle(page, HAMILTON);
  await labelWithMouse(page, APOLOGY, '2');
  await labelWithMouse(page, 'George Russell following', '1');
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText(APOLOGY);
  await page.keyboard.press('3');
  await expectAllSaved(page);
  // Deleting says the link went too; the message stands clear of the text at any scroll position.
  await page.keyboard.press('Delete');
  const deleted = page.getByText('Deleted the quote and its 1 link. Ctrl+Z brings them back.');
  await expect(deleted).toBeVisible();
  for (const to of ['start', 'center', 'end'] as const) {
    await page.locator('.reader').evaluate((reader, to) => {
      reader.scrollTop = to === 'start' ? 0 : to === 'center' ? (reader.scrollHeight - reader.clientHeight) / 2 : reader.scrollHeight;
    }, to);
    expect(await statusOverText(page), `scrolled to the ${to}`).toEqual([]);
  }
  // Undo brings them back, and the message about the deletion goes.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText(APOLOGY);
  await expect(deleted).toBeHidden();
  await expectAllSaved(page);

  // A notice nothing replaces goes on its own once it has had time to be read.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  const hint = page.getByText('Select some text first, then press 1 to mark it as claim.');
  await expect(hint).toBeVisible();
  expect(await statusOverText(page)).toEqual([]);
  await expect(hint).toBeHidden({ timeout: 20_000 });
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});

test('a long quoted text is cut at a word with an ellipsis, and the link status stays clear of the text', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await labelWithMouse(page, LONG_QUOTE, '2');
  await page.keyboard.press('l');
  const status = page.locator('.link-status');
  await expect(status).toContainText('Linking from “');
  const quoted = /Linking from “([^”]*)”/.exec((await status.textContent())!)![1]!;
  expect(quoted.endsWith('…'), `"${quoted}" is marked as cut`).toBe(true);
  const kept = quoted.slice(0, -1);
  expect(LONG_QUOTE.startsWith(kept), `"${kept}" is the start of the quote`).toBe(true);
  expect(LONG_QUOTE[kept.length], `"${kept}" ends at a word`).toBe(' ');
  await page.locator('.reader').evaluate((reader) => (reader.scrollTop = reader.scrollHeight / 3));
  expect(await statusOverText(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(status).toBeHidden();
  expect(await workbench.storedAnnotations()).toHaveLength(1);
});

test('the find bar never covers the article heading', async ({ page, workbench }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openArticle(page, HAMILTON);
  // Scrolled a little, with the heading at the top of the reader, as after reading the first lines.
  await page.locator('.article-heading').evaluate((h1) => h1.scrollIntoView({ block: 'start' }));
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in article' });
  await expect(bar.getByRole('searchbox')).toBeFocused();
  const seen = await page.locator('.article-heading').evaluate((h1) => {
    const box = h1.getBoundingClientRect();
    const findBar = document.querySelector('.find-bar')!.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 10, box.top + box.height / 2);
    return { underFindBar: box.top < findBar.bottom && findBar.top < box.bottom, onTop: !!hit && h1.contains(hit) };
  });
  expect(seen).toEqual({ underFindBar: false, onTop: true });
  expect(await workbench.storedAnnotations()).toHaveLength(0);
});

test('the hover tooltip never covers the overlap chooser, and a selection does not look like a highlight', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await labelWithMouse(page, APOLOGY, '2');
  expect(await selectWithMouse(page, 'proudest')).toBe('proudest');
  await page.keyboard.press('3');
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('proudest');
  await expectAllSaved(page);
  // Click where the two overlap: the chooser opens there; the pointer stays over the spans.
  const fact = page.locator('.article-text .annotation.label-fact');
  await fact.click();
  const chooser = page.getByRole('dialog', { name: 'Choose an annotation' });
  await expect(chooser).toBeVisible();
  const box = (await fact.boundingBox())!;
  for (const dx of [2, box.width / 2, box.width - 2]) {
    await page.mouse.move(box.x + dx, box.y + box.height / 2, { steps: 2 });
    // Two frames for the hover to be worked out and drawn.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const overlap = await page.evaluate(() => {
      const tooltip = document.querySelector('.annotation-tooltip');
      const open = document.querySelector('.overlap-chooser')!.getBoundingClientRect();
      if (!tooltip || getComputedStyle(tooltip).display === 'none') return null;
      const tip = tooltip.getBoundingClientRect();
      return tip.left < open.right && open.left < tip.right && tip.top < open.bottom && open.top < tip.bottom ? 'the tooltip covers the chooser' : null;
    });
    expect(overlap).toBeNull();
  }
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();

  // The article's selection colour is far from the quote's highlight (and the browser's light blue).
  const colours = await page.evaluate(() => {
    const quote = document.querySelector('.article-text .annotation.label-quote')!;
    const channels = (css: string) => css.match(/[\d.]+/g)!.map(Number);
    return { selection: channels(getComputedStyle(quote, '::selection').backgroundColor), quote: channels(getComputedStyle(quote).backgroundColor) };
  });
  const [r, g, b, alpha = 1] = colours.selection;
  expect(alpha, 'the article sets its own selection colour').toBeGreaterThan(0.5);
  const [qr, qg, qb] = colours.quote;
  expect(Math.hypot(r! - qr!, g! - qg!, b! - qb!), `selection ${colours.selection} against quote ${colours.quote}`).toBeGreaterThan(150);
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});
