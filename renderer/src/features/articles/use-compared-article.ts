import { useEffect, useState } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

/** The article shown beside the open one, and how to choose another. */
export interface ComparedArticle {
  /** The compared article's id, or null when side by side is closed or there is no other article. */
  documentId: string | null;
  /** The compared article as loaded (null until it is). */
  opened: OpenedDocument | null;
  /** Shows another article beside the open one. */
  choose(documentId: string): void;
}

/**
 * Which article is compared with the open one (`leftDocumentId`; null while side by side is
 * closed): the first other article at first, never the open one itself, loaded when chosen.
 */
export function useComparedArticle(leftDocumentId: string | null): ComparedArticle {
  const cache = useCache();
  const documents = useWorkbenchState((state) => state.documents);
  const [chosen, setChosen] = useState<string | null>(null);
  const listed = (id: string | null) => id !== null && id !== leftDocumentId && documents.some((d) => d.id === id);
  const documentId = leftDocumentId === null ? null : listed(chosen) ? chosen : (documents.find((d) => d.id !== leftDocumentId)?.id ?? null);
  const opened = useWorkbenchState((state) => (documentId ? state.opened.get(documentId) : undefined)) ?? null;

  useEffect(() => {
    if (documentId && !opened) void cache.open(documentId).catch(() => undefined);
  }, [cache, documentId, opened]);

  return { documentId, opened, choose: setChosen };
}
