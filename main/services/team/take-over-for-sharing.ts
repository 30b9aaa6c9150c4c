import { identityOf } from '../../../shared/model/annotator.js';
import { refuseForeignFolder } from '../../workspace/workspace-folder.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';
import { adoptOwnerLayer } from './adopt-owner-layer.js';
import type { CommitAuthor } from '../sync/team-repository.js';
import { asSyncLockError } from '../sync/sync-lock.js';

/**
 * Before a workspace is shared from the command line, makes its work the sharer's: the workspace is
 * opened as them (a workspace from before layers is upgraded into their layer) and the owner's layer
 * (work done while nobody said who they were) becomes theirs, as the app does when a person first
 * says who they are. Without this, the team would receive the work as nobody's, and the first
 * teammate to say who they are would take it over. Resolves to how many annotations moved.
 */
export async function takeOverForSharing(dir: string, sharer: CommitAuthor): Promise<number> {
  // A folder that is no workspace is left to the share, which refuses it saying so.
  if (!(await refuseForeignFolder(dir))) return 0;
  const annotator = identityOf({ name: sharer.name, email: sharer.email ?? '' });
  const store = await WorkspaceStore.open(dir, { holder: 'cli', create: false, annotator }).catch((error: unknown) => {
    throw asSyncLockError(error);
  });
  try {
    return store.readOnlyReason ? 0 : await adoptOwnerLayer(store);
  } finally {
    await store.close();
  }
}
