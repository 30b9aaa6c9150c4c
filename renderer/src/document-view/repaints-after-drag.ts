/**
 * Holds back repaints of the article while a mouse button is down in it. A repaint redraws the
 * paragraphs whose highlights change (a save landing turns a new highlight from pending to saved);
 * redrawn in the middle of a drag, the text node where the drag began is replaced and the browser's
 * selection collapses, so the person's selection is lost. The repaints asked for meanwhile run in
 * the order asked, once the button is let go.
 */
export class RepaintsAfterDrag {
  #held = false;
  #queue: (() => void)[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #press = (event: MouseEvent) => {
    if (event.button === 0) this.#held = true;
  };
  readonly #release = () => {
    if (!this.#held) return;
    this.#held = false;
    // After the release's own handlers: the editor takes the final selection first.
    this.#flushTimer ??= setTimeout(this.#flush, 0);
  };

  constructor(private readonly target: HTMLElement) {
    target.addEventListener('mousedown', this.#press, true);
    window.addEventListener('mouseup', this.#release, true);
    window.addEventListener('blur', this.#release);
  }

  /** Runs `repaint` now, or after the drag (and after the repaints held before it, in order). */
  run(repaint: () => void): void {
    if (this.#held || this.#queue.length > 0) this.#queue.push(repaint);
    else repaint();
  }

  /** Stops listening; repaints still held are dropped (the view is going). */
  destroy(): void {
    this.target.removeEventListener('mousedown', this.#press, true);
    window.removeEventListener('mouseup', this.#release, true);
    window.removeEventListener('blur', this.#release);
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#queue = [];
  }

  readonly #flush = () => {
    this.#flushTimer = null;
    if (this.#held) return;
    const queued = this.#queue;
    this.#queue = [];
    for (const repaint of queued) repaint();
  };
}
