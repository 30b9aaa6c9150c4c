import type { RefObject } from 'react';
import { WORK_STATUS_NAMES } from '../../../../shared/model/assignment.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { useMyAssignments, type MyAssignmentsStore } from '../assignments/my-assignments.js';
import type { ArticleFind } from '../find/use-article-find.js';
import type { Edits } from '../history/use-edits.js';
import type { Linking } from '../linking/use-linking.js';
import type { ArticlePane, ArticlePanes } from '../annotate/use-article-panes.js';
import { useKeyboardWorkflow, type KeyboardWorkflow } from './keyboard-workflow.js';

/** The parts of the workbench the keys drive. */
export interface WorkbenchKeys {
  labels: readonly Label[];
  /** The articles view is shown (not the clusters or contradictions view). */
  articlesShown: boolean;
  /** The open article's pane and, side by side, the compared one's. */
  panes: ArticlePanes;
  linking: Linking;
  /** The open article's find bar. */
  find: ArticleFind;
  edits: Edits;
  /** Where the keyboard goes for Ctrl/Cmd+Shift+F. */
  workspaceSearch: RefObject<HTMLInputElement | null>;
  /** The first field of the focused annotation's details (Enter goes there). */
  detailsField: RefObject<HTMLSelectElement | null>;
  showHelp(): void;
  notice(message: string): void;
}

/** Gives the workbench's keys (listed in keyboard-shortcuts.ts) their actions, in whichever pane they are pressed. */
export function useWorkbenchKeys(keys: WorkbenchKeys): void {
  const { panes } = keys;
  const [, assignments] = useMyAssignments();
  useKeyboardWorkflow({ main: paneWorkflow(keys, panes.main, assignments), compared: panes.compared && paneWorkflow(keys, panes.compared, assignments) });
}

/** The keyboard workflow of one article pane. */
function paneWorkflow(keys: WorkbenchKeys, pane: ArticlePane, assignments: MyAssignmentsStore): KeyboardWorkflow {
  const { annotating, view } = pane;
  const { find, edits, linking } = keys;
  const findHere = pane.kind === 'main';
  return {
    labels: keys.labels,
    articleShown: pane.opened !== null && keys.articlesShown,
    selection: () => view.current?.selectedRange() ?? null,
    pending: annotating.pending,
    hasFocused: annotating.focused !== null || annotating.saving.length > 0,
    linkingKey: (event, hasSelection) => linking.handleKey(event, hasSelection, annotating.focused),
    label: annotating.label,
    relabelFocused: annotating.relabelFocused,
    addPiece: (selection) => annotating.addPiece(selection.range, selection.altHeld),
    moveFocus: annotating.moveFocus,
    openDetails: () => {
      if (!annotating.focused) return false;
      keys.panes.activate(pane.kind);
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
    advanceMyStatus: () => {
      const article = pane.opened?.meta;
      if (!article) return;
      assignments.advanceMyStatus(article.id).then(
        (status) => keys.notice(`Your status of “${article.title}”: ${WORK_STATUS_NAMES[status].toLowerCase()}.`),
        (failure: unknown) => keys.notice((failure as Error).message),
      );
    },
    escape: () => {
      if (findHere && find.open) return find.close();
      if (view.current?.selectedRange()) return view.current.collapseSelection();
      if (annotating.pending.length > 0 || annotating.chooser) return annotating.clear();
      if (linking.linkSource) return linking.cancelLink();
      annotating.clear();
    },
    notice: keys.notice,
  };
}
