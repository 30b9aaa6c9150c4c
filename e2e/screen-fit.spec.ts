import type { Page } from '@playwright/test';
import { expect, test } from './support/workbench-fixture.js';
import { expectAllSaved, openArticle } from './support/editor-steps.js';

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
