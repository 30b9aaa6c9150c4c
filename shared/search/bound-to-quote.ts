import { editDistance } from '../text/edit-distance.js';
import { isEndBoundary, isLetterOrDigit, isSpace, isStartBoundary } from '../text/word-boundaries.js';

/** A place in a text, with the edit distance between the quote and the text there. */
export interface QuotePlace {
  start: number;
  end: number;
  /** Edit distance between the quote and exactly the text from `start` to `end`. */
  errors: number;
}

/** Whether the quote itself starts and ends on word boundaries (a quote cut inside a word is matched to the character). */
export interface QuoteEnds {
  wordStart: boolean;
  wordEnd: boolean;
}

/** A quote that starts at a word and ends after one, as most do. */
export const WORD_ENDS: QuoteEnds = { wordStart: true, wordEnd: true };

/** How far beyond an approximate match's ends (UTF-16 units) a word may be taken in or left out. */
const WORD_REACH = 32;
/** Largest alignment table (cells) worth computing; beyond it the approximate match is kept as it is. */
const MAX_CELLS = 16_000_000;

/**
 * Narrows an approximate match of `needle` in `folded` (both folded for matching) to the text that
 * corresponds to the quote. An approximate matcher minimises edit distance, and replacing the words
 * of a sentence the other text lacks by whatever words follow there costs less than leaving them
 * out: the match runs on into the next sentence, or starts inside the word before the quote. Here
 * the match is re-aligned locally (matching characters score 1, every edit −1, so a stretch with
 * more edits than matches at either end is left out); then, from each end, a word (a run without
 * white space) is kept only if most of its letters match the quote, and the ends move to the word
 * boundaries of the words kept (an opening or closing mark is included where the quote has it;
 * where `ends` says the quote itself starts or ends inside a word, that end stays on the last
 * matching character instead).
 * `errors` is the edit distance between the quote and exactly that text. Null when nothing of the
 * quote aligns there.
 */
export function boundToQuote(folded: string, needle: string, match: QuotePlace, ends: QuoteEnds = WORD_ENDS): QuotePlace | null {
  const n = needle.length;
  const from = Math.max(0, match.start - WORD_REACH);
  const to = Math.min(folded.length, match.end + WORD_REACH);
  // Diagonals (text position minus quote position, in the window) an alignment of the match can use.
  const first = match.start - from;
  const last = match.end - from - n;
  const low = Math.min(first, last) - match.errors - 1;
  const high = Math.max(first, last) + match.errors + 1;
  if (n === 0 || n * (high - low + 1) > MAX_CELLS) return match;
  const aligned = alignLocally(needle, folded.slice(from, to), low, high);
  if (!aligned) return null;
  const matched = (at: number) => at >= from && at < to && aligned.matched[at - from] === 1;
  let start = from + aligned.start;
  let end = from + aligned.end;
  // From the start: drop words that are mostly not the quote's, then start the first kept word where the quote does.
  for (;;) {
    while (start < end && isSpace(folded, start)) start++;
    if (start >= end) return null;
    const word = wordAround(folded, start);
    if (!mostlyMatched(folded, word, matched)) {
      start = word.end;
      continue;
    }
    let firstMatched = Math.max(word.start, start);
    while (firstMatched < word.end && !matched(firstMatched)) firstMatched++;
    start = firstMatched;
    while (ends.wordStart && start > word.start && !isStartBoundary(folded, start)) start--;
    break;
  }
  for (;;) {
    while (end > start && isSpace(folded, end - 1)) end--;
    if (end <= start) return null;
    const word = wordAround(folded, end - 1);
    if (!mostlyMatched(folded, word, matched)) {
      end = Math.max(start, word.start);
      continue;
    }
    let lastMatched = Math.min(word.end, end);
    while (lastMatched > word.start && !matched(lastMatched - 1)) lastMatched--;
    end = Math.max(lastMatched, start + 1);
    while (ends.wordEnd && end < word.end && !isEndBoundary(folded, end)) end++;
    break;
  }
  // Every unit added to or removed from the matched text changes the distance by at most one.
  const limit = match.errors + Math.abs(start - match.start) + Math.abs(end - match.end);
  return { start, end, errors: editDistance(needle, folded.slice(start, end), limit) };
}

