import { join } from 'node:path';
import git from 'isomorphic-git';
import { durableGitFs } from '../sync/durable-git-fs.js';
import { GitObjectStore, type GitObjectType } from './git-object-store.js';

/** What a history needs of a commit. */
export interface CommitFacts {
  tree: string;
  parents: string[];
  author: { name: string; email: string; timestamp: number };
  /** When it was committed (seconds since 1970): the order of a history. */
  committedAt: number;
  message: string;
}

/** An entry of a tree: its object's id and whether it is a folder. */
export interface FoundEntry {
  oid: string;
  type: 'tree' | 'blob';
}

/**
 * Reads a team workspace's repository for its history, never writing: commits, trees and blobs by
 * id through `GitObjectStore`, and through isomorphic-git for anything that store does not read
 * (an object it cannot find there, in a form it does not know).
 */
export class RepositoryReading {
  private readonly cache = {};

  private constructor(
    /** The workspace folder, whose `.git` is read. */
    readonly dir: string,
    private readonly objects: GitObjectStore,
  ) {}

  /** Opens the repository of the workspace in `dir`. */
  static async open(dir: string): Promise<RepositoryReading> {
    return new RepositoryReading(dir, await GitObjectStore.open(join(dir, '.git')));
  }

  /** Releases the files opened while reading. */
  close(): Promise<void> {
    return this.objects.close();
  }

  /** The commit HEAD names, or null in a repository without one. */
  head(): Promise<string | null> {
    return git.resolveRef({ fs: durableGitFs, dir: this.dir, ref: 'HEAD' }).catch(() => null);
  }

  /** A commit's tree, parents, author, time and message. */
  async commit(oid: string): Promise<CommitFacts> {
    return parseCommit(await this.content(oid, 'commit'));
  }

  /** A blob's bytes. */
  blob(oid: string): Promise<Buffer> {
    return this.content(oid, 'blob');
  }

  /** Every entry of a (small) tree, by name. */
  async entries(tree: string): Promise<Map<string, FoundEntry>> {
    const bytes = await this.content(tree, 'tree');
    const entries = new Map<string, FoundEntry>();
    for (const at of entryStarts(bytes)) entries.set(bytes.toString('utf8', at.name, at.nul), entryAt(bytes, at));
    return entries;
  }

  /**
   * One entry of a tree, found by scanning the tree's bytes (mode, space, name, NUL, 20-byte id per
   * entry) and comparing names as bytes: the documents and annotations folders of a large workspace
   * hold thousands of entries, and only one is wanted.
   */
  async findEntry(tree: string, name: string): Promise<FoundEntry | null> {
    const bytes = await this.content(tree, 'tree');
    const wanted = Buffer.from(name, 'utf8');
    for (const at of entryStarts(bytes)) {
      if (at.nul - at.name === wanted.length && bytes.compare(wanted, 0, wanted.length, at.name, at.nul) === 0) return entryAt(bytes, at);
    }
    return null;
  }

  private async content(oid: string, type: GitObjectType): Promise<Buffer> {
    const object = await this.objects.read(oid).catch(() => null);
    if (object?.type === type) return object.content;
    const read = await git.readObject({ fs: durableGitFs, dir: this.dir, oid, format: 'content', cache: this.cache });
    if (read.type !== type) throw new Error(`git object ${oid} is a ${read.type}, not a ${type}.`);
    return Buffer.from(read.object as Uint8Array);
  }
}

/** Where one entry of a tree's content is: its start, its name's start and the NUL that ends the name. */
interface EntryPosition {
  start: number;
  name: number;
  nul: number;
}

/** The position of each entry of a tree's content, in order. */
function* entryStarts(bytes: Buffer): Generator<EntryPosition> {
  for (let start = 0; start < bytes.length; ) {
    const space = bytes.indexOf(0x20, start);
    const nul = space < 0 ? -1 : bytes.indexOf(0, space + 1);
    if (nul < 0) return;
    yield { start, name: space + 1, nul };
    start = nul + 21;
  }
}

/** The entry at `at`: its object's id, and whether it is a folder (mode 40000). */
function entryAt(bytes: Buffer, at: EntryPosition): FoundEntry {
  const mode = bytes.toString('latin1', at.start, at.name - 1);
  return { oid: bytes.toString('hex', at.nul + 1, at.nul + 21), type: mode === '40000' || mode === '040000' ? 'tree' : 'blob' };
}

/** A commit object's headers and message (continuation lines of a signature skipped). */
export function parseCommit(content: Buffer): CommitFacts {
  const text = content.toString('utf8');
  const end = text.indexOf('\n\n');
  const facts: CommitFacts = { tree: '', parents: [], author: { name: '', email: '', timestamp: 0 }, committedAt: 0, message: end < 0 ? '' : text.slice(end + 2) };
  for (const line of (end < 0 ? text : text.slice(0, end)).split('\n')) {
    const space = line.indexOf(' ');
    const [key, value] = [line.slice(0, space), line.slice(space + 1)];
    if (key === 'tree') facts.tree = value;
    else if (key === 'parent') facts.parents.push(value);
    else if (key === 'author') facts.author = personOf(value);
    else if (key === 'committer') facts.committedAt = personOf(value).timestamp;
  }
  if (!/^[0-9a-f]{40}$/.test(facts.tree)) throw new Error('a git commit without a tree');
  return facts;
}

/** `Name <email> 1714000000 +0200` as its parts. */
function personOf(value: string): CommitFacts['author'] {
  const match = /^(.*?) ?<([^>]*)> (\d+)/.exec(value);
  return match ? { name: match[1]!, email: match[2]!, timestamp: Number(match[3]) } : { name: value, email: '', timestamp: 0 };
}
