import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ExportedFile } from '../../../shared/formats/exported-file.js';
import { IncompleteWriteError, syncDirectory, writeAllBytes } from '../../storage/index.js';
import { checkExportDestination, ExportDestinationError, type ExportDestinationState } from './export-destination.js';
import type { ExportedLayers } from '../../../shared/formats/export-layers.js';
import { EXPORT_MANIFEST_FILE, exportManifestText } from './export-manifest.js';

/** The export was cancelled; nothing was left behind. */
export class ExportCancelledError extends Error {
  override readonly name = 'ExportCancelledError';
  constructor() {
    super('The export was cancelled; nothing was written.');
  }
}

/** What a disk error means, in words. */
const DISK_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'Corroborate may not write there',
  EPERM: 'Corroborate may not write there',
  EIO: 'the disk reported an input/output error',
};

/**
 * The export's files could not all be written (a full disk, a read-only disk, no permission, a
 * write that stopped short). The message names the destination and says that it was left as it
 * was: nothing of the failed export is left behind.
 */
export class ExportWriteError extends Error {
  override readonly name = 'ExportWriteError';
  /** The system error code (ENOSPC, EROFS, …), when there is one. */
  readonly code: string | undefined;

  constructor(destination: string, existed: boolean, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = (code !== undefined && DISK_REASONS[code]) || (cause as Error).message;
    super(
      `The export to ${destination} could not be written whole: ${reason}${code ? ` (${code})` : ''}. ` +
        (existed ? `${destination} was left exactly as it was.` : 'Nothing was written.'),
      { cause },
    );
    this.code = code;
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
  /** Replace an earlier export of ours at the destination (refused otherwise; anything else always is). */
  overwrite?: boolean;
  /** The format id recorded in the export's manifest. */
  format?: string;
  /** The layers recorded in the export's manifest. */
  layers?: ExportedLayers;
  /** The open workspace, whose folder the destination must not hold. */
  openWorkspaceDir?: string;
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
 * a temp folder next to the destination, every byte checked written (`writeAllBytes`: a short
 * write on a full disk is an error, never a truncated file), each file and folder fsynced, the
 * manifest that marks the folder as ours written last, then the temp folder renamed into place.
 * Where the destination may be is `checkExportDestination`'s to say (never in a workspace, never
 * over anything but an earlier export of ours, and that only with `overwrite`); an earlier export
 * is replaced only once the new folder is complete. On failure or cancellation the temp folder is
 * removed and the destination is left exactly as it was (`ExportWriteError`,
 * `ExportCancelledError`). Returns the files written, in export order (the manifest not counted).
 */
export async function writeExportFolder(
  files: Iterable<ExportedFile>,
  destination: string,
  options: WriteExportFolderOptions = {},
): Promise<WrittenExportFile[]> {
  const target = resolve(destination);
  const existing = await checkExportDestination(target, {
    overwrite: options.overwrite ?? false,
    ...(options.openWorkspaceDir === undefined ? {} : { openWorkspaceDir: options.openWorkspaceDir }),
  });
  const parent = dirname(target);
  const firstCreated = await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ExportDestinationError(`The folder ${parent} cannot be created: ${error.message}`);
  });
  const temp = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.export-tmp`);
  try {
    await mkdir(temp).catch((error: NodeJS.ErrnoException) => {
      throw new ExportDestinationError(`Cannot write in ${parent}: ${error.message}`);
    });
    const written = await writeFilesInto(temp, files, options);
    await replaceWith(temp, target, existing);
    return written;
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (firstCreated !== undefined) await removeEmptyFolders(parent, firstCreated);
    if (options.signal?.aborted) throw new ExportCancelledError();
    if (error instanceof IncompleteWriteError || typeof (error as NodeJS.ErrnoException | null)?.code === 'string') {
      throw new ExportWriteError(target, existing !== 'absent', error);
    }
    throw error;
  }
}

async function writeFilesInto(root: string, files: Iterable<ExportedFile>, options: WriteExportFolderOptions): Promise<WrittenExportFile[]> {
  const written: WrittenExportFile[] = [];
  const seen = new Set<string>([EXPORT_MANIFEST_FILE]);
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
    const bytes = await writeWholeFile(path, file.chunks, (n) => {
      options.signal?.throwIfAborted();
      bytesWritten += n;
      report(file.path);
    });
    written.push({ path: file.path, bytes });
    report(file.path);
  }
  options.signal?.throwIfAborted();
  await writeWholeFile(join(root, EXPORT_MANIFEST_FILE), [exportManifestText({ format: options.format ?? null, files: written, layers: options.layers })], () => undefined);
  for (const folder of folders) await syncDirectory(folder);
  report(null);
  return written;
}

/**
 * Creates `path` and writes `chunks` into it in batches, every byte checked written, then fsyncs
 * it; `afterBatch` is told each batch's byte count (and may throw to stop). Returns the file's size.
 */
async function writeWholeFile(path: string, chunks: Iterable<string>, afterBatch: (bytes: number) => void): Promise<number> {
  const handle = await open(path, 'wx', 0o644);
  let bytes = 0;
  try {
    let batch = '';
    const flush = async () => {
      const n = await writeAllBytes(handle, batch, path);
      batch = '';
      bytes += n;
      afterBatch(n);
    };
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= WRITE_BATCH_CHARS) await flush();
    }
    if (batch) await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

/** Puts the complete temp folder where the destination is, replacing an earlier export when asked. */
async function replaceWith(temp: string, target: string, existing: ExportDestinationState): Promise<void> {
  if (existing === 'empty') {
    await rmdir(target);
    try {
      await rename(temp, target);
    } catch (error) {
      await mkdir(target).catch(() => undefined); // the empty folder, as it was
      throw error;
    }
    await syncDirectory(dirname(target));
    return;
  }
  if (existing === 'earlier-export') {
    const old = `${temp.slice(0, -'.export-tmp'.length)}.export-old`;
    await rename(target, old);
    try {
      await rename(temp, target);
    } catch (error) {
      await rename(old, target).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(target));
    // The new export is in place: failing to remove the old copy must not report it as failed.
    await rm(old, { recursive: true, force: true }).catch(() => undefined);
    return;
  }
  await rename(temp, target);
  await syncDirectory(dirname(target));
}

/** Removes the folders this export created for its destination's parent, from `parent` up to `top`, while empty. */
async function removeEmptyFolders(parent: string, top: string): Promise<void> {
  for (let dir = parent; ; dir = dirname(dir)) {
    if (!(await rmdir(dir).then(() => true, () => false)) || dir === top || dirname(dir) === dir) return;
  }
}

/** The exporter's POSIX path as a path inside the export folder; never absolute, never `..`. */
function safeRelativePath(path: string): string {
  const parts = path.split('/');
  if (path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes(':'))) {
    throw new Error(`The exporter produced an unsafe file path "${path}".`);
  }
  return parts.join(sep);
}