/** The run of characters without white space around `at` (at most WORD_REACH either way). */
function wordAround(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && at - start < WORD_REACH && !isSpace(text, start - 1)) start--;
  let end = at + 1;
  while (end < text.length && end - at < WORD_REACH && !isSpace(text, end)) end++;
  return { start, end };
}

/** Whether most of the word's letters and digits (or, without any, of its characters) are matched. */
function mostlyMatched(text: string, word: { start: number; end: number }, matched: (at: number) => boolean): boolean {
  let letters = 0;
  let matchedLetters = 0;
  let matchedCharacters = 0;
  for (let at = word.start; at < word.end; at++) {
    const isMatched = matched(at);
    if (isMatched) matchedCharacters++;
    if (isLetterOrDigit(text, at)) {
      letters++;
      if (isMatched) matchedLetters++;
    }
  }
  return letters > 0 ? matchedLetters * 2 > letters : matchedCharacters * 2 > word.end - word.start;
}

/**
 * The best local alignment (Smith–Waterman: a match scores 1, a substitution, insertion or deletion
 * −1, and an alignment may start and stop anywhere) of `needle` with `text`, over the diagonals
 * `low`..`high` (text position minus needle position): the part of `text` it covers and which of
 * its characters match one of the needle's (1 in `matched`), or null when no character aligns.
 * Ties go to the earliest end.
 */
function alignLocally(needle: string, text: string, low: number, high: number): { start: number; end: number; matched: Uint8Array } | null {
  const n = needle.length;
  const width = high - low + 1;
  // Row i holds the cells (i, j) with j = i + low + k for k in 0..width-1; out-of-band cells count as absent.
  let previous = new Int32Array(width + 1);
  let current = new Int32Array(width + 1);
  const moves = new Uint8Array((n + 1) * width);
  let bestScore = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let i = 1; i <= n; i++) {
    const code = needle.charCodeAt(i - 1);
    const row = i * width;
    // Cells before column 1 or after the text are absent: the band is clipped to the text.
    const kFrom = 1 - i - low > 0 ? 1 - i - low : 0;
    const kTo = text.length - i - low < width - 1 ? text.length - i - low : width - 1;
    current.fill(0, 0, kFrom);
    let left = -1;
    for (let k = kFrom; k <= kTo; k++) {
      const j = i + low + k;
      // Diagonal neighbour (i-1, j-1) is k in the previous row; above (i-1, j) is k+1; left (i, j-1) is k-1.
      const diagonal = previous[k]! + (code === text.charCodeAt(j - 1) ? 1 : -1);
      const up = previous[k + 1]! - 1;
      let score = 0;
      let move = STOP;
      if (diagonal > score) (score = diagonal), (move = DIAGONAL);
      if (up > score) (score = up), (move = UP);
      if (left - 1 > score) (score = left - 1), (move = LEFT);
      current[k] = score;
      moves[row + k] = move;
      left = score;
      if (score > bestScore || (score === bestScore && score > 0 && j < bestJ)) (bestScore = score), (bestI = i), (bestJ = j);
    }
    current.fill(0, Math.max(0, kTo + 1), width + 1);
    [previous, current] = [current, previous];
  }
  if (bestScore === 0) return null;
  const matched = new Uint8Array(text.length);
  let i = bestI;
  let j = bestJ;
  for (;;) {
    const move = moves[i * width + (j - i - low)];
    if (move === DIAGONAL) {
      if (needle.charCodeAt(i - 1) === text.charCodeAt(j - 1)) matched[j - 1] = 1;
      i--;
      j--;
    } else if (move === UP) i--;
    else if (move === LEFT) j--;
    else break;
  }
  return { start: j, end: bestJ, matched };
}

const STOP = 0;
const DIAGONAL = 1;
const UP = 2;
const LEFT = 3;
