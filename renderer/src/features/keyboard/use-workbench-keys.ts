import type { RefObject } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { DocumentViewHandle } from '../../document-view/DocumentView.js';
import type { Annotating } from '../annotate/use-annotating.js';
import type { ArticleFind } from '../find/use-article-find.js';
import type { Edits } from '../history/use-edits.js';
import type { Linking } from '../linking/use-linking.js';
import { useKeyboardWorkflow } from './keyboard-workflow.js';

/** The parts of the workbench the keys drive. */
export interface WorkbenchKeys {
  labels: readonly Label[];
  /** An article is open and shown (not the clusters or contradictions view). */
  articleShown: boolean;
  view: RefObject<DocumentViewHandle | null>;
  annotating: Annotating;
  linking: Linking;
  find: ArticleFind;
  edits: Edits;
  /** Where the keyboard goes for Ctrl/Cmd+Shift+F. */
  workspaceSearch: RefObject<HTMLInputElement | null>;
  /** The first field of the focused annotation's details (Enter goes there). */
  detailsField: RefObject<HTMLSelectElement | null>;
  showHelp(): void;
  notice(message: string): void;
}

/** Gives the workbench's keys (listed in keyboard-shortcuts.ts) their actions. */
export function useWorkbenchKeys(keys: WorkbenchKeys): void {
  const { annotating, find, edits, view } = keys;
  useKeyboardWorkflow({
    labels: keys.labels,
    articleShown: keys.articleShown,
    selection: () => view.current?.selectedRange() ?? null,
    pending: annotating.pending,
    hasFocused: annotating.focused !== null || annotating.saving.length > 0,
    linkingKey: keys.linking.handleKey,
    label: annotating.label,
    relabelFocused: annotating.relabelFocused,
    addPiece: (selection) => annotating.addPiece(selection.range, selection.altHeld),
    moveFocus: annotating.moveFocus,
    openDetails: () => {
      if (!annotating.focused) return false;
      keys.detailsField.current?.focus();
      return true;
    },
    deleteFocused: () => void annotating.remove(annotating.focusedNow),
    resizeFocused: (edge, direction) => annotating.resize(annotating.focusedNow, edge, direction),
    undo: () => void edits.undo(),
    redo: () => void edits.redo(),
    openFind: find.show,
    focusWorkspaceSearch: () => keys.workspaceSearch.current?.focus(),
    showHelp: keys.showHelp,
    escape: () => {
      if (find.open) return find.close();
      annotating.clear();
    },
    notice: keys.notice,
  });
}
