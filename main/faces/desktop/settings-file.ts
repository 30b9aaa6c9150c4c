import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { JsonFileCodec, readFileSnapshot, StoreFileError, writeFileDurably } from '../../services/workspace/workspace-upkeep.js';

/** What reading a settings file gave: its data (null when absent or unusable) and what was wrong, if anything. */
export interface SettingsRead<T> {
  data: T | null;
  /** Why the file could not be used, naming it; null when it was fine or absent. */
  problem: string | null;
}

/**
 * One small JSON file of the desktop app's own settings in the app-data folder (the recent
 * workspaces, the window's place). It is validated when read; one that cannot be used is reported
 * (naming the file and why) and the caller's defaults are used, and on the next save it is kept beside the
 * new one as `<name>.broken` rather than overwritten. Writes are durable and atomic.
 */
export class SettingsFile<T extends { schemaVersion: number }> {
  readonly #codec: JsonFileCodec<T>;
  #brokenOnDisk = false;

  /**
   * @param path where the file lives
   * @param schema what it must hold (with a `schemaVersion` of `version`)
   */
  constructor(
    readonly path: string,
    schema: z.ZodType<T>,
    version: number,
  ) {
    this.#codec = new JsonFileCodec({ schema, versioning: { currentVersion: version } });
  }

  /** Reads and validates the file. Never throws: a file that cannot be used gives null and a problem. */
  async read(): Promise<SettingsRead<T>> {
    try {
      const snapshot = await readFileSnapshot(this.path);
      this.#brokenOnDisk = false;
      if (!snapshot) return { data: null, problem: null };
      return { data: this.#codec.decode(snapshot.bytes, this.path).data, problem: null };
    } catch (error) {
      this.#brokenOnDisk = error instanceof StoreFileError;
      if (error instanceof StoreFileError) {
        return {
          data: null,
          problem: `Cannot use ${this.path}: ${error.reason}. The defaults are used, and the file is kept as ${this.path}.broken when the setting is next saved.`,
        };
      }
      return { data: null, problem: `Cannot read ${this.path}: ${(error as Error).message}` };
    }
  }

  /** Saves `data` durably (creating the app-data folder if needed), first setting aside a file that could not be read as `<name>.broken`. */
  async write(data: T): Promise<void> {
    if (this.#brokenOnDisk) {
      await rename(this.path, `${this.path}.broken`).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      this.#brokenOnDisk = false;
    }
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, this.#codec.encode(data, this.path));
  }
}

