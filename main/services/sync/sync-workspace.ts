import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { ConflictSide } from '../../../shared/sync/merge-json.js';
import type { SettledConflict, SyncConflict } from '../../../shared/sync/merge-file.js';
import { writeFileDurably } from '../../storage/index.js';
import { openGitSession, type GitSession } from './git-session.js';
import { diffTrees, mergeTrees, readBlobBytes, treeOf, type TreeDifference } from './merge-trees.js';
import { clearPendingConflicts, readPendingConflicts, savePendingConflicts } from './pending-conflicts.js';
import { SyncError, describeServer, isRejectedAsBehind } from './sync-error.js';
import { withWorkspaceLock, type SyncLockHolder } from './sync-lock.js';
import {
  commitIdentity,
  commitWorkingTree,
  MAIN_REF,
  OUTGOING_REF,
  resolveOrNull,
  restoreSnapshot,
  takeSnapshot,
  TEAM_BRANCH,
  TEAM_REMOTE,
  teamRemoteUrl,
  TRACKING_REF,
  type CommitAuthor,
} from './team-repository.js';
import { workspaceMergeOptions } from './workspace-merge-rules.js';

/** How many times a push refused because someone pushed first is fetched, merged and tried again. */
export const MAX_PUSH_ATTEMPTS = 5;

/** Which step a sync is at; isomorphic-git's own progress (objects counted, received) rides along. */
export interface SyncProgress {
  phase: 'committing' | 'fetching' | 'merging' | 'pushing' | 'updating';
  /** Which push attempt the step belongs to (1 unless someone pushed first). */
  attempt: number;
  detail?: { phase: string; loaded: number; total: number };
}

/** What a sync needs. */
export interface SyncOptions {
  /** The team workspace's folder. */
  dir: string;
  /** Sent to the server as HTTP Basic credentials; never stored. */
  token?: string | undefined;
  /** Where the token comes from, named in errors about it (e.g. `CORROBORATE_GIT_TOKEN`). */
  tokenName?: string | undefined;
  /** Who commits the changes made here. */
  author: CommitAuthor;
  /** Cancels the sync; the workspace is then left as it was. A push that has landed is finished here regardless. */
  signal?: AbortSignal | undefined;
  /** Told each step as it starts (awaited). */
  onProgress?: ((progress: SyncProgress) => void | Promise<void>) | undefined;
  /** Who holds the workspace's lock while syncing (default `cli`; `LOCK_HELD_BY_CALLER` from the app, which holds it). */
  holder?: SyncLockHolder | undefined;
}

/** How a sync ended: done, or stopped at conflicts (nothing merged or sent; they are kept for a choice). */
export type SyncOutcome =
  | {
      status: 'synced';
      /** The files the team's changes added, changed or removed here. */
      received: string[];
      /** Whether anything was pushed. */
      pushed: boolean;
      /** How many pushes it took (more than 1 when someone pushed first). */
      pushAttempts: number;
      /** The commit both the workspace and the server are at now. */
      head: string;
    }
  | { status: 'conflicts'; conflicts: SyncConflict[] };

/**
 * Commits the changes made in the workspace, fetches the team's, merges the two, pushes the result
 * and brings the workspace's files up to it. A push refused because someone pushed first fetches,
 * merges and pushes again (up to `MAX_PUSH_ATTEMPTS` times). Where both sides changed the same
 * thing differently the sync stops before merging anything, keeps the conflicts (see
 * `resolveConflicts`) and resolves to them. Every failure — a refused token, an unreachable server,
 * a push still refused, a cancellation — throws a `SyncError` and leaves the workspace's files,
 * branches and index as they were: nothing moves until the server has accepted the push.
 */
export async function syncWorkspace(options: SyncOptions): Promise<SyncOutcome> {
  return runSync(options, []);
}

/**
 * Settles the conflicts the last sync stopped at — `choices` maps a conflict's id to the side to keep
 * — and syncs again. A choice applies only while its conflict is exactly as shown; a conflict that
 * changed meanwhile (someone pushed again) or a new one comes back in the outcome.
 */
