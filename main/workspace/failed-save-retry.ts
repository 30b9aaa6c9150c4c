import type { SaveStatus } from '../storage/index.js';

/** How often failed writes are retried. */
const RETRY_INTERVAL_MS = 5000;

/** A store file as far as saving it goes: its lowdb and its writer. */
export interface SavedFile {
  db: { write(): Promise<void> };
  writer: { status: SaveStatus; retry(): Promise<unknown> };
}

/**
 * Saves store files, and while any write has failed tries the failed ones again every few seconds
 * (an edit that could not be saved stays in memory and lands once the disk lets it).
 */
export class FailedSaveRetry {
  #timer: NodeJS.Timeout | null = null;

  /** @param files every file whose failed writes are retried, as they are now */
  constructor(private readonly files: () => readonly SavedFile[]) {}

  /** Writes a file's content durably; a failure is thrown, and retried from then on. */
  async save(file: SavedFile): Promise<void> {
    try {
      await file.db.write();
    } catch (error) {
      this.#schedule();
      throw error;
    }
  }

  /** Where saving stands across every file: failed if any write failed, saving if any is in flight. */
  get status(): SaveStatus {
    const statuses = this.files().map((f) => f.writer.status);
    return statuses.find((s) => s.kind === 'failed') ?? statuses.find((s) => s.kind === 'saving') ?? { kind: 'saved' };
  }

  /** Stops retrying (when the store closes). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      const failed = this.files().filter((f) => f.writer.status.kind === 'failed');
      if (failed.length === 0) this.stop();
      for (const file of failed) void file.writer.retry().catch(() => undefined);
    }, RETRY_INTERVAL_MS);
    this.#timer.unref();
  }
}
