/**
 * Why a store file could not be opened:
 * - `unparseable`: the bytes are not JSON (empty, truncated, NUL-filled, a byte-order mark, not UTF-8);
 * - `invalid`: valid JSON that is not what the file must hold (wrong shape, `null`, unknown old version);
 * - `newer-version`: written by a newer Corroborate; this build must not write it (open read-only);
 * - `unreadable`: the operating system would not let us read it (permissions, I/O error, a folder).
 */
export type StoreFileErrorKind = 'unparseable' | 'invalid' | 'newer-version' | 'unreadable';

/**
 * A store file that exists but could not be read as what it must hold. The message names the file
 * and says why in words an editor can act on; the file's bytes are left exactly as they were.
 */
export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
  /** The path of the file, as the store was given it. */
  readonly file: string;
  /** What is wrong with it, in one phrase ("the file is empty (0 bytes)"). */
  readonly reason: string;
  /** Which sort of problem it is; see {@link StoreFileErrorKind}. */
  readonly kind: StoreFileErrorKind;

  constructor(file: string, kind: StoreFileErrorKind, reason: string, options?: { cause?: unknown }) {
    super(`Cannot open ${file}: ${reason}. ${advice(kind)}`, options);
    this.file = file;
    this.kind = kind;
    this.reason = reason;
  }
}

/**
 * A write refused because saving would destroy bytes nobody has read: the file's contents could not
 * be read (`readError` says why), or the file was never read, or it appeared after it was found missing.
 */
export class StoreWriteRefusedError extends Error {
  override readonly name = 'StoreWriteRefusedError';
  /** The path of the file that was not written. */
  readonly file: string;
  /** Why the file's current contents could not be read, when that is the reason. */
  readonly readError: StoreFileError | null;

  constructor(file: string, reason: string, readError: StoreFileError | null = null) {
    super(`Not saving ${file}: ${reason}, so it is left as it is`, { cause: readError ?? undefined });
    this.file = file;
    this.readError = readError;
  }
}

function advice(kind: StoreFileErrorKind): string {
  switch (kind) {
    case 'newer-version':
      return 'It is opened read-only so nothing in it is lost; update Corroborate to edit it.';
    case 'unreadable':
      return 'Nothing was changed; check that the file can be read and try again.';
    default:
      return 'It has not been changed or overwritten; restore it from a backup or repair it.';
  }
}
