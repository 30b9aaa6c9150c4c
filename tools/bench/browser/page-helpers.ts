/**
 * Code that runs inside the app's page during the browser workloads. It is bundled with esbuild and
 * injected as an init script (so it is present from the first script of every document), and
 * exposes its functions as `globalThis.__bench`. "Painted" means: the thing is in the DOM, then
 * two animation frames have passed (the frame that paints it has been produced).
 */
import type { AddResult } from './browser-session.js';

/** Resolves after two animation frames. */
export function twoFrames(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

/** Polls `test` once per frame; resolves to true when it holds, false after `timeoutMs`. */
export function waitFor(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = performance.now();
  return new Promise((done) => {
    const check = () => {
      if (test()) return done(true);
      if (performance.now() - started > timeoutMs) return done(false);
      requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * Resolves to true as soon as `test` holds: checked at once, after every change to the DOM (a
 * MutationObserver, so a change is seen in the microtask it is made in, not at the next frame) and
 * once per frame; false after `timeoutMs`. Polling once per frame alone would add up to a frame of
 * waiting to every measurement that is not the app's.
 */
export function waitForDom(test: () => boolean, timeoutMs: number): Promise<boolean> {
  if (test()) return Promise.resolve(true);
  return new Promise((done) => {
    let finished = false;
    const finish = (result: boolean) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      done(result);
    };
    const observer = new MutationObserver(() => {
      if (test()) finish(true);
    });
    // The document itself, not its root element: an init script runs before there is one.
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => finish(false), timeoutMs);
    const frame = () => {
      if (finished) return;
      if (test()) finish(true);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Whether the article titled `title` is shown with at least one highlight. */
function articleShown(title: string): boolean {
  const heading = document.querySelector('#article-title')?.textContent ?? '';
  return heading.includes(title) && document.querySelector('.article-text .annotation') !== null;
}

/** Set by `watchFirstPaint`: page time (since navigation start) when the first article was painted. */
let firstPaintedAt: number | null = null;

/** From page start, records when an article with highlights is first painted (W1). */
export function watchFirstPaint(title: string): void {
  void waitForDom(() => articleShown(title), 120_000).then(async (shown) => {
    if (!shown) return;
    await twoFrames();
    firstPaintedAt = performance.now();
  });
}

/** The time recorded by `watchFirstPaint`, and how many highlight elements were in the view then. */
export function firstPaint(): { at: number | null; highlights: number } {
  return { at: firstPaintedAt, highlights: document.querySelectorAll('.article-text .annotation').length };
}

/** Clicks the article titled `title` in the article list; resolves when painted (null on timeout). */
export async function openArticle(title: string, timeoutMs: number): Promise<{ ms: number; highlights: number } | null> {
  const button = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Articles"] button')].find((b) =>
    b.querySelector('.article-title')?.textContent === title,
  );
  if (!button) throw new Error(`no article titled “${title}” in the list`);
  const started = performance.now();
  button.click();
  if (!(await waitForDom(() => articleShown(title), timeoutMs))) return null;
  await twoFrames();
  return { ms: performance.now() - started, highlights: document.querySelectorAll('.article-text .annotation').length };
}

/** Long animation frames (> 50 ms) seen since `watchLongFrames`. */
const longFrames: number[] = [];

/** Starts collecting long-animation-frame entries; false where the browser does not support them. */
export function watchLongFrames(): boolean {
  if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return false;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 50) longFrames.push(entry.duration);
  }).observe({ type: 'long-animation-frame', buffered: false });
  return true;
}

/** The durations of long animation frames seen so far, emptying the list. */
export function takeLongFrames(): number[] {
  return longFrames.splice(0);
}

/**
 * Selects the first 4 characters of a paragraph on screen inside `.article-text` and presses label
 * key 1; resolves when the new highlight (pending or focused) is in the DOM and painted, then waits
 * for the save so adds do not pile up.
 */
export async function addLabel(seed: number, timeoutMs: number): Promise<AddResult> {
  const view = document.querySelector<HTMLElement>('.article-text');
  if (!view) return { skipped: 'no article view' };
  // A paragraph on screen, so the highlight is painted where it can be seen (measuring every
  // paragraph's box would force the browser to lay out the sections it skips).
  const box = view.getBoundingClientRect();
  const y = Math.max(box.top, 0) + 200 + (seed % 4) * 90;
  const hit = document.elementFromPoint(box.left + box.width / 2, Math.min(y, innerHeight - 20));
  const paragraph = hit?.closest('p') ?? view.querySelector('p');
  if (!paragraph) return { skipped: 'no paragraph on screen' };
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let first = walker.nextNode() as Text | null;
  while (first && first.data.trim().length < 4) first = walker.nextNode() as Text | null;
  if (!first) return { skipped: 'no text in the paragraph' };
  const range = document.createRange();
  range.setStart(first, 0);
  range.setEnd(first, Math.min(first.data.length, 4));
  const selection = getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  await twoFrames();
  const focusedBefore = document.querySelector('.article-text .annotation-focused');
  const started = performance.now();
  view.dispatchEvent(new KeyboardEvent('keydown', { key: '1', code: 'Digit1', bubbles: true, cancelable: true }));
  const appeared = await waitForDom(() => {
    if (document.querySelector('.article-text .annotation-pending')) return true;
    const focused = document.querySelector('.article-text .annotation-focused');
    return focused !== null && focused !== focusedBefore;
  }, timeoutMs);
  if (!appeared) return { skipped: `no new highlight within ${timeoutMs} ms` };
  const inDom = performance.now() - started;
  await twoFrames();
  const painted = performance.now() - started;
  const saved = await waitFor(() => document.querySelector('.save-status')?.textContent === 'All changes saved', timeoutMs);
  return { inDom, painted, saved: saved ? performance.now() - started : Number.NaN };
}

(globalThis as Record<string, unknown>).__bench = { twoFrames, waitFor, waitForDom, watchFirstPaint, firstPaint, openArticle, watchLongFrames, takeLongFrames, addLabel };
