import type { WorkbenchCache } from './workbench-cache.js';

/**
 * A store kept once per workspace connection (per cache), made on first use: the assignments, my
 * identity, the curation statuses. `const storeOf = perConnection((cache) => new Store(cache))`,
 * then `storeOf(cache)` gives the same store for the same connection.
 */
export function perConnection<T>(create: (cache: WorkbenchCache) => T): (cache: WorkbenchCache) => T {
  const stores = new WeakMap<WorkbenchCache, T>();
  return (cache) => {
    let store = stores.get(cache);
    if (!store) stores.set(cache, (store = create(cache)));
    return store;
  };
}

/**
 * Calls `read` now and again whenever the workspace is (re)loaded: a new workspace description in
 * the cache (opened, imported into, another identity, synced, or its schema edited). A failed read
 * is left for the next one.
 */
export function readOnEveryLoad(cache: WorkbenchCache, read: () => Promise<unknown>): void {
  let described = cache.state().workspace;
  cache.subscribe(() => {
    const { workspace } = cache.state();
    if (workspace === described) return;
    described = workspace;
    if (workspace) void read().catch(() => undefined);
  });
  void read().catch(() => undefined);
}
