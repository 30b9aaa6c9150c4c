import type { WorkspaceStore } from '../workspace/workspace-store.js';

/** What every domain service of one open workspace shares (who edits is the store's annotator). */
export interface ServiceContext {
  store: WorkspaceStore;
  /** Clock for timestamps (tests pass a fixed one). */
  now: () => Date;
}
