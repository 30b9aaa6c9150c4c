import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { TextRange } from '../../../../shared/model/annotation.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

const lastDocumentKey = (workspacePath: string) => `corroborate.lastDocument:${workspacePath}`;

/** The article being read, and how to open another. */
export interface OpenArticle {
  /** The open article (text, metadata, annotations as saved), or null. */
  opened: OpenedDocument | null;
  /** Why the workspace could not be loaded, if it could not. */
  loadError: string | null;
  /** Opens an article (remembered for the next start of this workspace). */
  open(documentId: string): Promise<void>;
  /** Opens an article and selects `range` in it once it is shown (a workspace search hit). */
  openAt(documentId: string, range: TextRange): void;
  /** The range to select once the article is shown, taken once. */
  takeRangeToReveal(): TextRange | null;
  /** Loads the workspace again (after an import or a restore), opening `preferred` or the remembered article. */
  reload(preferred?: string): Promise<void>;
}

/**
 * Which article is open: the one remembered for this workspace at start, else the first; switching
 * articles calls `onSwitch` first, so per-article state (focus, pieces, find) starts afresh.
 */
export function useOpenArticle(onSwitch: () => void): OpenArticle {
  const cache = useCache();
  const [openId, setOpenId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const opened = useWorkbenchState((state) => (openId ? state.opened.get(openId) : undefined)) ?? null;
  const rangeToReveal = useRef<TextRange | null>(null);
  const switched = useRef(onSwitch);
  switched.current = onSwitch;

  const open = useCallback(
    async (documentId: string) => {
      await cache.open(documentId);
      switched.current();
      setOpenId(documentId);
      const workspace = cache.state().workspace;
      if (workspace) localStorage.setItem(lastDocumentKey(workspace.path), documentId);
    },
    [cache],
  );

  const reload = useCallback(
    async (preferred?: string) => {
      const workspace = await cache.load();
      document.title = `${workspace.name} — Corroborate`;
      const { documents } = cache.state();
      const remembered = preferred ?? localStorage.getItem(lastDocumentKey(workspace.path));
      const first = documents.find((d) => d.id === remembered) ?? documents[0];
      if (first) await open(first.id);
      else setOpenId(null);
    },
    [cache, open],
  );

  useEffect(() => {
    reload().catch((error: unknown) => setLoadError((error as Error).message));
  }, [reload]);

  // The cache keeps a few articles; one dropped while shown (and still listed) is read again.
  const listed = useWorkbenchState((state) => openId !== null && state.documents.some((d) => d.id === openId));
  useEffect(() => {
    if (openId && listed && !opened) void cache.open(openId).catch(() => undefined);
  }, [cache, openId, listed, opened]);

  return {
    opened,
    loadError,
    open,
    openAt(documentId, range) {
      rangeToReveal.current = range;
      void open(documentId);
    },
    takeRangeToReveal() {
      const range = rangeToReveal.current;
      rangeToReveal.current = null;
      return range;
    },
    reload: (preferred) => reload(preferred).catch((error: unknown) => setLoadError((error as Error).message)),
  };
}
