import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ImportedArticle } from '../../../shared/import/imported-article.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import type { ServiceContext } from '../service-context.js';
import { ArticleImportService } from './article-import-service.js';
import { documentMetaFor } from './document-meta-for.js';

/** The outcome of adding one article to the workspace. */
export type AddArticleResult = { added: DocumentMeta } | { alreadyPresent: DocumentMeta };

/** The imports domain: staged article imports (read and checked first, then stored at once). */
export type ImportsService = Pick<WorkbenchApi, 'beginImport' | 'addImportFiles' | 'commitImport' | 'cancelImport'> & {
  /**
   * Stores an imported article as a new document, unless a document with the same text is already
   * in the workspace (then that one is returned).
   */
  addArticle(article: ImportedArticle): Promise<AddArticleResult>;
};

/** The imports services of the workspace in `context`; articles over `maxFileBytes` are refused unread. */
export function importsService({ store, now }: ServiceContext, maxFileBytes: number): ImportsService {
  const imports = new ArticleImportService(store, { maxFileBytes, now });
  return {
    beginImport: async () => imports.begin(),
    addImportFiles: async ({ importId, files }) => ({ files: await imports.addFiles(importId, files) }),
    commitImport: ({ importId, replace }) => imports.commit(importId, replace),
    cancelImport: async ({ importId }) => ({ cancelled: imports.cancel(importId) }),
    async addArticle(article) {
      const hash = contentHash(article.text);
      const existing = store.workspace.documents.find((d) => d.contentHash === hash);
      if (existing) return { alreadyPresent: existing };
      const meta = documentMetaFor(article, hash, now().toISOString());
      await store.commitDocuments([{ meta, text: article.text, annotations: [] }]);
      return { added: meta };
    },
  };
}
