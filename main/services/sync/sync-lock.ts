import { WorkspaceLock, WorkspaceLockedError, type WorkspaceLockHolder } from '../../storage/index.js';
import { SyncError } from './sync-error.js';

/**
 * Runs `work` holding the workspace's writer lock, so that no other process edits the files a share,
 * join or sync reads and rewrites; a workspace open elsewhere (the desktop app, the browser host,
 * another command) is refused with who holds it. The lock is released however `work` ends.
 */
export async function withWorkspaceLock<T>(dir: string, holder: WorkspaceLockHolder, work: () => Promise<T>): Promise<T> {
  let lock: WorkspaceLock;
  try {
    lock = await WorkspaceLock.acquire(dir, holder, { releaseOnExit: true });
  } catch (error) {
    if (error instanceof WorkspaceLockedError) {
      throw new SyncError('workspace-locked', `${error.message}: close it there first, so that no edit is made while the files are synced.`);
    }
    throw error;
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
