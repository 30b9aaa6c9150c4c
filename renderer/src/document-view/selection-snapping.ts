import type { TextRange } from '../../../shared/model/annotation.js';

/** How a selection is adjusted before it is stored. */
export interface SnapOptions {
  /** Extend ends that fall inside a word to the word's edges and trim surrounding white space. */
  words: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The longest stretch of a line segmented around one offset; longer lines are cut (rarely matters). */
const MAX_WINDOW = 4096;

/**
 * The part of `text` around `offset` to segment: the line it is in (line ends always break
 * graphemes and words, so segmenting one line gives the same boundaries as segmenting the text).
 */
function lineAround(text: string, offset: number): { start: number; line: string } {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  start = Math.max(start, offset - MAX_WINDOW);
  end = Math.min(end, offset + MAX_WINDOW);
  return { start, line: text.slice(start, end) };
}

/** The grapheme (user-perceived character) boundary at or before `offset`. */
export function graphemeStartAtOrBefore(text: string, offset: number): number {
  const { start, line } = lineAround(text, offset);
  const segment = graphemes.segment(line).containing(offset - start);
  return segment ? start + segment.index : offset;
}

/** The grapheme boundary at or after `offset`. */
export function graphemeEndAtOrAfter(text: string, offset: number): number {
  const { start, line } = lineAround(text, offset);
  const segment = graphemes.segment(line).containing(offset - start);
  if (!segment || start + segment.index === offset) return offset;
  return start + segment.index + segment.segment.length;
}

/** The grapheme boundary one user-perceived character before `offset` (or `offset` at the start). */
export function previousGraphemeBoundary(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return graphemeStartAtOrBefore(text, offset - 1);
}

/** The grapheme boundary one user-perceived character after `offset` (or `offset` at the end). */
export function nextGraphemeBoundary(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  return graphemeEndAtOrAfter(text, offset + 1);
}

/**
 * Adjusts a selected range so it never splits a user-perceived character (a surrogate pair, a
 * combining sequence, an emoji ZWJ sequence or flag): each end moves outwards to the nearest
 * grapheme boundary. With `words`, an end inside a word moves out to the word's edge and white
 * space at either end is trimmed. Returns null when nothing but white space was selected.
 */
export function snapSelection(text: string, range: TextRange, options: SnapOptions): TextRange | null {
  let start = graphemeStartAtOrBefore(text, Math.max(0, Math.min(range.start, text.length)));
  let end = graphemeEndAtOrAfter(text, Math.max(start, Math.min(range.end, text.length)));
  if (options.words) {
    start = wordEdge(text, start, 'start');
    end = wordEdge(text, end, 'end');
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
  }
  return end > start ? { start, end } : null;
}

function wordEdge(text: string, offset: number, side: 'start' | 'end'): number {
  const { start, line } = lineAround(text, offset);
  const within = offset - start;
  const segment = words.segment(line).containing(side === 'start' ? within : within - 1);
  if (!segment || !segment.isWordLike) return offset;
  const segmentStart = start + segment.index;
  const segmentEnd = segmentStart + segment.segment.length;
  if (segmentStart < offset && offset < segmentEnd) return side === 'start' ? segmentStart : segmentEnd;
  return offset;
}
