import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeAbandonedTempFiles, writeFileDurably } from '../../storage/durable-write.js';

/** What a cache file says of itself on its first line. */
interface CacheHeader {
  format: string;
  version: number;
  /** The workspace folder it is the cache of. */
  workspace: string;
  /** The SHA-256 of everything after the first line. */
  sha256: string;
}

/** What a cache file is: its format's name and version, and the workspace it belongs to. */
interface CacheKind {
  format: string;
  version: number;
  workspaceDir: string;
}

/**
 * The agreement caches' files (in the app-data folder, never the workspace): one line of JSON
 * saying what the file is (format, version, workspace, the SHA-256 of the rest), then the body, JSON
 * written as ASCII. Read back only when all of that matches; written aside and renamed over.
 */
export const checksummedCacheFile = {
  /** The body of `file` parsed, or null when it is missing or not a usable cache of `kind` (why, in `onIgnored`). */
  async read(file: string, kind: CacheKind, onIgnored?: (why: string) => void): Promise<unknown> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onIgnored?.(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return null;
    }
    const ignored = (why: string) => (onIgnored?.(`${file} ${why}`), null);
    const newline = bytes.indexOf(10);
    if (newline < 0) return ignored('has no header');
    let header: Partial<CacheHeader>;
    try {
      header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<CacheHeader>;
    } catch {
      return ignored('has a damaged header');
    }
    if (header.format !== kind.format || header.version !== kind.version) return ignored('is of another format or version');
    if (header.workspace !== kind.workspaceDir) return ignored(`is the cache of ${String(header.workspace)}`);
    const body = bytes.subarray(newline + 1);
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return ignored('is damaged (its checksum differs)');
    try {
      return JSON.parse(body.toString('latin1'));
    } catch {
      return ignored('is damaged (not JSON)');
    }
  },

  /**
   * Writes `body` (JSON text) as the cache `file` of `kind` (`writeFileDurably`: a temp file renamed
   * over it; the temp files of writers that died are removed first); rejects when it cannot.
   */
  async write(file: string, kind: CacheKind, body: string): Promise<void> {
    // Written as ASCII (other characters escaped), which is read back much faster than UTF-8.
    const bytes = Buffer.from(body.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
    const header: CacheHeader = { format: kind.format, version: kind.version, workspace: kind.workspaceDir, sha256: createHash('sha256').update(bytes).digest('hex') };
    await mkdir(dirname(file), { recursive: true });
    await removeAbandonedTempFiles(file);
    await writeFileDurably(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), bytes]));
  },
};
