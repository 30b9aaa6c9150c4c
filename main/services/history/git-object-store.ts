import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** The kinds of git object. */
export type GitObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** One git object: its kind and its content (without git's header). */
export interface GitObject {
  type: GitObjectType;
  content: Buffer;
}

/** The object kinds of a pack entry's header, by number; 6 and 7 are deltas against another object. */
const PACK_TYPES: Record<number, GitObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
/** The most bytes of resolved objects kept for the deltas that build on them (a walk over versions of one tree meets the same bases again and again). */
const BASE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Reads the objects of a git repository, only reading: loose objects, and packs with an index of
 * version 2 (what git and isomorphic-git write), their deltas resolved. It exists because reading a
 * history touches thousands of objects: each is read with one positioned read and inflated by
 * Node's zlib, where isomorphic-git's general `readObject` costs several times more per object.
 * `read` resolves to null for an object it cannot find or read this way (the caller then asks
 * isomorphic-git); it never writes anything.
 */
export class GitObjectStore {
  /** Objects read from packs, by pack and offset (resolved or being read). */
  private readonly bases = new Map<number, Promise<GitObject | null>>();
  /** The size of each resolved one, oldest first. */
  private readonly sizes = new Map<number, number>();
  private baseBytes = 0;

  private constructor(
    private readonly gitdir: string,
    private readonly packs: PackFile[],
  ) {}

  /** Opens the repository whose git folder is `gitdir`, reading the index of every pack in it. */
  static async open(gitdir: string): Promise<GitObjectStore> {
    const folder = join(gitdir, 'objects', 'pack');
    const names = await readdir(folder).catch(() => [] as string[]);
    const packs: PackFile[] = [];
    for (const name of names.filter((n) => n.endsWith('.idx')).sort()) {
      const index = await readFile(join(folder, name)).catch(() => null);
      if (index && isIndexV2(index)) packs.push(new PackFile(join(folder, `${name.slice(0, -'.idx'.length)}.pack`), index));
    }
    return new GitObjectStore(gitdir, packs);
  }

  /** Closes the pack files opened while reading. */
  async close(): Promise<void> {
    await Promise.all(this.packs.map((p) => p.close()));
  }

  /** An object by its id, or null when it is neither loose nor in a pack this reads. */
  async read(oid: string): Promise<GitObject | null> {
    for (const [at, pack] of this.packs.entries()) {
      const offset = pack.offsetOf(oid);
      if (offset !== null) return this.readPacked(at, offset);
    }
    const loose = await readFile(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2))).catch(() => null);
    return loose && parseLoose(inflateSync(loose));
  }

  private readPacked(packAt: number, offset: number): Promise<GitObject | null> {
    const key = packAt * 2 ** 40 + offset;
    let read = this.bases.get(key);
    if (!read) {
      // Kept while being read too, so that reads of versions built on the same base share it.
      read = this.resolvePacked(packAt, offset);
      this.bases.set(key, read);
      void read.then((object) => this.account(key, object), () => this.bases.delete(key));
    }
    return read;
  }

  private async resolvePacked(packAt: number, offset: number): Promise<GitObject | null> {
    const entry = await this.packs[packAt]!.entryAt(offset);
    if (entry.type === OFS_DELTA || entry.type === REF_DELTA) {
      const base = entry.type === OFS_DELTA ? await this.readPacked(packAt, entry.baseOffset!) : await this.read(entry.baseOid!);
      return base && { type: base.type, content: applyDelta(base.content, inflateSync(entry.data)) };
    }
    const type = PACK_TYPES[entry.type];
    return type ? { type, content: inflateSync(entry.data) } : null;
  }

  /** Counts a resolved object against the cache's budget, forgetting the oldest resolved ones beyond it. */
  private account(key: number, object: GitObject | null): void {
    const size = object?.content.length ?? 0;
    this.sizes.set(key, size);
    this.baseBytes += size;
    for (const [oldest, bytes] of this.sizes) {
      if (this.baseBytes <= BASE_CACHE_BYTES) break;
      this.sizes.delete(oldest);
      this.bases.delete(oldest);
      this.baseBytes -= bytes;
    }
  }
}

/** One pack file and its index (version 2: fan-out, sorted ids, CRCs, offsets, large offsets). */
class PackFile {
  private readonly count: number;
  private handle: Promise<FileHandle> | null = null;
  /** Every entry's offset, sorted, with the pack's end: an entry ends where the next begins. */
  private ends: Float64Array | null = null;

