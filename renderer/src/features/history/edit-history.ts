/** One undoable edit: it has been done once; `undo` and `redo` call the services again. */
export interface EditCommand {
  /** What the edit did, in words ("Label as quote", "Delete claim"), for menus and announcements. */
  readonly description: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** What the history can do now, for enabling buttons and announcing. */
export interface EditHistoryState {
  /** The edit Ctrl/Cmd+Z would undo, if any. */
  undo: string | null;
  /** The edit Shift+Ctrl/Cmd+Z would redo, if any. */
  redo: string | null;
}

/**
 * The annotation-level undo/redo history. Edits are commands that call the workspace services (the
 * article text never changes, so ProseMirror's own history has nothing to do). Every run, undo and
 * redo is queued behind the previous one, so pressing Ctrl+Z right after an edit undoes that edit
 * once it has been saved, never half of it.
 */
export class EditHistory {
  private readonly done: EditCommand[] = [];
  private readonly undone: EditCommand[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  /** Creates a history keeping at most `limit` edits; `onChange` hears every change of state. */
  constructor(
    private readonly onChange: (state: EditHistoryState) => void = () => undefined,
    private readonly limit = 500,
  ) {}

  /**
   * Runs an edit (after every queued one) and records the command it returns. A failed edit is not
   * recorded and its error is passed on.
   */
  run(edit: () => Promise<EditCommand | null>): Promise<void> {
    return this.enqueue(async () => {
      const command = await edit();
      if (!command) return;
      this.done.push(command);
      if (this.done.length > this.limit) this.done.shift();
      this.undone.length = 0;
    });
  }

  /** Undoes the most recent edit, if any; resolves to whether there was one. */
  undo(): Promise<boolean> {
    return this.enqueue(async () => {
      const command = this.done.pop();
      if (!command) return false;
      try {
        await command.undo();
      } catch (error) {
        this.done.push(command);
        throw error;
      }
      this.undone.push(command);
      return true;
    });
  }

  /** Redoes the most recently undone edit, if any; resolves to whether there was one. */
  redo(): Promise<boolean> {
    return this.enqueue(async () => {
      const command = this.undone.pop();
      if (!command) return false;
      try {
        await command.redo();
      } catch (error) {
        this.undone.push(command);
        throw error;
      }
      this.done.push(command);
      return true;
    });
  }

  /** Forgets every edit (another workspace was opened). */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.onChange(this.state);
  }

  /** What can be undone and redone now. */
  get state(): EditHistoryState {
    return { undo: this.done.at(-1)?.description ?? null, redo: this.undone.at(-1)?.description ?? null };
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(step);
    this.queue = next;
    return next.finally(() => this.onChange(this.state));
  }
}
