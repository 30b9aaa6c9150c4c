import search from 'approx-string-match';
import type { TextFragment } from '../model/annotation.js';
import { splitsSurrogatePair } from '../text/code-points.js';

/** A place an orphaned fragment might belong, for a person to confirm: never applied by itself. */
export interface PlacementSuggestion {
  start: number;
  end: number;
  /** The text found there, which differs from the stored quote. */
  found: string;
  /** Edits (insertions, deletions, substitutions) between the stored quote and `found`. */
  errors: number;
}

/** How much of a quote may differ for a suggestion to be offered at all. */
export const SUGGESTION_MAX_ERROR_RATE = 0.2;
/** How far around the expected position a suggestion is looked for, besides the quote's own length. */
export const SUGGESTION_WINDOW = 2000;

/**
 * Looks near a fragment's old position for text close to its quote (Myers' bit-parallel
 * approximate matching, as the Hypothesis client does), allowing up to a fifth of the quote to
 * differ. The answer is a suggestion to show, never a placement: an orphaned annotation stays
 * orphaned until a person accepts it (docs/GUARANTEES.md T3). Searching only a window around `expectedStart`
 * keeps this cheap enough to run for every orphan. Returns null when nothing is close enough.
 */
export function suggestPlacement(fragment: TextFragment, text: string, expectedStart = fragment.start): PlacementSuggestion | null {
  const quote = fragment.exact;
  if (quote.length === 0) return null;
  const maxErrors = Math.floor(quote.length * SUGGESTION_MAX_ERROR_RATE);
  const from = Math.max(0, expectedStart - SUGGESTION_WINDOW - quote.length);
  const to = Math.min(text.length, expectedStart + quote.length + SUGGESTION_WINDOW + quote.length);
  if (from >= to) return null;
  const matches = search(text.slice(from, to), quote, maxErrors);
  let best: PlacementSuggestion | null = null;
  for (const match of matches) {
    let start = from + match.start;
    let end = from + match.end;
    if (splitsSurrogatePair(text, start)) start--;
    if (splitsSurrogatePair(text, end)) end++;
    if (end <= start) continue;
    const candidate = { start, end, found: text.slice(start, end), errors: match.errors };
    const closer = best !== null && Math.abs(start - expectedStart) < Math.abs(best.start - expectedStart);
    if (best === null || candidate.errors < best.errors || (candidate.errors === best.errors && closer)) best = candidate;
  }
  return best;
}
