import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileDurably } from '../storage/durable-write.js';

/** A workspace file that could not be read as what it should be; its bytes are left untouched. */
export class UnreadableStoreFileError extends Error {
  override readonly name = 'UnreadableStoreFileError';
  /** Creates the error for `file`, saying why it could not be used. */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} cannot be read: ${reason}. It has been left untouched.`);
  }
}

/**
 * A lowdb adapter for one JSON file: reads parse and validate against a schema (a missing file reads
 * as null), writes go through `writeFileDurably`. A file that failed to read is never written over.
 */
export class ValidatedJsonFile<T> implements Adapter<T> {
  private unreadable: UnreadableStoreFileError | null = null;

  /** Adapts the file at `path`, validated with `schema`. */
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** Reads and validates the file; null when it does not exist. */
  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.fail(`it could not be opened (${(error as Error).message})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw this.fail(raw.trim() === '' ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`);
    }
    const result = this.schema.safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      throw this.fail(`it does not match the expected shape (${first?.path.join('.') || 'top level'}: ${first?.message})`);
    }
    this.unreadable = null;
    return result.data;
  }

  /** Validates and durably writes `data`, refusing to replace a file that could not be read. */
  async write(data: T): Promise<void> {
    if (this.unreadable) throw this.unreadable;
    const valid = this.schema.parse(data);
    await writeFileDurably(this.path, `${JSON.stringify(valid, null, 2)}\n`);
  }

  private fail(reason: string): UnreadableStoreFileError {
    this.unreadable = new UnreadableStoreFileError(this.path, reason);
    return this.unreadable;
  }
}
