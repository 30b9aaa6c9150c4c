import { useMemo, useState } from 'react';
import { EditHistory, type EditCommand, type EditHistoryState } from './edit-history.js';

/** Runs a piece of work through the save indicator ("Saving…" until it resolves, then "All changes saved"). */
export type TrackSave = (work: () => Promise<void>) => Promise<void>;

/** The workbench's undoable edits: run one, undo, redo, and what the menus should say. */
export interface Edits {
  /** What can be undone and redone now. */
  state: EditHistoryState;
  /** Runs an undoable edit, shown as saving until it is durable; a refusal is shown by the save indicator. */
  run(edit: () => Promise<EditCommand | null>): Promise<void>;
  /** Runs an undoable edit and lets a refusal reach the caller (dialogs show it themselves). */
  runOrThrow(edit: () => Promise<EditCommand | null>): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * The edit history of the workbench, with every step tracked by the save indicator. Each edit, undo
 * or redo first clears the last notice (`notice(null)`): what it said was about the state before.
 */
export function useEdits(track: TrackSave, notice: (message: string | null) => void): Edits {
  const [state, setState] = useState<EditHistoryState>({ undo: null, redo: null });
  const history = useMemo(() => new EditHistory(setState), []);
  const step = (move: () => Promise<boolean>, nothing: string) => {
    notice(null);
    return track(async () => {
      if (!(await move())) notice(nothing);
    });
  };
  return {
    state,
    run: (edit) => {
      notice(null);
      return track(() => history.run(edit));
    },
    runOrThrow: (edit) => {
      notice(null);
      return history.run(edit);
    },
    undo: () => step(() => history.undo(), 'Nothing to undo.'),
    redo: () => step(() => history.redo(), 'Nothing to redo.'),
  };
}
