import { splitsSurrogatePair } from '../text/code-points.js';

/**
 * The leading metadata prefix some sources put before an article (the seeds' ` date YYYY-MM-DD `).
 * Group 1 is the date as written.
 */
export const DATE_PREFIX = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/i;

/** The date a leading ` date YYYY-MM-DD ` prefix gives, as written, or null. */
export function datePrefixOf(text: string): string | null {
  return DATE_PREFIX.exec(text)?.[1] ?? null;
}

/** The longest title derived from an article's text, in characters; longer first sentences are cut at a word. */
export const DERIVED_TITLE_MAX_LENGTH = 80;

/**
 * An article's title when its source gives none: a short label from its first non-empty line
 * (without a leading metadata prefix): that line's first sentence, cut at a word with "…" when
 * longer than DERIVED_TITLE_MAX_LENGTH. The whole line stays in the text; the title only names the
 * article in lists and tables. Else the file name without its extension, else "Untitled".
 */
export function fallbackTitle(text: string, fileName: string | null): string {
  for (const line of text.split('\n')) {
    const title = line.replace(DATE_PREFIX, '').trim();
    if (title) return shortTitleOf(title);
  }
  if (fileName) return fileName.replace(/\.[^.]+$/, '') || fileName;
  return 'Untitled';
}

/** Words a full stop follows without ending the sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'no', 'inc', 'ltd', 'co', 'corp', 'gen', 'gov', 'sen', 'rep', 'rev', 'mt', 'ft', 'approx', 'etc', 'e.g', 'i.e', 'u.s', 'u.k']);

/** The first sentence of `line`, cut at a word when it is too long for a title. */
function shortTitleOf(line: string): string {
  const collapsed = line.replace(/\s+/g, ' ');
  let sentence = collapsed;
  for (const end of collapsed.matchAll(/([.!?])["'”’)]*(?= )/g)) {
    const before = collapsed.slice(0, end.index).split(' ').pop()!.toLowerCase();
    if (end[1] === '.' && (ABBREVIATIONS.has(before) || /^[a-z]$/.test(before))) continue;
    sentence = collapsed.slice(0, end.index + end[0].length);
    break;
  }
  if (sentence.length <= DERIVED_TITLE_MAX_LENGTH) return sentence;
  const cut = sentence.slice(0, DERIVED_TITLE_MAX_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  // Without a word break late enough, cut between code points so no character is split in two.
  const atWord = lastSpace > DERIVED_TITLE_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : splitsSurrogatePair(sentence, cut.length) ? cut.slice(0, -1) : cut;
  return `${atWord.replace(/[\s,;:\-–—]+$/, '')}…`;
}

/**
 * A date as the model stores it: the `YYYY-MM-DD` part of an ISO date or date-time
 * (`2021-04-20T09:30:00Z` → `2021-04-20`), otherwise the value as given, trimmed; null when blank.
 */
export function storedDateOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)/.exec(trimmed);
  return iso ? iso[1]! : trimmed;
}
