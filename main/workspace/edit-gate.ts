/**
 * Holds edits back while something else changes a workspace's files on disk (a team sync bringing in
 * others' work). Every edit passes `pass()` right before it changes what a store holds in memory;
 * `exclusive(work)` closes the gate, lets the edits already past it land (`settle`), runs `work`,
 * and opens the gate again however `work` ends. Edits asked for meanwhile wait, then go on.
 */
export class EditGate {
  #closed: Promise<void> | null = null;

  /** Resolves at once while the gate is open, else when it opens. */
  async pass(): Promise<void> {
    while (this.#closed) await this.#closed;
  }

  /** Whether edits are being held back right now. */
  get closed(): boolean {
    return this.#closed !== null;
  }

  /**
   * Runs `work` with every edit held back: first `settle` (waiting for writes in flight), then
   * `work`. Exclusive sections queue one after another.
   */
  async exclusive<T>(settle: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    // Checked and closed with no await in between, so two sections never both find it open.
    while (this.#closed) await this.#closed;
    let open!: () => void;
    this.#closed = new Promise((resolve) => (open = resolve));
    try {
      await settle();
      return await work();
    } finally {
      this.#closed = null;
      open();
    }
  }
}
