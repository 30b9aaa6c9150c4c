import type { Adapter } from 'lowdb';

/** Where a file's saving stands, for a "Saved" / "Saving…" / "Not saved" indicator. */
export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'saving' }
  /** The last write failed; the latest data is only in memory until a retry or a later save succeeds. */
  | { kind: 'failed'; error: unknown };

/** Anything that durably replaces a file with new data; a `DurableJsonFile` is one. */
export interface FileWriteTarget<T> {
  write(data: T): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface QueuedWrite<T> {
  data: T;
  waiters: Waiter[];
}

/**
 * Serialises and coalesces the writes of one file. Writes requested in the same tick, or while a
 * write is in flight, collapse into a single next write of the latest data. Each caller's promise resolves only once
 * a write that includes its data has completed (so "saved" is only ever shown for durable bytes),
 * and rejects if that write failed. After a failure the latest data is kept in memory
 * (`unsavedData`), the error is reported through `status`, and the data is written again by the
 * next `write`, by `retry()` or by `flush()`.
 *
 * It is itself a lowdb adapter (reads pass through), so `new Low(new CoalescingWriter(file), …)`
 * makes `db.write()` coalesced and durable.
 */
export class CoalescingWriter<T> implements Adapter<T> {
  readonly #target: FileWriteTarget<T> & Partial<Pick<Adapter<T>, 'read'>>;
  readonly #onStatus: ((status: SaveStatus) => void) | undefined;
  #queued: QueuedWrite<T> | null = null;
  #draining: Promise<void> | null = null;
  #unsaved: { data: T } | null = null;
  #status: SaveStatus = { kind: 'saved' };

  /**
   * @param target the file to write (its `read`, if any, is passed through)
   * @param options.onStatus called whenever `status` changes
   */
  constructor(
    target: FileWriteTarget<T> & Partial<Pick<Adapter<T>, 'read'>>,
    options: { onStatus?: (status: SaveStatus) => void } = {},
  ) {
    this.#target = target;
    this.#onStatus = options.onStatus;
  }

  /** Where saving stands. */
  get status(): SaveStatus {
    return this.#status;
  }

  /** True while some data given to `write` is not yet durably on disk. */
  get hasUnsavedData(): boolean {
    return this.#queued !== null || this.#draining !== null || this.#unsaved !== null;
  }

  /** The data of the last failed write, kept until it or newer data is saved; else undefined. */
  get unsavedData(): T | undefined {
    return this.#unsaved?.data;
  }

  /** Reads through to the target (for lowdb's `Low.read`). */
  async read(): Promise<T | null> {
    if (this.#target.read === undefined) throw new Error('CoalescingWriter: the target cannot be read');
    return this.#target.read();
  }

  /**
   * Asks for `data` to be saved. Resolves when a write including it has completed; rejects with
   * the write's error if that write failed (the data is then kept for a retry).
   */
  write(data: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (this.#queued === null) this.#queued = { data, waiters: [waiter] };
      else {
        this.#queued.data = data;
        this.#queued.waiters.push(waiter);
      }
      this.#startDraining();
    });
  }

  /** Writes the data of the last failed write again; resolves at once when nothing failed. */
  async retry(): Promise<void> {
    if (this.#unsaved !== null && this.#queued === null && this.#draining === null) {
      await this.write(this.#unsaved.data);
    } else {
      await this.flush();
    }
  }

  /**
   * Waits until everything handed to `write` so far is on disk (for quitting, SIGINT and SIGTERM).
   * Data left over from a failed write is tried once more; rejects with the error if that fails,
   * so the caller can tell the user what was not saved.
   */
  async flush(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
    if (this.#unsaved !== null) await this.write(this.#unsaved.data);
  }

  #startDraining(): void {
    if (this.#draining !== null) return;
    this.#setStatus({ kind: 'saving' });
    // Start in a microtask so `#draining` is set before `#drain` can finish and clear it.
    this.#draining = Promise.resolve().then(() => this.#drain());
  }

  async #drain(): Promise<void> {
    // Runs until nothing is queued; `#draining` is cleared in the same synchronous step as the
    // final queue check, so a `write` arriving afterwards always starts a new drain.
    let lastError: unknown = null;
    let failed = false;
    while (this.#queued !== null) {
      const batch = this.#queued;
      this.#queued = null;
      try {
        await this.#target.write(batch.data);
        failed = false;
        this.#unsaved = null;
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        failed = true;
        lastError = error;
        this.#unsaved = { data: batch.data };
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
    this.#draining = null;
    this.#setStatus(failed ? { kind: 'failed', error: lastError } : { kind: 'saved' });
  }

  #setStatus(status: SaveStatus): void {
    if (status.kind === this.#status.kind && status.kind !== 'failed') return;
    this.#status = status;
    try {
      this.#onStatus?.(status);
    } catch {
      // A failing status listener must not stop saving.
    }
  }
}
