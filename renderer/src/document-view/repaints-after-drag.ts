/**
 * What ends a press: the button let go, or a press that never sees its release (the selected text
 * dragged away, the pointer taken by the system, the window left).
 */
const RELEASES = ['mouseup', 'dragend', 'pointercancel', 'blur'] as const;

/**
 * Holds back repaints of the article while a mouse button is down in it. A repaint redraws the
 * paragraphs whose highlights change (a save landing turns a new highlight from pending to saved);
 * redrawn in the middle of a drag, the text node where the drag began can be replaced, and with it
 * goes the browser's selection being dragged out. The repaints asked for meanwhile run in
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
    for (const type of RELEASES) window.addEventListener(type, this.#release, true);
  }

  /** Runs `repaint` now, or after the drag (and after the repaints held before it, in order). */
  run(repaint: () => void): void {
    if (this.#held || this.#queue.length > 0) this.#queue.push(repaint);
    else repaint();
  }

  /** Stops listening; repaints still held are dropped (the view is going). */
  destroy(): void {
    this.target.removeEventListener('mousedown', this.#press, true);
    for (const type of RELEASES) window.removeEventListener(type, this.#release, true);
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
