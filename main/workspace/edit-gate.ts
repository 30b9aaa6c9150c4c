import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Holds edits back while something else changes a workspace's files on disk (a team sync bringing in
 * others' work). Every edit of a store runs through `edit(work)`; `exclusive(settle, work)` closes
 * the gate, waits until the edits already under way have finished (however many steps and writes
 * each takes: an import writes texts, then annotation files, then the index), lets their writes land
 * (`settle`), runs `work`, and opens the gate again however `work` ends. Edits asked for meanwhile
 * wait, then go on. An edit made from inside another (an import updating the index) runs as part of
 * it, never waiting for the gate its outer edit already passed.
 */
export class EditGate {
  #closed: Promise<void> | null = null;
  #underWay = 0;
  #allFinished: (() => void) | null = null;
  #ended = 0;
  readonly #inEdit = new AsyncLocalStorage<true>();

  /** Runs `work` as one edit: once the gate is open, and counted until it ends. */
  async edit<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inEdit.getStore()) return work();
    // Checked and counted with no await in between, so an exclusive section never misses it.
    while (this.#closed) await this.#closed;
    this.#underWay++;
    try {
      return await this.#inEdit.run(true, work);
    } finally {
      this.#underWay--;
      this.#ended++;
      if (this.#underWay === 0) this.#allFinished?.();
    }
  }

  /**
   * How many edits and exclusive sections have ended (however they ended): it goes up after each,
   * so what was computed from the files at one count may be out of date at a higher one.
   */
  get ended(): number {
    return this.#ended;
  }

  /** Whether edits are being held back right now. */
  get closed(): boolean {
    return this.#closed !== null;
  }

  /**
   * Runs `work` with every edit held back: first the edits under way finish, then `settle` (waiting
   * for writes in flight), then `work`. Exclusive sections queue one after another.
   */
  async exclusive<T>(settle: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    // Checked and closed with no await in between, so two sections never both find it open.
    while (this.#closed) await this.#closed;
    let open!: () => void;
    this.#closed = new Promise((resolve) => (open = resolve));
    try {
      if (this.#underWay > 0) await new Promise<void>((resolve) => (this.#allFinished = resolve));
      this.#allFinished = null;
      await settle();
      return await work();
    } finally {
      this.#ended++;
      this.#closed = null;
      open();
    }
  }
}
