import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { WorkbenchCache, WorkbenchState } from './workbench-cache.js';

const CacheContext = createContext<WorkbenchCache | null>(null);

/** Makes the workbench cache (and through it the services) available to every component below. */
export function WorkbenchProvider({ cache, children }: { cache: WorkbenchCache; children: ReactNode }) {
  return <CacheContext.Provider value={cache}>{children}</CacheContext.Provider>;
}

/** The workbench cache: reads and every mutation of the workspace go through it. */
export function useCache(): WorkbenchCache {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useCache is used outside a WorkbenchProvider.');
  return cache;
}

/**
 * One part of the cache's snapshot, re-rendering when it changes. `select` must return a part of the
 * state as it is (not a new object), so unchanged parts keep their identity.
 */
export function useWorkbenchState<T>(select: (state: WorkbenchState) => T): T {
  const cache = useCache();
  return useSyncExternalStore(cache.subscribe, () => select(cache.state()));
}
