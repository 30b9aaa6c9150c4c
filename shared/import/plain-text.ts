import { normaliseText } from '../text/normalise-text.js';
import { datePrefixOf, fallbackTitle } from './article-metadata.js';
import type { ImportedArticle } from './imported-article.js';

/**
 * Reads a plain-text article: normalises the text and takes the title from its first line and the
 * date from a leading ` date YYYY-MM-DD ` prefix. The prefix stays in the stored text, so offsets
 * match the file a reader has.
 */
export function importPlainText(fileName: string | null, raw: string): ImportedArticle {
  const { text, normalisation } = normaliseText(raw);
  return {
    title: fallbackTitle(text, fileName),
    outlet: null,
    date: datePrefixOf(text),
    url: null,
    sourceFile: fileName,
    text,
    normalisation,
  };
}
