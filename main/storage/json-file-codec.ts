import type { z } from 'zod';
import { stringifyStably } from './stable-json.js';
import { StoreFileError } from './store-file-error.js';
import { schemaVersionOf, type MigrationOutcome } from './workspace-migrations.js';

/** How a versioned file is checked and upgraded when read. */
export interface FileVersioning {
  /** The newest `schemaVersion` this build reads and the one it writes. */
  currentVersion: number;
  /** Upgrades an older file's parsed JSON; without it, any older version is refused. */
  migrate?: (raw: unknown, fromVersion: number) => MigrationOutcome;
}

/** What a `JsonFileCodec` reads and writes. */
export interface JsonFileCodecOptions<T> {
  /** What the file must hold; checked on every read and before every write. */
  schema: z.ZodType<T>;
  /** Set for files with a `schemaVersion`; omit for unversioned files. */
  versioning?: FileVersioning;
  /** Keys written first in every object (see `stringifyStably`); the rest in sorted order. */
  keyOrder?: readonly string[];
}

/** An upgrade applied while reading: the bytes on disk are still at `fromVersion`. */
export interface AppliedMigration {
  fromVersion: number;
  toVersion: number;
  steps: string[];
}

/** A file's contents as read: validated data, plus the upgrade applied to reach it, if any. */
export interface DecodedFile<T> {
  data: T;
  migration: AppliedMigration | null;
}

/** Data that does not satisfy the file's schema; saving it would make a file that cannot be opened. */
export class UnsavableDataError extends Error {
  override readonly name = 'UnsavableDataError';
  /** The file the data was meant for. */
  readonly file: string;

  constructor(file: string, issues: string) {
    super(`Not saving ${file}: the data to save is not valid (${issues}), and a saved copy could not be opened again`);
    this.file = file;
  }
}

/**
 * Turns the bytes of one JSON store file into validated data and back: decoding diagnoses every
 * way a file goes bad (empty, truncated, NUL-filled, byte-order mark, not UTF-8, `null`, wrong
 * shape, newer version) as a `StoreFileError` naming the file; encoding validates and serialises
 * stably, so equal data always gives identical bytes.
 */
export class JsonFileCodec<T> {
  readonly #options: JsonFileCodecOptions<T>;

  constructor(options: JsonFileCodecOptions<T>) {
    this.#options = options;
  }

  /** Decodes a file's bytes; throws `StoreFileError` (kind `unparseable`, `invalid` or `newer-version`). */
  decode(bytes: Uint8Array, file: string): DecodedFile<T> {
    let raw = parseJsonBytes(bytes, file);
    if (raw === null) throw new StoreFileError(file, 'invalid', 'the file holds `null` instead of data');
    let migration: AppliedMigration | null = null;
    const versioning = this.#options.versioning;
    const version = schemaVersionOf(raw);
    if (versioning !== undefined && version !== null && version !== versioning.currentVersion) {
      if (version > versioning.currentVersion) {
        throw new StoreFileError(
          file,
          'newer-version',
          `it was written by a newer version of Corroborate (schema version ${version}; this version reads up to ${versioning.currentVersion})`,
        );
      }
      const outcome = versioning.migrate?.(raw, version);
      if (outcome?.kind !== 'migrated') {
        throw new StoreFileError(
          file,
          'invalid',
          `its schema version ${version} is older than any this version of Corroborate can upgrade`,
        );
      }
      raw = outcome.data;
      migration = { fromVersion: outcome.fromVersion, toVersion: outcome.toVersion, steps: outcome.steps };
    }
    const result = this.#options.schema.safeParse(raw);
    if (!result.success) {
      throw new StoreFileError(file, 'invalid', `it does not hold what it should: ${describeIssues(result.error)}`);
    }
    return { data: result.data, migration };
  }

  /** Validates and serialises data for `file`; throws `UnsavableDataError` when it is not valid. */
  encode(data: T, file: string): string {
    const result = this.#options.schema.safeParse(data);
    if (!result.success) throw new UnsavableDataError(file, describeIssues(result.error));
    return stringifyStably(result.data, { keyOrder: this.#options.keyOrder ?? ['schemaVersion'] });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses JSON bytes, naming in the error exactly how they are damaged. */
function parseJsonBytes(bytes: Uint8Array, file: string): unknown {
  const fail = (reason: string, cause?: unknown): never => {
    throw new StoreFileError(file, 'unparseable', reason, { cause });
  };
  if (bytes.length === 0) fail('the file is empty (0 bytes)');
  if (bytes.every((byte) => byte === 0)) {
    fail(`the file holds only NUL bytes (${bytes.length}), as a crash can leave before the data reached the disk`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    fail('the file starts with a UTF-8 byte-order mark, which Corroborate never writes (was it re-saved by another program?)');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('the file is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8');
  }
  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) fail(`the file holds NUL bytes from byte ${firstNul} on, so part of it was never written`);
  let text = '';
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    fail('the file is not UTF-8 text', error);
  }
  if (text.trim() === '') fail(`the file holds only whitespace (${bytes.length} bytes)`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    // The parser stopped at the very end of the text: the data simply stops, as a cut-off file does.
    if (/end of JSON input/i.test(message) || position >= text.trimEnd().length) {
      return fail(`the file ends before its JSON is complete (cut off after ${bytes.length} bytes?)`, error);
    }
    const where = Number.isNaN(position) ? '' : ` at ${lineAndColumn(text, position)}`;
    return fail(`the file is not valid JSON${where} (${message})`, error);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
      .join('');
    return `${path === '' ? 'the whole file' : path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
