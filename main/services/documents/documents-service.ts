import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ServiceContext } from '../service-context.js';
import { updateDocumentMeta } from './document-meta-editing.js';
import { searchWorkspace } from './workspace-search.js';

/** The documents domain: the article list, opening an article, its details, searching every article. */
export type DocumentsService = Pick<WorkbenchApi, 'listDocuments' | 'openDocument' | 'listAnnotations' | 'updateDocumentMeta' | 'searchWorkspace'>;

/** The documents services of the workspace in `context`. */
export function documentsService({ store }: ServiceContext): DocumentsService {
  return {
    async listDocuments() {
      return store.workspace.documents.map((meta) => ({
        id: meta.id,
        title: meta.title,
        outlet: meta.outlet,
        date: meta.date,
        length: meta.length,
        annotationCount: store.knownAnnotationCount(meta.id),
      }));
    },
    async openDocument({ documentId }) {
      const meta = store.requireDocument(documentId);
      const [text, annotations] = await Promise.all([store.readText(documentId), store.readAnnotations(documentId)]);
      return { meta, text, annotations: [...annotations] };
    },
    async listAnnotations({ documentId }) {
      store.requireDocument(documentId);
      return [...(await store.readAnnotations(documentId))];
    },
    updateDocumentMeta: (edit) => updateDocumentMeta(store, edit),
    searchWorkspace: async (input) => searchWorkspace(store, input),
  };
}
