import git, { type TreeEntry } from 'isomorphic-git';
import { mergeFileVersions, type FileMergeOptions, type SyncConflict } from '../../../shared/sync/merge-file.js';
import type { GitSession } from './git-session.js';

/** The merged tree, or the conflicts that stop the merge (nothing is written for them). */
export type TreeMergeOutcome = { merged: true; tree: string } | { merged: false; conflicts: SyncConflict[] };

/**
 * Merges the trees `ours` and `theirs`, both made from `base` (null: no common history), folder by
 * folder: a folder or file only one side changed is taken from that side as it is (so the cost is
 * that of what changed, not of the workspace); a file both changed goes to `mergeFileVersions`.
 * Writes the merged blobs and trees as git objects and resolves to the merged root tree.
 */
export async function mergeTrees(session: GitSession, base: string | null, ours: string, theirs: string, options: FileMergeOptions): Promise<TreeMergeOutcome> {
  const conflicts: SyncConflict[] = [];
  const tree = await mergeFolder(session, '', base, ours, theirs, options, conflicts);
  return conflicts.length > 0 ? { merged: false, conflicts } : { merged: true, tree: tree ?? (await writeEntries(session, [])) };
}

async function mergeFolder(
  session: GitSession,
  prefix: string,
  base: string | null,
  ours: string | null,
  theirs: string | null,
  options: FileMergeOptions,
  conflicts: SyncConflict[],
): Promise<string | null> {
  const [baseEntries, ourEntries, theirEntries] = await Promise.all([entriesOf(session, base), entriesOf(session, ours), entriesOf(session, theirs)]);
  const names = [...new Set([...ourEntries.keys(), ...theirEntries.keys(), ...baseEntries.keys()])];
  const merged: TreeEntry[] = [];
  for (const name of names) {
    const b = baseEntries.get(name);
    const o = ourEntries.get(name);
    const t = theirEntries.get(name);
    const chosen = await mergeEntry(session, `${prefix}${name}`, b, o, t, options, conflicts);
    if (chosen) merged.push(chosen);
  }
  if (merged.length === 0) return null;
  return writeEntries(session, merged);
}

async function mergeEntry(
  session: GitSession,
  path: string,
  b: TreeEntry | undefined,
  o: TreeEntry | undefined,
  t: TreeEntry | undefined,
  options: FileMergeOptions,
  conflicts: SyncConflict[],
): Promise<TreeEntry | undefined> {
  if (sameEntry(o, t)) return o;
  if (sameEntry(b, o)) return t;
  if (sameEntry(b, t)) return o;
  const present = [b, o, t].filter((e): e is TreeEntry => e !== undefined);
  if (present.every((e) => e.type === 'tree')) {
    const tree = await mergeFolder(session, `${path}/`, b?.oid ?? null, o?.oid ?? null, t?.oid ?? null, options, conflicts);
    return tree === null ? undefined : { mode: '040000', path: nameOf(path), oid: tree, type: 'tree' };
  }
  if (present.every((e) => e.type === 'blob')) {
    const [base, ours, theirs] = await Promise.all([b, o, t].map((e) => (e ? readBlobBytes(session, e.oid) : Promise.resolve(undefined))));
    const outcome = mergeFileVersions({ file: path, base, ours, theirs }, options);
    if (!outcome.merged) {
      conflicts.push(...outcome.conflicts);
      return o;
    }
    if (outcome.content === undefined) return undefined;
    const oid = await git.writeBlob({ fs: session.fs, dir: session.dir, blob: outcome.content });
    return { mode: (o ?? t)!.mode, path: nameOf(path), oid, type: 'blob' };
  }
  conflicts.push({ kind: 'file', id: path, file: path, reason: 'it is a file on one side and a folder on the other', base: null, ours: null, theirs: null });
  return o;
}

/** One file that differs between two trees: its blob in the second (null: not there). */
export interface TreeDifference {
  path: string;
  oid: string | null;
}

/** The files that differ between trees `from` and `to` (null: empty), walking only folders that differ. */
export async function diffTrees(session: GitSession, from: string | null, to: string | null, prefix = ''): Promise<TreeDifference[]> {
  if (from === to) return [];
  const [fromEntries, toEntries] = await Promise.all([entriesOf(session, from), entriesOf(session, to)]);
  const differences: TreeDifference[] = [];
  for (const name of new Set([...fromEntries.keys(), ...toEntries.keys()])) {
    const a = fromEntries.get(name);
    const b = toEntries.get(name);
    if (sameEntry(a, b)) continue;
    const path = `${prefix}${name}`;
    if (a?.type === 'tree' || b?.type === 'tree') {
      differences.push(...(await diffTrees(session, a?.type === 'tree' ? a.oid : null, b?.type === 'tree' ? b.oid : null, `${path}/`)));
    }
    if (a?.type === 'blob' || b?.type === 'blob') differences.push({ path, oid: b?.type === 'blob' ? b.oid : null });
  }
  return differences;
}

/** The root tree of a commit. */
export async function treeOf(session: GitSession, commit: string): Promise<string> {
  return (await git.readCommit({ fs: session.fs, dir: session.dir, oid: commit, cache: session.cache })).commit.tree;
}

/** A blob's bytes. */
export async function readBlobBytes(session: GitSession, oid: string): Promise<Uint8Array> {
  return (await git.readBlob({ fs: session.fs, dir: session.dir, oid, cache: session.cache })).blob;
}

async function entriesOf(session: GitSession, tree: string | null): Promise<Map<string, TreeEntry>> {
  if (tree === null) return new Map();
  const { tree: entries } = await git.readTree({ fs: session.fs, dir: session.dir, oid: tree, cache: session.cache });
  return new Map(entries.map((entry) => [entry.path, entry]));
}

function writeEntries(session: GitSession, entries: TreeEntry[]): Promise<string> {
  return git.writeTree({ fs: session.fs, dir: session.dir, tree: entries });
}

function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.oid === b.oid && a.type === b.type;
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
