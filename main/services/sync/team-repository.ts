import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { WORKSPACE_LOCK_FILE_NAME, writeFileDurably } from '../../storage/index.js';
import { notAWorkspaceError, WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { durableGitFs } from './durable-git-fs.js';
import type { GitSession } from './git-session.js';
import { findWorkingTreeChanges, type WorkingTreeChanges } from './working-tree-changes.js';
import { SyncError } from './sync-error.js';

/** The branch a team workspace is shared on. */
export const TEAM_BRANCH = 'main';
/** The local branch's full name. */
export const MAIN_REF = `refs/heads/${TEAM_BRANCH}`;
/** The remote every member syncs with. */
export const TEAM_REMOTE = 'origin';
/** Where the last fetched state of the team's branch is kept. */
export const TRACKING_REF = `refs/remotes/${TEAM_REMOTE}/${TEAM_BRANCH}`;
/** A ref that exists only while a sync pushes its result (push sends a ref, not a bare commit). */
export const OUTGOING_REF = 'refs/corroborate/outgoing';

/** Who commits: the annotator syncing. */
export interface CommitAuthor {
  name: string;
  email?: string | undefined;
}

/**
 * What a workspace keeps out of its repository: everything that belongs to this machine only. The
 * writer's lock (and the files used to break a stale one), the temp files of atomic writes
 * (`.<name>.<pid>.<random>.tmp`), the rolling backups in `.backups/`, and exports (derived from the
 * workspace, often large). Unsaved edits kept at shutdown go to recovery files in the app-data
 * folder, outside every workspace, so they never reach a repository either.
 */
export const WORKSPACE_GITIGNORE = `# Written by Corroborate: files that belong to this machine only, never shared.
/${WORKSPACE_LOCK_FILE_NAME}
/${WORKSPACE_LOCK_FILE_NAME}.*
.*.tmp
/.backups/
/exports/
`;

/** Whether `dir` holds a git repository. */
export async function isRepository(dir: string): Promise<boolean> {
  return stat(join(dir, '.git')).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Makes sure the workspace's `.gitignore` keeps out every line of `WORKSPACE_GITIGNORE`, adding the
 * missing ones to a `.gitignore` already there. Resolves to what to put back to undo it: the
 * previous text (null: there was none), or undefined when nothing was changed.
 */
export async function ensureGitignore(dir: string): Promise<{ previous: string | null } | undefined> {
  const path = join(dir, '.gitignore');
  const previous = await readFile(path, 'utf8').catch(() => null);
  if (previous === null) {
    await writeFileDurably(path, WORKSPACE_GITIGNORE);
    return { previous };
  }
  const present = new Set(previous.split(/\r?\n/).map((line) => line.trim()));
  const missing = WORKSPACE_GITIGNORE.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !present.has(line));
  if (missing.length === 0) return undefined;
  await writeFileDurably(path, `${previous}${previous.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
  return { previous };
}

/** Undoes `ensureGitignore`. */
export async function restoreGitignore(dir: string, undo: { previous: string | null } | undefined): Promise<void> {
  if (undo === undefined) return;
  const path = join(dir, '.gitignore');
  if (undo.previous === null) await rm(path, { force: true });
  else await writeFileDurably(path, undo.previous);
}

/** The URL of the team remote of the workspace in `dir`; refuses a folder that is not a workspace, or not shared. */
export async function teamRemoteUrl(dir: string): Promise<string> {
  if (!(await stat(join(dir, WORKSPACE_FILE)).catch(() => null))) throw new SyncError('bad-folder', (await notAWorkspaceError(dir)).message);
  if (!(await isRepository(dir))) {
    throw new SyncError('not-shared', `${dir} is not a team workspace yet: share it first, or join the team's workspace into a new folder.`);
  }
  const url = (await git.getConfig({ fs: durableGitFs, dir, path: `remote.${TEAM_REMOTE}.url` })) as string | undefined;
  if (!url) throw new SyncError('not-shared', `${dir} is a git repository without a team remote: share it first.`);
  return url;
}

/** The commit a ref points to, or null when it does not exist. */
export async function resolveOrNull(session: GitSession, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs: session.fs, dir: session.dir, ref });
  } catch (error) {
    if (error instanceof git.Errors.NotFoundError) return null;
    throw error;
  }
}