export async function resolveConflicts(options: SyncOptions & { choices: Readonly<Record<string, ConflictSide>> }): Promise<SyncOutcome> {
  const pending = await readPendingConflicts(options.dir);
  if (pending.length === 0) throw new SyncError('no-conflicts', `No conflicts are waiting in ${options.dir}: sync instead.`);
  const unknown = Object.keys(options.choices).filter((id) => !pending.some((c) => c.id === id));
  if (unknown.length > 0) throw new SyncError('no-conflicts', `No conflict "${unknown[0]}" is waiting in ${options.dir}.`);
  const settled: SettledConflict[] = pending.filter((c) => options.choices[c.id] !== undefined).map((c) => ({ conflict: c, take: options.choices[c.id]! }));
  return runSync(options, settled);
}

/** The conflicts waiting for a choice in the workspace `dir` (none after a finished sync). */
export function pendingConflicts(dir: string): Promise<SyncConflict[]> {
  return readPendingConflicts(dir);
}

async function runSync(options: SyncOptions, settled: readonly SettledConflict[]): Promise<SyncOutcome> {
  const remoteUrl = await teamRemoteUrl(options.dir);
  const session = openGitSession({ dir: options.dir, remoteUrl, token: options.token, tokenName: options.tokenName, signal: options.signal });
  return withWorkspaceLock(options.dir, options.holder ?? 'cli', async () => {
    const snapshot = await takeSnapshot(session);
    let exchanged: Exchange;
    try {
      exchanged = await exchange(session, snapshot.main, options, settled);
    } catch (error) {
      await restoreSnapshot(session, snapshot);
      throw session.toError(error);
    }
    if (exchanged.kind === 'conflicts') {
      await restoreSnapshot(session, snapshot);
      await savePendingConflicts(options.dir, exchanged.conflicts);
      return { status: 'conflicts', conflicts: exchanged.conflicts };
    }
    await options.onProgress?.({ phase: 'updating', attempt: exchanged.attempts });
    await bringFilesTo(session, exchanged.final, exchanged.differences);
    await clearPendingConflicts(options.dir);
    const received = exchanged.differences.map((d) => d.path);
    return { status: 'synced', received, pushed: exchanged.pushed, pushAttempts: exchanged.attempts, head: exchanged.final };
  });
}

/** What the exchange with the server came to. */
type Exchange =
  | { kind: 'done'; final: string; differences: TreeDifference[]; pushed: boolean; attempts: number }
  | { kind: 'conflicts'; conflicts: SyncConflict[] };

/** Commit, then fetch–merge–push until the server takes the result. Changes no branch of the workspace. */
async function exchange(session: GitSession, head: string | null, options: SyncOptions, settled: readonly SettledConflict[]): Promise<Exchange> {
  const { fs, dir, http, cache, onAuth, onAuthFailure } = session;
  await options.onProgress?.({ phase: 'committing', attempt: 1 });
  const mine = await commitWorkingTree(session, head, options.author, `Changes by ${options.author.name}`);
  if (mine === null) throw new SyncError('not-shared', `${dir} has nothing committed yet: share it first.`);
  for (let attempt = 1; ; attempt++) {
    session.throwIfCancelled();
    const report = (phase: SyncProgress['phase']) => (detail?: SyncProgress['detail']) => options.onProgress?.({ phase, attempt, ...(detail ? { detail } : {}) });
    await report('fetching')();
    await git.fetch({ fs, http, dir, cache, onAuth, onAuthFailure, remote: TEAM_REMOTE, ref: TEAM_BRANCH, singleBranch: true, tags: false, onProgress: report('fetching') });
    const theirs = await resolveOrNull(session, TRACKING_REF);
    session.throwIfCancelled();
    await report('merging')();
    const combined = await combine(session, mine, theirs, options.author, settled);
    if ('conflicts' in combined) return { kind: 'conflicts', conflicts: combined.conflicts };
    const final = combined.commit;
    const differences = final === mine ? [] : await diffTrees(session, await treeOf(session, mine), await treeOf(session, final));
    for (const { path } of differences) refuseUnsafePath(path);
    if (final === theirs) return { kind: 'done', final, differences, pushed: false, attempts: attempt };
    session.throwIfCancelled();
    await report('pushing')();
    await git.writeRef({ fs, dir, ref: OUTGOING_REF, value: final, force: true });
    try {
      await git.push({ fs, http, dir, cache, onAuth, onAuthFailure, remote: TEAM_REMOTE, ref: OUTGOING_REF, remoteRef: MAIN_REF, onProgress: report('pushing'), signal: options.signal });
      return { kind: 'done', final, differences, pushed: true, attempts: attempt };
    } catch (error) {
      if (!isRejectedAsBehind(error)) throw error;
      if (attempt >= MAX_PUSH_ATTEMPTS) {
        throw new SyncError(
          'push-rejected',
          `The git server at ${describeServer(session.remoteUrl)} refused the push ${attempt} times because others kept pushing first; nothing was changed here, sync again.`,
        );
      }
    }
  }
}

