import { randomUUID } from 'node:crypto';
import type { DocumentMeta } from '../../../shared/model/document.js';
import type { ImportedArticle } from '../../../shared/import/imported-article.js';

/** The metadata of a new document made from an imported article: a fresh id, its hash and time of import. */
export function documentMetaFor(article: ImportedArticle, contentHash: string, importedAt: string): DocumentMeta {
  return {
    id: randomUUID(),
    title: article.title,
    outlet: article.outlet,
    date: article.date,
    dateWarning: article.dateWarning,
    author: article.author,
    url: article.url,
    sourceFile: article.sourceFile,
    contentHash,
    length: article.text.length,
    normalisation: article.normalisation,
    importedAt,
  };
}
