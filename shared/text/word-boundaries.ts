/**
 * Where a quote may begin and end in a text: word boundaries as an editor sees them. A word is a run
 * of letters and digits (an apostrophe between two letters belongs to it: didn't); a quote starts
 * at a word or at the punctuation opening one after white space (“Yesterday), and ends after a
 * word or after the punctuation closing one before white space (day,”).
 */

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const APOSTROPHE = /^['\u2019\u02bc]$/u;
const SPACE = /^\s$/u;

/** Whether the UTF-16 unit at `at` is a letter or a digit. */
export function isLetterOrDigit(text: string, at: number): boolean {
  return LETTER_OR_DIGIT.test(text[at] ?? '');
}

/** Whether the character at `at` belongs to a word: a letter or digit, or an apostrophe between two letters. */
export function isWordCharacter(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined) return false;
  if (APOSTROPHE.test(c)) return isLetterOrDigit(text, at - 1) && isLetterOrDigit(text, at + 1);
  return LETTER_OR_DIGIT.test(c);
}

/** Whether the character at `at` is white space (a line break included). */
export function isSpace(text: string, at: number): boolean {
  return SPACE.test(text[at] ?? '');
}

/** Whether a quote may start at `at`: at a word's first character, or at the punctuation opening a word after white space. */
export function isStartBoundary(text: string, at: number): boolean {
  if (at < 0 || at >= text.length || isSpace(text, at)) return false;
  return at === 0 || isSpace(text, at - 1) || (isWordCharacter(text, at) && !isWordCharacter(text, at - 1));
}

/** Whether a quote may end at `at` (exclusive): after a word's last character, or after the punctuation closing a word before white space. */
export function isEndBoundary(text: string, at: number): boolean {
  if (at <= 0 || at > text.length || isSpace(text, at - 1)) return false;
  return at === text.length || isSpace(text, at) || (isWordCharacter(text, at - 1) && !isWordCharacter(text, at));
}
