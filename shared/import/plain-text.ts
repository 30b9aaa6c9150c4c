import { normaliseText } from '../text/normalise-text.js';
import { datePrefixOf } from './article-metadata.js';
import { buildImportedArticle } from './build-imported-article.js';
import type { ImportedArticle } from './imported-article.js';

/**
 * Reads a plain-text article: normalises the text and takes the title from its first line and the
 * date from a leading ` date YYYY-MM-DD ` prefix. The prefix stays in the stored text, so offsets
 * match the file a reader has.
 */
export function importPlainText(fileName: string | null, raw: string): ImportedArticle {
  const { text, normalisation } = normaliseText(raw);
  return buildImportedArticle({ format: 'plain-text', text, normalisation, sourceFile: fileName, date: datePrefixOf(text) });
}
