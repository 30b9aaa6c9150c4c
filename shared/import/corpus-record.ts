import { normaliseText } from '../text/normalise-text.js';
import { datePrefixOf, storedDateOf } from './article-metadata.js';
import { buildImportedArticle } from './build-imported-article.js';
import type { ArticleFormat, ImportedArticle } from './imported-article.js';

/** Where a record sits in its corpus file, for the article and for error messages. */
export interface CorpusRecordPlace {
  file: string;
  format: Extract<ArticleFormat, 'json' | 'jsonl'>;
  /** 1-based position of the record in the corpus. */
  index: number;
  line: number;
  column?: number;
  /** Whether the file's text started with a byte-order mark (removed before parsing). */
  bomRemoved: boolean;
}

/** A record that is not an article, and why, in words a person can act on. */
export interface CorpusRecordProblem {
  problem: string;
}

/** The optional string fields of a record, and what they become. */
const STRING_FIELDS = ['title', 'source', 'outlet', 'date', 'url', 'author'] as const;

/**
 * Reads one corpus record `{title?, text, source? | outlet?, date?, url?, id?, author?}` as an
 * article. `text` must be a string with some non-whitespace; the optional fields must be strings
 * (or null), `id` a string or a number. Other fields are ignored. The date falls back to a
 * ` date YYYY-MM-DD ` prefix of the text.
 */
export function articleFromCorpusRecord(value: unknown, place: CorpusRecordPlace): ImportedArticle | CorpusRecordProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `is ${describeJsonType(value)}, not an article object like {"title": "…", "text": "…"}` };
  }
  const record = value as Record<string, unknown>;
  const text = record['text'];
  if (text === undefined || text === null) return { problem: 'has no "text" field (the article text, as a string)' };
  if (typeof text !== 'string') return { problem: `has a "text" that is ${describeJsonType(text)}; it must be a string` };
  if (text.trim() === '') return { problem: 'has an empty "text"' };
  for (const field of STRING_FIELDS) {
    const fieldValue = record[field];
    if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'string') {
      return { problem: `has a "${field}" that is ${describeJsonType(fieldValue)}; it must be a string` };
    }
  }
  const id = record['id'];
  if (id !== undefined && id !== null && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    return { problem: `has an "id" that is ${describeJsonType(id)}; it must be a string or a number` };
  }
  const normalised = normaliseText(text);
  const given = (field: string): string | null => (typeof record[field] === 'string' ? (record[field] as string) : null);
  return buildImportedArticle({
    format: place.format,
    text: normalised.text,
    normalisation: { ...normalised.normalisation, bomRemoved: place.bomRemoved || normalised.normalisation.bomRemoved },
    sourceFile: place.file,
    sourceId: id === undefined || id === null ? null : String(id),
    sourceLine: place.line,
    title: given('title'),
    outlet: given('outlet') ?? given('source'),
    date: storedDateOf(given('date')) ?? datePrefixOf(normalised.text),
    url: given('url'),
    author: given('author'),
  });
}

/** "a number", "an array", "null", "a string": a JSON value's type, as a message names it. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return typeof value;
  }
}
