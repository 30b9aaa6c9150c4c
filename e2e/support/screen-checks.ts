import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';

/** How wide the page is against the window: the page fits when `scrollWidth <= innerWidth`. */
export async function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * The text a person is reading in the main area: the open article's heading and text (and the
 * compared article's, side by side), or the clusters or the contradictions table.
 */
export const READING_TEXT = [
  '.reader .article-heading',
  '.reader .article-text',
  '.compare-pane .article-heading',
  '.compare-pane .article-text',
  '.clusters-view',
  '.contradictions-view',
].join(', ');

/** Where sampling found something on top of the text: what covers it, and the text it covers. */
export interface CoveredText {
  /** The covering element, as tag, id and classes. */
  by: string;
  /** The start of the covered line's text. */
  text: string;
}

/**
 * Samples points (every 16 px) along every line of `roots`' text that shows on screen (inside the window and
 * every scrolling box around it) and asks the browser what is on top there: where it is not the
 * text itself (or an element inside it), what is. Elements matching `opened` (what the person
 * opened: a dialog, the tooltip their pointer raised) may cover the text; they are left out.
 */
export async function textCoveredBy(page: Page, roots: string = READING_TEXT, opened: readonly string[] = []): Promise<CoveredText[]> {
  return page.evaluate(
    ({ roots, opened }) => {
      // Points this far apart along each line: a box as narrow as a word or a close button is met.
      const SAMPLE_SPACING = 16;
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
      // The part of the window a box inside clipping ancestors can show in.
      const visibleArea = (el: Element) => {
        let area = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
        for (let parent = el.parentElement; parent; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (/(auto|scroll|hidden|clip)/.test(style.overflowX + style.overflowY)) {
            const box = parent.getBoundingClientRect();
            area = {
              left: Math.max(area.left, box.left),
              top: Math.max(area.top, box.top),
              right: Math.min(area.right, box.right),
              bottom: Math.min(area.bottom, box.bottom),
            };
          }
        }
        return area;
      };
      const covered = new Map<string, { by: string; text: string }>();
      for (const root of document.querySelectorAll(roots)) {
        const area = visibleArea(root);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (!node.data.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const line of range.getClientRects()) {
            const y = line.top + line.height / 2;
            // A line shows when its middle is on screen; the sample points keep clear of its ends.
            if (line.width < 6 || y < area.top || y > area.bottom) continue;
            const xs: number[] = [];
            for (let x = line.left + 3; x < line.right - 3; x += SAMPLE_SPACING) xs.push(x);
            xs.push(line.right - 3);
            for (const x of xs.filter((x) => x > area.left && x < area.right)) {
              const hit = document.elementFromPoint(x, y);
              // The text itself, or what lies beneath it when it lets the pointer through.
              if (!hit || root.contains(hit) || hit.contains(root)) continue;
              if (opened.length && hit.closest(opened.join(', '))) continue;
              const by = describe(hit);
              if (!covered.has(by)) covered.set(by, { by, text: node.data.trim().slice(0, 50) });
            }
          }
        }
      }
      return [...covered.values()];
    },
    { roots, opened: [...opened] },
  );
}

/** A screenshot for people to look at, kept with the test's results (and copied into SHOTS_DIR when set). */
export async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  if (process.env.SHOTS_DIR) {
    await mkdir(process.env.SHOTS_DIR, { recursive: true });
    await copyFile(path, join(process.env.SHOTS_DIR, `${name}.png`));
  }
}
