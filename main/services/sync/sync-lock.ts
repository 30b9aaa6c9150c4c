import { WorkspaceLock, WorkspaceLockedError, type WorkspaceLockHolder } from '../../storage/index.js';
import { SyncError } from './sync-error.js';

/** Says a share or sync runs for the process that holds the workspace already (the app's open store), so no lock is taken. */
export const LOCK_HELD_BY_CALLER = 'held-by-caller';
/** Who holds the lock while a share, join or sync runs: a holder it is taken for, or the caller, who holds it already. */
export type SyncLockHolder = WorkspaceLockHolder | typeof LOCK_HELD_BY_CALLER;

/**
 * Runs `work` holding the workspace's writer lock, so that no other process edits the files a share,
 * join or sync reads and rewrites; a workspace open elsewhere (the desktop app, the browser host,
 * another command) is refused with who holds it. The lock is released however `work` ends. A caller
 * that holds the lock already (`LOCK_HELD_BY_CALLER`) runs `work` as it is.
 */
export async function withWorkspaceLock<T>(dir: string, holder: SyncLockHolder, work: () => Promise<T>): Promise<T> {
  if (holder === LOCK_HELD_BY_CALLER) return work();
  let lock: WorkspaceLock;
  try {
    lock = await WorkspaceLock.acquire(dir, holder, { releaseOnExit: true });
  } catch (error) {
    throw asSyncLockError(error);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** A refusal because the workspace is open elsewhere, said as sharing and syncing say it; any other error as it is. */
export function asSyncLockError(error: unknown): unknown {
  if (!(error instanceof WorkspaceLockedError)) return error;
  return new SyncError('workspace-locked', `${error.message}: close it there first, so that no edit is made while the files are synced.`);
}
