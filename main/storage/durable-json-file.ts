import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { BackupRotation, type BackupRotationOptions } from './backup-rotation.js';
import { removeAbandonedTempFiles, removeAbandonedTempFilesInDirectory, writeFileDurably } from './durable-write.js';
import { JsonFileCodec, type AppliedMigration, type JsonFileCodecOptions } from './json-file-codec.js';
import { StoreFileError, StoreWriteRefusedError } from './store-file-error.js';

/** What a `DurableJsonFile` and its optional backups are configured with. */
export interface DurableJsonFileOptions<T> extends JsonFileCodecOptions<T> {
  /** Keep rolling backups of the file in the workspace's `.backups/` folder before each overwrite. */
  backups?: Omit<BackupRotationOptions, 'file' | 'validator'>;
  /** Create the file's folder when it is missing at a write (a folder of its own, such as a document's layers). */
  createFolder?: boolean;
}

/**
 * What is known about the file on disk:
 * - `unread`: `read` has not been called; writing is refused unless the file does not exist;
 * - `new`: the file did not exist when read; the first write creates it (refused if it appeared since);
 * - `loaded`: read and valid; `migration` is set while the bytes on disk are still at an older version;
 * - `refused`: it could not be read; every write is refused until a later `read` succeeds.
 */
export type DurableJsonFileState =
  | { kind: 'unread' }
  | { kind: 'new' }
  | { kind: 'loaded'; migration: AppliedMigration | null }
  | { kind: 'refused'; error: StoreFileError };

/**
 * A lowdb adapter for one JSON store file that never loses or destroys data: reading parses and
 * validates (and upgrades older versions), reporting a damaged file as a `StoreFileError` naming it;
 * a file that could not be read is never written over (lowdb would otherwise keep its defaults and
 * overwrite the file on the next write); writing serialises stably and replaces the file durably
 * (temp file, fsync, rename, fsync folder), after backing up the previous version if asked to.
 * Temp files left by a crashed writer are removed when the file is read.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** The file's path. */
  readonly path: string;
  /** How the file's bytes are checked and produced. */
  readonly codec: JsonFileCodec<T>;
  /** The file's rolling backups, when configured. */
  readonly backups: BackupRotation | null;
  #state: DurableJsonFileState = { kind: 'unread' };
  #lastBackupError: unknown = null;
  /** The write in progress, so that concurrent writes land in the order they were called. */
  #previousWrite: Promise<unknown> = Promise.resolve();
  readonly #createFolder: boolean;

  constructor(path: string, options: DurableJsonFileOptions<T>) {
    this.path = path;
    this.codec = new JsonFileCodec(options);
    this.#createFolder = options.createFolder ?? false;
    this.backups =
      options.backups === undefined
        ? null
        : new BackupRotation({ ...options.backups, file: path, validator: this.codec });
  }

  /** What is known about the file on disk; see `DurableJsonFileState`. */
  get state(): DurableJsonFileState {
    return this.#state;
  }

  /** True when the file was written by a newer version and must only be read. */
  get readOnly(): boolean {
    return this.#state.kind === 'refused' && this.#state.error.kind === 'newer-version';
  }

  /** Why the last backup before a write failed (the write itself went ahead), or null. */
  get lastBackupError(): unknown {
    return this.#lastBackupError;
  }

  /**
   * Reads and validates the file; null when it does not exist. Throws `StoreFileError` when it
   * cannot be read, parsed, validated or upgraded, after which writes are refused.
   */
  async read(): Promise<T | null> {
    await removeAbandonedTempFiles(this.path).catch(() => undefined);
    // A crash while taking a backup leaves a temp file in the backup folder: clean it up here too,
    // not only at the next backup (which may be a minute away).
    if (this.backups) await removeAbandonedTempFilesInDirectory(this.backups.directory).catch(() => undefined);
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        this.#state = { kind: 'new' };
        return null;
      }
      throw this.#refuse(
        new StoreFileError(this.path, 'unreadable', `the system would not let it be read (${code ?? String(error)})`, {
          cause: error,
        }),
      );
    }
    try {
      const decoded = this.codec.decode(bytes, this.path);
      this.#state = { kind: 'loaded', migration: decoded.migration };
      return decoded.data;
    } catch (error) {
      if (error instanceof StoreFileError) throw this.#refuse(error);
      throw error;
    }
  }

  /**
   * Replaces the file with `data`, durably: when this resolves the bytes are on disk. Serialises
   * synchronously on call, so later changes to `data` are not part of this write. Rejects with
   * `StoreWriteRefusedError` when the current contents were not read, with `UnsavableDataError`
   * when `data` is invalid, and with the system error (ENOSPC, EROFS, EACCES…) when the write
   * fails, in which case the previous file is intact. Concurrent writes are applied in call order;
   * wrap the adapter in a `CoalescingWriter` to collapse them.
   */
  write(data: T): Promise<void> {
    let text: string;
    try {
      text = this.codec.encode(data, this.path);
    } catch (error) {
      return Promise.reject(error);
    }
    const written = this.#previousWrite.then(() => this.#replaceFile(text));
    this.#previousWrite = written.catch(() => undefined);
    return written;
  }

  async #replaceFile(text: string): Promise<void> {
    const state = this.#state;
    if (state.kind === 'refused') {
      throw new StoreWriteRefusedError(this.path, 'its contents could not be read', state.error);
    }
    if ((state.kind === 'unread' || state.kind === 'new') && (await exists(this.path))) {
      throw new StoreWriteRefusedError(
        this.path,
        state.kind === 'unread' ? 'it has not been read yet' : 'it appeared after it was found missing and has not been read',
      );
    }
    const upgrading = state.kind === 'loaded' && state.migration !== null;
    if (this.backups !== null && state.kind === 'loaded') {
      try {
        await this.backups.preserveCurrent({ force: upgrading });
        this.#lastBackupError = null;
      } catch (error) {
        // Saving the edits matters more than a backup, except before an upgrade rewrites old bytes.
        if (upgrading) throw error;
        this.#lastBackupError = error;
      }
    }
    if (this.#createFolder) await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, text);
    this.#state = { kind: 'loaded', migration: null };
  }

  #refuse(error: StoreFileError): StoreFileError {
    this.#state = { kind: 'refused', error };
    return error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
