import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ExportedFile } from '../../shared/formats/exported-file.js';
import { syncDirectory } from '../storage/index.js';

/** The destination cannot be written as asked (exists and is not empty, is a file, …). */
export class ExportDestinationError extends Error {
  override readonly name = 'ExportDestinationError';
}

/** The export was cancelled; nothing was left behind. */
export class ExportCancelledError extends Error {
  override readonly name = 'ExportCancelledError';
  constructor() {
    super('The export was cancelled; nothing was written.');
  }
}

/** One file written, relative to the destination folder. */
export interface WrittenExportFile {
  path: string;
  bytes: number;
}

/** How far writing has got. */
export interface WriteProgress {
  filesWritten: number;
  bytesWritten: number;
  currentFile: string | null;
}

/** Options of `writeExportFolder`. */
export interface WriteExportFolderOptions {
  /** Replace a destination that exists and is not empty (refused otherwise). */
  overwrite?: boolean;
  /** Cancels the export; the temp folder is removed and the destination left as it was. */
  signal?: AbortSignal;
  /** Told after every batch written. */
  onProgress?: (progress: WriteProgress) => void;
}

/** Characters gathered before one write: small chunks are joined, so 100k tiny ones cost few syscalls. */
const WRITE_BATCH_CHARS = 256 * 1024;

/**
 * Streams an export's files into the folder `destination`, all or nothing: every file is written
 * chunk by chunk (waiting for each write, so memory holds one batch, never the whole output) into
 * a temp folder next to the destination, each file and folder is fsynced, then the temp folder is
 * renamed into place. A destination that exists and is not empty is refused unless `overwrite`;
 * then it is replaced only once the new folder is complete. On failure or cancellation the temp
 * folder is removed and the destination is left exactly as it was. Returns the files written, in
 * export order.
 */
export async function writeExportFolder(
  files: Iterable<ExportedFile>,
  destination: string,
  options: WriteExportFolderOptions = {},
): Promise<WrittenExportFile[]> {
  const target = resolve(destination);
  const existing = await inspectDestination(target);
  if (existing === 'non-empty' && !options.overwrite) {
    throw new ExportDestinationError(
      `${target} already exists and is not empty. Choose a new folder, or replace it (--force on the command line).`,
    );
  }
  if (existing === 'file' && !options.overwrite) {
    throw new ExportDestinationError(`${target} is a file, not a folder. Choose a folder to export into.`);
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ExportDestinationError(`The folder ${parent} cannot be created: ${error.message}`);
  });
  const temp = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.export-tmp`);
  await mkdir(temp).catch((error: NodeJS.ErrnoException) => {
    throw new ExportDestinationError(`Cannot write in ${parent}: ${error.message}`);
  });
  try {
    const written = await writeFilesInto(temp, files, options);
    await replaceWith(temp, target, existing);
    return written;
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (options.signal?.aborted) throw new ExportCancelledError();
    throw error;
  }
}

type DestinationState = 'absent' | 'empty' | 'non-empty' | 'file';

async function inspectDestination(target: string): Promise<DestinationState> {
  let stats;
  try {
    stats = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw new ExportDestinationError(`${target} cannot be inspected: ${(error as Error).message}`);
  }
  if (!stats.isDirectory()) return 'file';
  return (await readdir(target)).length === 0 ? 'empty' : 'non-empty';
}

async function writeFilesInto(root: string, files: Iterable<ExportedFile>, options: WriteExportFolderOptions): Promise<WrittenExportFile[]> {
  const written: WrittenExportFile[] = [];
  const seen = new Set<string>();
  const folders = new Set<string>([root]);
  let bytesWritten = 0;
  const report = (currentFile: string | null) => options.onProgress?.({ filesWritten: written.length, bytesWritten, currentFile });
  for (const file of files) {
    options.signal?.throwIfAborted();
    const path = join(root, safeRelativePath(file.path));
    if (seen.has(file.path)) throw new Error(`The exporter produced ${file.path} twice.`);
    seen.add(file.path);
    const folder = dirname(path);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    report(file.path);
    const handle = await open(path, 'wx', 0o644);
    let bytes = 0;
    try {
      let batch = '';
      for (const chunk of file.chunks) {
        batch += chunk;
        if (batch.length < WRITE_BATCH_CHARS) continue;
        options.signal?.throwIfAborted();
        const { bytesWritten: n } = await handle.write(batch);
        batch = '';
        bytes += n;
        bytesWritten += n;
        report(file.path);
      }
      if (batch) {
        const { bytesWritten: n } = await handle.write(batch);
        bytes += n;
        bytesWritten += n;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    written.push({ path: file.path, bytes });
    report(file.path);
  }
  for (const folder of folders) await syncDirectory(folder);
  report(null);
  return written;
}

/** Puts the complete temp folder where the destination is, replacing it when asked. */
async function replaceWith(temp: string, target: string, existing: DestinationState): Promise<void> {
  if (existing === 'empty') await rmdir(target);
  if (existing === 'non-empty' || existing === 'file') {
    const old = `${temp.slice(0, -'.export-tmp'.length)}.export-old`;
    await rename(target, old);
    try {
      await rename(temp, target);
    } catch (error) {
      await rename(old, target).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(target));
    await rm(old, { recursive: true, force: true });
    return;
  }
  await rename(temp, target);
  await syncDirectory(dirname(target));
}

/** The exporter's POSIX path as a path inside the export folder; never absolute, never `..`. */
function safeRelativePath(path: string): string {
  const parts = path.split('/');
  if (path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes(':'))) {
    throw new Error(`The exporter produced an unsafe file path "${path}".`);
  }
  return parts.join(sep);
}
