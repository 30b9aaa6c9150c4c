import type { TextRange } from '../model/annotation.js';

/** How a text search matches. */
export interface FindOptions {
  /** Match letter case exactly (default: ignore case). */
  caseSensitive?: boolean;
  /** Stop after this many hits. */
  limit?: number;
}

/**
 * Every place `query` occurs in `text`, as UTF-16 ranges in text order, not overlapping. Case is
 * folded by the regular-expression engine, so offsets always point into the original text (lower-
 * casing the text first would shift them where a character changes length, as `İ` does).
 */
export function findAllInText(text: string, query: string, options: FindOptions = {}): TextRange[] {
  if (query.length === 0) return [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const hits: TextRange[] = [];
  if (options.caseSensitive) {
    for (let at = text.indexOf(query); at >= 0 && hits.length < limit; at = text.indexOf(query, at + query.length)) {
      hits.push({ start: at, end: at + query.length });
    }
    return hits;
  }
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  for (const match of text.matchAll(pattern)) {
    if (hits.length >= limit) break;
    if (match[0].length > 0) hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}
