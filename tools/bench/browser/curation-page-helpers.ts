/**
 * Code that runs inside the app's page during the curation workload (W9B), injected like the other
 * page helpers and exposed as `globalThis.__benchCuration`: it presses a key of the Curate view and
 * times until the next disagreement is shown (in the DOM, then painted: two animation frames).
 */
import type { CurationKeyResult } from './curation-key-result.js';
import { twoFrames, waitFor, waitForDom } from './page-helpers.js';

const heading = () => document.getElementById('disagreement-title')?.textContent ?? null;

/**
 * Presses `key` where the keyboard is in the Curate view and resolves once another disagreement's
 * heading is shown and painted; with `waitForSave`, also once "All changes saved" shows again (so
 * saves never pile up behind the measured keys).
 */
export async function pressCurationKey(key: string, waitForSave: boolean, timeoutMs: number): Promise<CurationKeyResult> {
  const before = heading();
  if (before === null) return { skipped: 'no disagreement shown' };
  const target = document.activeElement ?? document.body;
  const started = performance.now();
  target.dispatchEvent(new KeyboardEvent('keydown', { key, code: /^\d$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`, bubbles: true, cancelable: true }));
  const shown = await waitForDom(() => {
    const now = heading();
    return now !== null && now !== before;
  }, timeoutMs);
  if (!shown) return { skipped: `no other disagreement shown within ${timeoutMs} ms after ${key}` };
  const inDom = performance.now() - started;
  await twoFrames();
  const painted = performance.now() - started;
  const saved = !waitForSave || (await waitFor(() => document.querySelector('.save-status')?.textContent === 'All changes saved', timeoutMs));
  return { inDom, painted, saved: saved ? performance.now() - started : Number.NaN, heading: heading() ?? '' };
}

(globalThis as Record<string, unknown>).__benchCuration = { pressCurationKey };
