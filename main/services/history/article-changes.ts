import type { ArticleChange } from '../../../shared/api/contract/history.js';
import { excerpt } from '../../../shared/text/excerpt.js';

/** An article's entry in one version of `workspace.json`, as read (older versions may hold other fields). */
export type ArticleEntry = Readonly<Record<string, unknown>>;

/**
 * Fields of an article's entry that follow its text (or are its id) and so are never listed as
 * details of their own: a new text is one "text" change, not four.
 */
const FOLLOWS_THE_TEXT = new Set(['id', 'contentHash', 'length', 'normalisation', 'importedAt']);
/** How many characters of a detail's value an entry carries. */
const VALUE_CHARS = 80;

/**
 * What changed in the article itself from one version to the next: it came into the index or left
 * it, its stored text was replaced (`textChanged`: the text file's content differs), or any of its
 * details changed (title, outlet, date, URL, author, and any field a later version adds), each named.
 */
export function diffArticle(before: ArticleEntry | null, after: ArticleEntry | null, textChanged: boolean): ArticleChange[] {
  if (before === null && after === null) return [];
  if (before === null) return [{ kind: 'added', title: String(after!.title ?? '') }];
  if (after === null) return [{ kind: 'removed', title: String(before.title ?? '') }];
  const changes: ArticleChange[] = [];
  if (textChanged) changes.push({ kind: 'text', lengthBefore: lengthOf(before), lengthAfter: lengthOf(after) });
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (FOLLOWS_THE_TEXT.has(field)) continue;
    const [was, is] = [valueText(before[field]), valueText(after[field])];
    if (was !== is) changes.push({ kind: 'detail', field, before: was, after: is });
  }
  return changes;
}

function lengthOf(entry: ArticleEntry): number | null {
  return typeof entry.length === 'number' && Number.isInteger(entry.length) ? entry.length : null;
}

/** A detail's value as one short line; null when it is unset. */
function valueText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  return excerpt(typeof value === 'string' ? value : JSON.stringify(value), VALUE_CHARS);
}
