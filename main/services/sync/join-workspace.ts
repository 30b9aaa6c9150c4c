import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { openGitSession, refuseCredentialsInUrl } from './git-session.js';
import { SyncError } from './sync-error.js';
import { withWorkspaceLock, type SyncLockHolder } from './sync-lock.js';
import { resolveOrNull, MAIN_REF, TEAM_BRANCH, TEAM_REMOTE } from './team-repository.js';

/** What joining a team workspace needs. */
export interface JoinOptions {
  /** The team's repository (http:// or https://, without credentials). */
  remoteUrl: string;
  /** A new or empty folder to clone into. */
  dir: string;
  /** Sent as HTTP Basic credentials; never stored. */
  token?: string | undefined;
  /** Where the token comes from, named in errors about it (e.g. `CORROBORATE_GIT_TOKEN`). */
  tokenName?: string | undefined;
  signal?: AbortSignal | undefined;
  /** isomorphic-git's progress (objects received, files written). */
  onProgress?: ((progress: { phase: string; loaded: number; total: number }) => void) | undefined;
  holder?: SyncLockHolder | undefined;
}

/** What joining did. */
export interface JoinOutcome {
  /** The commit the workspace is at. */
  head: string;
}

/**
 * Clones the team workspace at `remoteUrl` into `dir` (new, or empty), which then opens as a
 * workspace like any other and syncs with `syncWorkspace`. Refuses a folder with anything in it and
 * a repository that holds no workspace. When anything fails the folder is left as it was: removed
 * again when this call made it, emptied again when it was empty.
 */
export async function joinWorkspace(options: JoinOptions): Promise<JoinOutcome> {
  const { dir, remoteUrl } = options;
  refuseCredentialsInUrl(remoteUrl);
  const existing = await stat(dir).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(dir)).length > 0)) {
    throw new SyncError('bad-folder', `${dir} is not empty: join a team workspace into a new or empty folder.`);
  }
  await mkdir(dir, { recursive: true });
  const emptyRepository = () => new SyncError('no-repository', `The repository at ${remoteUrl} has no workspace yet (no ${TEAM_BRANCH} branch): share one into it first.`);
  const session = openGitSession({ dir, remoteUrl, token: options.token, tokenName: options.tokenName, signal: options.signal });
  try {
    return await withWorkspaceLock(dir, options.holder ?? 'cli', async () => {
      try {
        await git.clone({
          fs: session.fs,
          http: session.http,
          dir,
          url: remoteUrl,
          cache: session.cache,
          remote: TEAM_REMOTE,
          ref: TEAM_BRANCH,
          singleBranch: true,
          noTags: true,
          onAuth: session.onAuth,
          onAuthFailure: session.onAuthFailure,
          onProgress: options.onProgress,
        });
      } catch (error) {
        throw error instanceof git.Errors.NotFoundError ? emptyRepository() : error;
      }
      const head = await resolveOrNull(session, MAIN_REF);
      if (head === null) throw emptyRepository();
      if (!(await stat(join(dir, WORKSPACE_FILE)).catch(() => null))) {
        throw new SyncError('no-repository', `The repository at ${remoteUrl} holds no Corroborate workspace (it has no ${WORKSPACE_FILE}).`);
      }
      return { head };
    });
  } catch (error) {
    if (existing) {
      for (const name of await readdir(dir).catch(() => [])) await rm(join(dir, name), { recursive: true, force: true });
    } else {
      await rm(dir, { recursive: true, force: true });
    }
    throw session.toError(error);
  }
}
