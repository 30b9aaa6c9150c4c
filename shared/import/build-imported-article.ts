import type { TextNormalisation } from '../model/document.js';
import { fallbackTitle, storedDateOf } from './article-metadata.js';
import { dateWarningFor } from './date-trust.js';
import type { ArticleFormat, ImportedArticle } from './imported-article.js';

/** What a format reader found: the normalised text and whatever metadata the source gave. */
export interface ArticleFields {
  format: ArticleFormat;
  text: string;
  normalisation: TextNormalisation;
  sourceFile: string | null;
  title?: string | null;
  outlet?: string | null;
  date?: string | null;
  author?: string | null;
  url?: string | null;
  sourceId?: string | null;
  sourceLine?: number | null;
}

/**
 * Completes an ImportedArticle from what a reader found: blank metadata becomes null, a missing
 * title falls back to the text's first line (or the file name), an ISO date-time becomes its
 * `YYYY-MM-DD`, and the date gets its warning.
 */
export function buildImportedArticle(fields: ArticleFields): ImportedArticle {
  const date = storedDateOf(blankToNull(fields.date));
  return {
    title: blankToNull(fields.title) ?? fallbackTitle(fields.text, fields.sourceFile),
    outlet: blankToNull(fields.outlet),
    date,
    dateWarning: dateWarningFor(date, fields.text),
    author: blankToNull(fields.author),
    url: blankToNull(fields.url),
    sourceFile: fields.sourceFile,
    sourceId: blankToNull(fields.sourceId),
    sourceLine: fields.sourceLine ?? null,
    format: fields.format,
    text: fields.text,
    normalisation: fields.normalisation,
  };
}

/** One line of metadata as stored: inner whitespace collapsed, trimmed, null when nothing is left. */
function blankToNull(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return collapsed === '' ? null : collapsed;
}
