import type { TextFragment, TextRange } from '../model/annotation.js';
import { splitsSurrogatePair } from './code-points.js';

/** How many UTF-16 units of context a TextQuote keeps on each side (as the Hypothesis client). */
export const QUOTE_CONTEXT_LENGTH = 32;

/** Why a range cannot be stored as a fragment of a text. */
export class InvalidRangeError extends Error {
  override readonly name = 'InvalidRangeError';
}

/**
 * Builds the stored fragment for a range of `text`: the offsets plus the TextQuote (exact text and
 * up to 32 units of prefix/suffix, never cut inside a surrogate pair). Throws InvalidRangeError for
 * a range outside the text, empty, or splitting a surrogate pair.
 */
export function fragmentAt(text: string, range: TextRange): TextFragment {
  const { start, end } = range;
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end > text.length || end <= start) {
    throw new InvalidRangeError(`range ${start}–${end} is not inside a text of length ${text.length}`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new InvalidRangeError(`range ${start}–${end} splits a character (a surrogate pair)`);
  }
  let prefixStart = Math.max(0, start - QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--;
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