  constructor(
    private readonly path: string,
    private readonly index: Buffer,
  ) {
    this.count = index.readUInt32BE(8 + 255 * 4);
  }

  /** Where the object `oid` starts in the pack, or null when it is not in it. */
  offsetOf(oid: string): number | null {
    const wanted = Buffer.from(oid, 'hex');
    let low = wanted[0] === 0 ? 0 : this.index.readUInt32BE(8 + (wanted[0]! - 1) * 4);
    let high = this.index.readUInt32BE(8 + wanted[0]! * 4);
    while (low < high) {
      const middle = (low + high) >>> 1;
      const at = 8 + 256 * 4 + middle * 20;
      const order = this.index.compare(wanted, 0, 20, at, at + 20);
      if (order === 0) return this.offsetAt(middle);
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return null;
  }

  /** The entry at `offset`: its type number, its compressed data, and the base a delta builds on. */
  async entryAt(offset: number): Promise<{ type: number; data: Buffer; baseOffset?: number; baseOid?: string }> {
    const end = await this.endOf(offset);
    const bytes = Buffer.alloc(end - offset);
    await (await this.file()).read(bytes, 0, bytes.length, offset);
    let at = 0;
    let byte = bytes[at++]!;
    const type = (byte >> 4) & 7;
    while (byte & 0x80) byte = bytes[at++]!;
    if (type === OFS_DELTA) {
      byte = bytes[at++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = bytes[at++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      return { type, data: bytes.subarray(at), baseOffset: offset - back };
    }
    if (type === REF_DELTA) return { type, data: bytes.subarray(at + 20), baseOid: bytes.toString('hex', at, at + 20) };
    return { type, data: bytes.subarray(at) };
  }

  async close(): Promise<void> {
    if (this.handle) await (await this.handle).close();
  }

  private offsetAt(position: number): number {
    const offsetsAt = 8 + 256 * 4 + this.count * 24;
    const small = this.index.readUInt32BE(offsetsAt + position * 4);
    if (!(small & 0x80000000)) return small;
    const largeAt = offsetsAt + this.count * 4 + (small & 0x7fffffff) * 8;
    return this.index.readUInt32BE(largeAt) * 2 ** 32 + this.index.readUInt32BE(largeAt + 4);
  }

  private async endOf(offset: number): Promise<number> {
    if (!this.ends) {
      const ends = new Float64Array(this.count + 1);
      for (let i = 0; i < this.count; i++) ends[i] = this.offsetAt(i);
      // The pack ends with the 20-byte checksum of everything before it.
      ends[this.count] = (await (await this.file()).stat()).size - 20;
      this.ends = ends.sort();
    }
    let low = 0;
    let high = this.ends.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ends[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return this.ends[low]!;
  }

  private file(): Promise<FileHandle> {
    this.handle ??= open(this.path, 'r');
    return this.handle;
  }
}

function isIndexV2(index: Buffer): boolean {
  return index.length >= 8 + 256 * 4 && index.readUInt32BE(0) === 0xff744f63 && index.readUInt32BE(4) === 2;
}

/** A loose object, inflated: `<type> <size>\0<content>`. */
function parseLoose(bytes: Buffer): GitObject | null {
  const space = bytes.indexOf(0x20);
  const nul = bytes.indexOf(0, space);
  const type = bytes.toString('latin1', 0, space) as GitObjectType;
  if (space < 0 || nul < 0 || !['commit', 'tree', 'blob', 'tag'].includes(type)) return null;
  return { type, content: bytes.subarray(nul + 1) };
}

/** Builds an object from its base and a git delta: copies from the base and inserted bytes. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let at = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = delta[at++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new Error('a git delta does not fit its base');
  const out = Buffer.alloc(varint());
  let written = 0;
  while (at < delta.length) {
    const op = delta[at++]!;
    if (op & 0x80) {
      let from = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) from += delta[at++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) size += delta[at++]! * 2 ** (8 * bit);
      if (size === 0) size = 0x10000;
      written += base.copy(out, written, from, from + size);
    } else if (op > 0) {
      written += delta.copy(out, written, at, at + op);
      at += op;
    } else throw new Error('a git delta holds an instruction git never writes');
  }
  if (written !== out.length) throw new Error('a git delta did not build an object of its stated size');
  return out;
}
