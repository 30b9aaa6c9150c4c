import type { TextRange } from '../../../../shared/model/annotation.js';

/** Which end of a candidate moves, which way, and by how much. */
export interface EndMove {
  end: 'start' | 'end';
  direction: -1 | 1;
  /** A word is a run of characters without white space (punctuation goes with it); a character is what a reader sees as one. */
  unit: 'word' | 'character';
}

/**
 * A candidate's ranges (one per piece of the quote) with its start (the first piece's) or its end
 * (the last piece's) moved by one word or one character in the article's `text`. The ranges as
 * they were when the move would leave the text or empty a piece.
 */
export function moveCandidateEnd(text: string, ranges: readonly TextRange[], move: EndMove): TextRange[] {
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  const next = [...ranges];
  if (move.end === 'start') {
    const start = move.unit === 'character' ? characterStep(text, first.start, move.direction) : wordStartStep(text, first.start, move.direction);
    if (start === first.start || start >= first.end) return next;
    next[0] = { start, end: first.end };
  } else {
    const end = move.unit === 'character' ? characterStep(text, last.end, move.direction) : wordEndStep(text, last.end, move.direction);
    if (end === last.end || end <= last.start) return next;
    next[next.length - 1] = { start: last.start, end };
  }
  return next;
}

/** The article's text just before and after the candidate, cut at white space to about `reach` characters. */
export function candidateContext(text: string, ranges: readonly TextRange[], reach = 120): { before: string; after: string; cutBefore: boolean; cutAfter: boolean } {
  const start = ranges[0]!.start;
  const end = ranges[ranges.length - 1]!.end;
  let from = Math.max(0, start - reach);
  if (from > 0) {
    const space = text.slice(from, start).search(/\s/u);
    if (space >= 0) from += space + 1;
  }
  let to = Math.min(text.length, end + reach);
  if (to < text.length) {
    const tail = text.slice(end, to);
    const space = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'));
    if (space >= 0) to = end + space;
  }
  return { before: text.slice(from, start), after: text.slice(end, to), cutBefore: from > 0, cutAfter: to < text.length };
}

const SPACE = /\s/u;
const isSpaceAt = (text: string, at: number) => SPACE.test(text[at] ?? '');

/** The start of the word before `at` (of the word `at` is inside, if it is), or of the next word. */
function wordStartStep(text: string, at: number, direction: -1 | 1): number {
  let p = at;
  if (direction < 0) {
    while (p > 0 && isSpaceAt(text, p - 1)) p--;
    while (p > 0 && !isSpaceAt(text, p - 1)) p--;
  } else {
    while (p < text.length && !isSpaceAt(text, p)) p++;
    while (p < text.length && isSpaceAt(text, p)) p++;
  }
  return p;
}

/** The end of the next word after `at` (of the word `at` is inside, if it is), or of the word before. */
function wordEndStep(text: string, at: number, direction: -1 | 1): number {
  let p = at;
  if (direction > 0) {
    while (p < text.length && isSpaceAt(text, p)) p++;
    while (p < text.length && !isSpaceAt(text, p)) p++;
  } else {
    while (p > 0 && !isSpaceAt(text, p - 1)) p--;
    while (p > 0 && isSpaceAt(text, p - 1)) p--;
  }
  return p;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Enough UTF-16 units on either side to hold any one user-perceived character (flags, emoji sequences). */
const CHARACTER_REACH = 64;

/** One user-perceived character before or after `at` (never inside a surrogate pair, an emoji sequence or a flag). */
function characterStep(text: string, at: number, direction: -1 | 1): number {
  const from = Math.max(0, at - CHARACTER_REACH);
  const window = text.slice(from, Math.min(text.length, at + CHARACTER_REACH));
  let previous = from;
  for (const { index, segment } of graphemes.segment(window)) {
    const start = from + index;
    const end = start + segment.length;
    if (direction < 0 && end >= at) return start < at ? start : previous;
    if (direction > 0 && start >= at) return end;
    previous = start;
  }
  return direction < 0 ? previous : Math.min(text.length, at);
}