/** Our commit and theirs made into one: either of them when one contains the other, else a merge commit. */
async function combine(
  session: GitSession,
  mine: string,
  theirs: string | null,
  author: CommitAuthor,
  settled: readonly SettledConflict[],
): Promise<{ commit: string } | { conflicts: SyncConflict[] }> {
  const { fs, dir, cache } = session;
  if (theirs === null || theirs === mine) return { commit: mine };
  if (await git.isDescendent({ fs, dir, cache, oid: mine, ancestor: theirs, depth: -1 })) return { commit: mine };
  if (await git.isDescendent({ fs, dir, cache, oid: theirs, ancestor: mine, depth: -1 })) return { commit: theirs };
  const [base] = (await git.findMergeBase({ fs, dir, cache, oids: [mine, theirs] })) as string[];
  const merged = await mergeTrees(session, base ? await treeOf(session, base) : null, await treeOf(session, mine), await treeOf(session, theirs), workspaceMergeOptions(settled));
  if (!merged.merged) return { conflicts: merged.conflicts };
  const commit = await git.commit({
    fs,
    dir,
    cache,
    message: `Merge the team's changes (synced by ${author.name})`,
    author: commitIdentity(author),
    tree: merged.tree,
    parent: [mine, theirs],
    noUpdateBranch: true,
  });
  return { commit };
}

/**
 * Brings the working tree, the index and the branches from commit `mine` (what the folder holds) to
 * `final`: each file of `differences` is written durably (or removed), then the index learns them,
 * then the branches move. Runs once the server has the result, so a failure here (a full disk) is
 * caught up by the next sync: the folder still holds every change made here.
 */
async function bringFilesTo(session: GitSession, final: string, differences: readonly TreeDifference[]): Promise<void> {
  const { fs, dir, cache } = session;
  try {
    for (const { path, oid } of differences) {
      const target = join(dir, ...path.split('/'));
      if (oid === null) {
        await rm(target, { force: true });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFileDurably(target, await readBlobBytes(session, oid));
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorkbenchError(
      'storage',
      `The team's changes were exchanged with the server, but not every file could be written here (${reason}); nothing is lost: make room and sync again.`,
    );
  }
  const written = differences.filter((d) => d.oid !== null).map((d) => d.path);
  if (written.length > 0) await git.add({ fs, dir, cache, filepath: written });
  for (const { path } of differences.filter((d) => d.oid === null)) await git.remove({ fs, dir, cache, filepath: path });
  await git.writeRef({ fs, dir, ref: MAIN_REF, value: final, force: true });
  await git.writeRef({ fs, dir, ref: TRACKING_REF, value: final, force: true });
  await git.deleteRef({ fs, dir, ref: OUTGOING_REF }).catch(() => undefined);
}

/** Refuses a path from the server that would write outside the working tree or into its repository. */
function refuseUnsafePath(path: string): void {
  const segments = path.split('/');
  if (path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git' || s.includes('\\'))) {
    throw new SyncError('bad-remote', `The team's repository holds a file Corroborate will not write (${path}); nothing was changed here.`);
  }
}
