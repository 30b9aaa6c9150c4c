import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ServiceContext } from '../service-context.js';
import { readDocumentHistory } from './document-history.js';

/** The history domain: who changed what in an article, and when, from the team workspace's git history. */
export type HistoryService = Pick<WorkbenchApi, 'getDocumentHistory'>;

/** The history services of the workspace in `context`. */
export function historyService({ store }: ServiceContext): HistoryService {
  return {
    async getDocumentHistory({ documentId, limit }) {
      store.requireDocument(documentId);
      // My latest edits are on disk before the working tree is compared with the last commit.
      await store.flush();
      return readDocumentHistory({ dir: store.dir, documentId, limit });
    },
  };
}
