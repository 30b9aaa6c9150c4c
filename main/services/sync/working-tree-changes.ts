import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { GitSession } from './git-session.js';

/** What the working tree holds against the last commit and the index. */
export interface WorkingTreeChanges {
  /** Files whose content is not what the index holds (new or changed): to stage. */
  toStage: string[];
  /** Files the index holds that are gone: to unstage. */
  toUnstage: string[];
  /** Whether the working tree differs from the last commit at all (something to commit). */
  differsFromCommit: boolean;
}

/** One entry of the index as this reads it. */
interface IndexEntry {
  oid: string;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  size: number;
  ino: number;
}

/**
 * Finds what changed in the working tree of `session.dir` since commit tree `headTree`, without
 * reading every file: a file whose size, inode and modification time are those the index recorded
 * is taken to hold what the index says, as git itself does; only the others are read and hashed.
 * Folders the `.gitignore` keeps out (backups, exports) are not walked. Resolves to null when the
 * index is in a form this does not read (another git's version 3 or 4, unmerged entries): the caller
 * then asks isomorphic-git, which reads every form but is several times slower.
 */
export async function findWorkingTreeChanges(session: GitSession, headTree: string | null): Promise<WorkingTreeChanges | null> {
  const index = await readIndex(join(session.dir, '.git', 'index'));
  if (index === null) return null;
  const committed = headTree === null ? new Map<string, string>() : await filesOfTree(session, headTree, '');
  const tracked = new Set([...index.keys(), ...committed.keys()]);
  const trackedFolders = new Set<string>();
  for (const path of tracked) for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) trackedFolders.add(path.slice(0, at));

  const toStage: string[] = [];
  const present = new Set<string>();
  let differsFromCommit = false;
  const visit = async (folder: string): Promise<void> => {
    for (const entry of await readdir(join(session.dir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (path === '.git') continue;
      if (entry.isDirectory()) {
        if (trackedFolders.has(path) || !(await isIgnored(session, path))) await visit(path);
        continue;
      }
      if (!entry.isFile()) continue;
      if (!tracked.has(path) && (await isIgnored(session, path))) continue;
      present.add(path);
      const recorded = index.get(path);
      const oid = recorded && (await statsMatch(join(session.dir, path), recorded)) ? recorded.oid : await hashFile(join(session.dir, path));
      if (oid !== recorded?.oid) toStage.push(path);
      if (oid !== committed.get(path)) differsFromCommit = true;
    }
  };
  await visit('');
  const toUnstage = [...index.keys()].filter((path) => !present.has(path));
  if ([...committed.keys()].some((path) => !present.has(path))) differsFromCommit = true;
  return { toStage, toUnstage, differsFromCommit };
}

async function isIgnored(session: GitSession, path: string): Promise<boolean> {
  return git.isIgnored({ fs: session.fs, dir: session.dir, filepath: path });
}

/** Every file of a tree, by path, with its blob id. */
async function filesOfTree(session: GitSession, tree: string, prefix: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const { tree: entries } = await git.readTree({ fs: session.fs, dir: session.dir, oid: tree, cache: session.cache });
  for (const entry of entries) {
    const path = `${prefix}${entry.path}`;
    if (entry.type === 'tree') for (const [inner, oid] of await filesOfTree(session, entry.oid, `${path}/`)) files.set(inner, oid);
    else if (entry.type === 'blob') files.set(path, entry.oid);
  }
  return files;
}

/** Whether a file still has the size, inode and modification time (to the microsecond) the index recorded. */
async function statsMatch(path: string, recorded: IndexEntry): Promise<boolean> {
  const stats = await lstat(path, { bigint: true });
  if (Number(stats.size % 2n ** 32n) !== recorded.size || Number(stats.ino % 2n ** 32n) !== recorded.ino) return false;
  const seconds = stats.mtimeNs / 1_000_000_000n;
  const nanoseconds = Number(stats.mtimeNs % 1_000_000_000n);
  return Number(seconds % 2n ** 32n) === recorded.mtimeSeconds && Math.abs(nanoseconds - recorded.mtimeNanoseconds) < 1000;
}

/** The git blob id of a file's content. */
async function hashFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/**
 * Reads a git index of version 2 (what isomorphic-git and, by default, git write): each entry's
 * path, blob id, size, inode and modification time. Null when there is none yet (an empty map),
 * or when it is another version or holds unmerged entries (null: read it some other way).
 */
async function readIndex(path: string): Promise<Map<string, IndexEntry> | null> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  const entries = new Map<string, IndexEntry>();
  if (bytes.length === 0) return entries;
  if (bytes.toString('latin1', 0, 4) !== 'DIRC' || bytes.readUInt32BE(4) !== 2) return null;
  const count = bytes.readUInt32BE(8);
  let at = 12;
  for (let n = 0; n < count; n++) {
    const flags = bytes.readUInt16BE(at + 60);
    if ((flags & 0x3000) !== 0) return null; // an unmerged entry
    const nameLength = flags & 0xfff;
    const end = nameLength < 0xfff ? at + 62 + nameLength : bytes.indexOf(0, at + 62);
    const name = bytes.toString('utf8', at + 62, end);
    entries.set(name, {
      mtimeSeconds: bytes.readUInt32BE(at + 8),
      mtimeNanoseconds: bytes.readUInt32BE(at + 12),
      ino: bytes.readUInt32BE(at + 20),
      size: bytes.readUInt32BE(at + 36),
      oid: bytes.toString('hex', at + 40, at + 60),
    });
    at += Math.ceil((62 + (end - at - 62) + 1) / 8) * 8;
  }
  return entries;
}
