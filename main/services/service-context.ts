import { userInfo } from 'node:os';
import type { WorkspaceStore } from '../workspace/workspace-store.js';

/** What every domain service of one open workspace shares. */
export interface ServiceContext {
  store: WorkspaceStore;
  /** Name recorded as the author of new annotations, links and cluster names. */
  author: string;
  /** Clock for timestamps (tests pass a fixed one). */
  now: () => Date;
}

/** The name of the user running the program, for authorship; `unknown` where the system will not say. */
export function currentUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