/** The branches and the index as they were before a sync started, to put back if it fails. */
export interface RepositorySnapshot {
  main: string | null;
  tracking: string | null;
  index: Buffer | null;
}

/** Records the branches and the index of the session's repository. */
export async function takeSnapshot(session: GitSession): Promise<RepositorySnapshot> {
  return {
    main: await resolveOrNull(session, MAIN_REF),
    tracking: await resolveOrNull(session, TRACKING_REF),
    index: await readFile(join(session.dir, '.git', 'index')).catch(() => null),
  };
}

/**
 * Puts the branches and the index back as `snapshot` recorded them, and removes the outgoing ref.
 * Objects written meanwhile stay, unreferenced: git ignores them, and they never change anything.
 */
export async function restoreSnapshot(session: GitSession, snapshot: RepositorySnapshot): Promise<void> {
  const { fs, dir } = session;
  for (const [ref, oid] of [
    [MAIN_REF, snapshot.main],
    [TRACKING_REF, snapshot.tracking],
  ] as const) {
    if (oid === null) await git.deleteRef({ fs, dir, ref }).catch(() => undefined);
    else if ((await resolveOrNull(session, ref)) !== oid) await git.writeRef({ fs, dir, ref, value: oid, force: true });
  }
  await git.deleteRef({ fs, dir, ref: OUTGOING_REF }).catch(() => undefined);
  const indexPath = join(dir, '.git', 'index');
  if (snapshot.index === null) await rm(indexPath, { force: true });
  else if (!snapshot.index.equals((await readFile(indexPath).catch(() => null)) ?? Buffer.alloc(0))) await writeFileDurably(indexPath, snapshot.index);
}

/**
 * Stages every change of the working tree (new, changed and deleted files; ignored files left out)
 * and, when there is any, writes a commit of it on top of `parent` without moving the branch.
 * Resolves to the new commit, or to `parent` when nothing changed.
 */
export async function commitWorkingTree(session: GitSession, parent: string | null, author: CommitAuthor, message: string): Promise<string | null> {
  const { fs, dir, cache } = session;
  const headTree = parent === null ? null : (await git.readCommit({ fs, dir, oid: parent, cache })).commit.tree;
  const changes = (await findWorkingTreeChanges(session, headTree)) ?? (await changesByStatusMatrix(session, parent));
  if (changes.toStage.length > 0) await git.add({ fs, dir, cache, filepath: changes.toStage });
  for (const filepath of changes.toUnstage) await git.remove({ fs, dir, cache, filepath });
  if (!changes.differsFromCommit && parent !== null) return parent;
  return git.commit({
    fs,
    dir,
    cache,
    message,
    author: commitIdentity(author),
    parent: parent === null ? [] : [parent],
    noUpdateBranch: true,
  });
}

/** The same as `findWorkingTreeChanges`, through isomorphic-git's status matrix (any index, every file compared). */
async function changesByStatusMatrix(session: GitSession, parent: string | null): Promise<WorkingTreeChanges> {
  const rows = await git.statusMatrix({ fs: session.fs, dir: session.dir, cache: session.cache, ref: parent ?? MAIN_REF });
  const changes: WorkingTreeChanges = { toStage: [], toUnstage: [], differsFromCommit: false };
  for (const [filepath, head, workdir, stage] of rows) {
    if (workdir === 0) {
      if (stage !== 0) changes.toUnstage.push(filepath);
      if (head === 1) changes.differsFromCommit = true;
      continue;
    }
    if (!((workdir === 1 && stage === 1) || (workdir === 2 && stage === 2))) changes.toStage.push(filepath);
    if (workdir === 2) changes.differsFromCommit = true;
  }
  return changes;
}

/** An author as git records it: the annotator's name, and their email when they gave one. */
export function commitIdentity(author: CommitAuthor): { name: string; email: string } {
  return { name: author.name, email: author.email ?? '' };
}
