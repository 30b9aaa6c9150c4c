import type { TextNormalisation } from '../model/document.js';

/** An article read from a source, normalised and ready to be stored as a document. */
export interface ImportedArticle {
  title: string;
  outlet: string | null;
  date: string | null;
  url: string | null;
  /** The file name it came from, where it came from a file. */
  sourceFile: string | null;
  /** The normalised text that annotation offsets will refer to. */
  text: string;
  normalisation: TextNormalisation;
}
