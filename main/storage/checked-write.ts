import type { FileHandle } from 'node:fs/promises';

/**
 * The operating system accepted none of the bytes still to write, without saying why. A full disk
 * usually makes a write short (only what fits) and the next one fail with ENOSPC; this error is
 * for a write that makes no progress and reports no error, so it can never pass for done.
 */
export class IncompleteWriteError extends Error {
  override readonly name = 'IncompleteWriteError';
  /** The file being written. */
  readonly path: string;

  constructor(path: string, written: number, total: number) {
    super(`${path}: only ${written} of ${total} bytes could be written`);
    this.path = path;
  }
}

/**
 * Writes every byte of `data` (a string as UTF-8) at the handle's current position, and returns
 * how many bytes that was. One `write` call may write fewer bytes than asked (a disk that fills up
 * mid-write does exactly that, without an error); this keeps writing the rest until all of it is
 * written, so the next write's error (ENOSPC, EIO, …) is thrown instead of a short file passing
 * for a whole one. `path` names the file in errors. Every file the app writes goes through here.
 */
export async function writeAllBytes(handle: FileHandle, data: string | Uint8Array, path: string): Promise<number> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset).catch((error: NodeJS.ErrnoException) => {
      error.path ??= path;
      throw error;
    });
    if (bytesWritten <= 0) throw new IncompleteWriteError(path, offset, bytes.length);
    offset += bytesWritten;
  }
  return bytes.length;
}
