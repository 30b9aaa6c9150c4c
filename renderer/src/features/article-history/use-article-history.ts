import { useEffect, useState } from 'react';
import type { DocumentHistory } from '../../../../shared/api/contract/index.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

/** How many changes are read at first, and how many more each "Show older changes". */
export const HISTORY_PAGE = 50;

/** The open article's history as the panel shows it. */
export interface ArticleHistoryState {
  /** Null until read (and while another article's is read). */
  history: DocumentHistory | null;
  /** Why it could not be read, if it could not. */
  error: string | null;
  /** Reads more (older) changes. */
  showOlder(): void;
}

/**
 * The history of article `documentId` while `open`: read from the services when it opens, when the
 * article changes, and again after each of my edits to it (they are the changes not yet synced).
 */
export function useArticleHistory(documentId: string, open: boolean): ArticleHistoryState {
  const cache = useCache();
  const [history, setHistory] = useState<DocumentHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const mine = useWorkbenchState((state) => state.opened.get(documentId)?.annotations);

  useEffect(() => {
    setHistory(null);
    setLimit(HISTORY_PAGE);
  }, [documentId]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setError(null);
    cache.api.getDocumentHistory({ documentId, limit }).then(
      (read) => current && setHistory(read),
      (failure: unknown) => current && setError((failure as Error).message),
    );
    return () => {
      current = false;
    };
  }, [cache, documentId, open, limit, mine]);

  return { history, error, showOlder: () => setLimit((n) => n + HISTORY_PAGE) };
}
