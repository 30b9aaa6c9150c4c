/**
 * Folds text for matching without changing its length (so positions carry over): ASCII letters to
 * lower case, curly quotes and apostrophes to straight ones, no-break spaces to spaces.
 */
export function foldForMatching(text: string): string {
  return text.replace(FOLDED_CHARACTERS, (c) => FOLDS[c] ?? c.toLowerCase());
}

const FOLDED_CHARACTERS = /[A-Z\u2018\u2019\u02bc\u201c\u201d\u00a0]/g;
const FOLDS: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': '"', '\u201d': '"', '\u00a0': ' ' };
