import { useEffect } from 'react';
import type { ResolvedLink } from '../../../shared/model/link.js';
import { useCache, useWorkbenchState } from './workbench-context.js';

const NONE: readonly ResolvedLink[] = [];

/** The links touching a document, read once and then kept up to date by the cache; empty until read. */
export function useDocumentLinks(documentId: string | null): readonly ResolvedLink[] {
  const cache = useCache();
  const links = useWorkbenchState((state) => (documentId ? state.links.get(documentId) : undefined));
  useEffect(() => {
    if (documentId && !links) void cache.linksOf(documentId).catch(() => undefined);
  }, [cache, documentId, links]);
  return links ?? NONE;
}
