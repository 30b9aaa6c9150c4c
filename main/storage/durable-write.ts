import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeAllBytes } from './checked-write.js';
import { pidExists } from './process-identity.js';

/** How the names of `writeFileDurably`'s temp files end (`.<name>.<pid>.<random>.tmp`). */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replaces a file's contents so that a crash at any moment leaves either the old or the new bytes,
 * never a mix (docs/GUARANTEES.md D1): writes a uniquely named temp file in the same directory, fsyncs it,
 * renames it over the target and fsyncs the directory so the rename itself is durable. Every byte
 * is checked written (`writeAllBytes`), so a short write on a full disk fails instead of renaming
 * a truncated file over the good one.
 * On failure the temp file is removed and the target is left as it was. `mode` sets the new file's
 * permissions (0o644 unless given; 0o600 for a secret).
 */
export async function writeFileDurably(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    await writeAllBytes(handle, data, path);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Flushes a directory's entries (a rename or a new file) to disk; a no-op where not supported. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open directories; fsync of a directory is a POSIX guarantee only.
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Removes the temp files that `writeFileDurably` left next to `path` when a process writing it was
 * killed mid-write (they are never renamed, so they would pile up). Only temp files of processes
 * that are no longer running are removed; this process's own and other live writers' are kept.
 * Returns the names removed.
 */
export async function removeAbandonedTempFiles(path: string): Promise<string[]> {
  return removeAbandonedTemps(dirname(path), `.${basename(path)}.`);
}

/** Like `removeAbandonedTempFiles`, for the temp files of every file in `dir`. */
export async function removeAbandonedTempFilesInDirectory(dir: string): Promise<string[]> {
  return removeAbandonedTemps(dir, '.');
}

async function removeAbandonedTemps(dir: string, prefix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(/\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || pidExists(pid)) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

function isUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'ENOTSUP';
}
