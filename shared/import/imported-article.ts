import type { TextNormalisation } from '../model/document.js';

/** The file formats the importer reads, as recognised from a file's extension or content. */
export type ArticleFormat = 'plain-text' | 'markdown' | 'html' | 'json' | 'jsonl';

/** An article read from a source, normalised and ready to be stored as a document. */
export interface ImportedArticle {
  title: string;
  outlet: string | null;
  /** Publication date as given (`YYYY-MM-DD` where it is an ISO date), where known. */
  date: string | null;
  /**
   * Why the date should not be trusted as given (in the future, before a year the text tells of as
   * past, January 1st placeholder, not a calendar date), or null when nothing looks wrong. The date
   * itself is kept.
   */
  dateWarning: string | null;
  /** The byline, where the source gives one. */
  author: string | null;
  url: string | null;
  /** The file name it came from, where it came from a file. */
  sourceFile: string | null;
  /** The identifier a corpus record gave the article (its `id`), where given. */
  sourceId: string | null;
  /** The 1-based line of the file where a corpus record starts; null for single-article files. */
  sourceLine: number | null;
  /** The format it was read from. */
  format: ArticleFormat;
  /** The normalised text that annotation offsets will refer to. */
  text: string;
  normalisation: TextNormalisation;
}
