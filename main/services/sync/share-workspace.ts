import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { refuseForeignFolder, WORKSPACE_FILE, WorkspaceOpenError } from '../../workspace/workspace-folder.js';
import { durableGitFs } from './durable-git-fs.js';
import { openGitSession, refuseCredentialsInUrl } from './git-session.js';
import { SyncError } from './sync-error.js';
import { withWorkspaceLock, type SyncLockHolder } from './sync-lock.js';
import {
  commitWorkingTree,
  ensureGitignore,
  isRepository,
  MAIN_REF,
  OUTGOING_REF,
  restoreGitignore,
  restoreSnapshot,
  takeSnapshot,
  TEAM_BRANCH,
  TEAM_REMOTE,
  type CommitAuthor,
} from './team-repository.js';

/** What sharing a workspace needs. */
export interface ShareOptions {
  /** The workspace folder to share. */
  dir: string;
  /** The team's repository (http:// or https://, without credentials); it must have no branch yet. */
  remoteUrl: string;
  /** Sent as HTTP Basic credentials; never stored. */
  token?: string | undefined;
  /** Where the token comes from, named in errors about it (e.g. `CORROBORATE_GIT_TOKEN`). */
  tokenName?: string | undefined;
  /** Who commits the workspace as it is. */
  author: CommitAuthor;
  signal?: AbortSignal | undefined;
  holder?: SyncLockHolder | undefined;
}

/** What sharing did. */
export interface ShareOutcome {
  /** The commit the team's branch now holds. */
  head: string;
  /** Whether the folder was made a git repository by this call. */
  createdRepository: boolean;
}

/**
 * Makes the workspace in `dir` a team workspace: a git repository (when it is not one yet) whose
 * `.gitignore` keeps this machine's files out (the lock, temp files, backups, exports), with
 * everything else committed and pushed to `remoteUrl` as the team's `main` branch. A remote that
 * already holds a workspace is refused (join it instead). When anything fails the folder is left as
 * it was: a repository made by this call is removed again, one that existed gets its branches,
 * index and remote back.
 */
export async function shareWorkspace(options: ShareOptions): Promise<ShareOutcome> {
  const { dir, remoteUrl } = options;
  refuseCredentialsInUrl(remoteUrl);
  try {
    if (!(await refuseForeignFolder(dir))) throw new SyncError('bad-folder', `${dir} is not a Corroborate workspace (it has no ${WORKSPACE_FILE}): only a workspace can be shared.`);
  } catch (error) {
    if (error instanceof WorkspaceOpenError) throw new SyncError('bad-folder', error.message);
    throw error;
  }
  return withWorkspaceLock(dir, options.holder ?? 'cli', async () => {
    const fs = durableGitFs;
    const existed = await isRepository(dir);
    const session = openGitSession({ dir, remoteUrl, token: options.token, tokenName: options.tokenName, signal: options.signal });
    const snapshot = existed ? await takeSnapshot(session) : null;
    const previousRemote = existed ? ((await git.getConfig({ fs, dir, path: `remote.${TEAM_REMOTE}.url` })) as string | undefined) : undefined;
    if (previousRemote !== undefined && previousRemote !== remoteUrl) {
      throw new SyncError('bad-remote', `${dir} is already shared with ${previousRemote}; sync it there instead.`);
    }
    if (existed && (await git.currentBranch({ fs, dir })) !== TEAM_BRANCH) {
      throw new SyncError('bad-folder', `${dir} is a git repository on another branch than ${TEAM_BRANCH}; Corroborate shares the branch ${TEAM_BRANCH}.`);
    }
    let gitignoreUndo: Awaited<ReturnType<typeof ensureGitignore>> = undefined;
    try {
      if (!existed) await git.init({ fs, dir, defaultBranch: TEAM_BRANCH });
      gitignoreUndo = await ensureGitignore(dir);
      await git.addRemote({ fs, dir, remote: TEAM_REMOTE, url: remoteUrl, force: true });
      await git.setConfig({ fs, dir, path: `branch.${TEAM_BRANCH}.remote`, value: TEAM_REMOTE });
      await git.setConfig({ fs, dir, path: `branch.${TEAM_BRANCH}.merge`, value: MAIN_REF });
      const head = await commitWorkingTree(session, snapshot?.main ?? null, options.author, `Share the workspace (by ${options.author.name})`);
      session.throwIfCancelled();
      const info = await git.getRemoteInfo({ http: session.http, url: remoteUrl, onAuth: session.onAuth, onAuthFailure: session.onAuthFailure, forPush: true });
      const remoteHead = (info.refs as { heads?: Record<string, string> } | undefined)?.heads?.[TEAM_BRANCH];
      if (remoteHead !== undefined && remoteHead !== head && remoteHead !== snapshot?.main) {
        throw new SyncError('bad-remote', `The repository at ${remoteUrl} already holds a workspace: join it into a new folder instead of sharing this one.`);
      }
      await git.writeRef({ fs, dir, ref: OUTGOING_REF, value: head!, force: true });
      session.throwIfCancelled();
      await git.push({ fs, dir, http: session.http, cache: session.cache, onAuth: session.onAuth, onAuthFailure: session.onAuthFailure, remote: TEAM_REMOTE, ref: OUTGOING_REF, remoteRef: MAIN_REF, signal: options.signal });
      await git.writeRef({ fs, dir, ref: MAIN_REF, value: head!, force: true });
      await git.deleteRef({ fs, dir, ref: OUTGOING_REF });
      return { head: head!, createdRepository: !existed };
    } catch (error) {
      if (!existed) {
        await rm(join(dir, '.git'), { recursive: true, force: true });
      } else {
        await restoreSnapshot(session, snapshot!);
        if (previousRemote === undefined) await git.deleteRemote({ fs, dir, remote: TEAM_REMOTE }).catch(() => undefined);
      }
      await restoreGitignore(dir, gitignoreUndo);
      throw session.toError(error);
    }
  });
}
