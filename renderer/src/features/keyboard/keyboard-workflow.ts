import { useEffect, useRef } from 'react';
import type { TextRange } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ArticleSelection } from '../../document-view/DocumentView.js';

/**
 * What the keyboard workflow acts on. The workbench supplies it on every render; the workflow only
 * decides which key means what (the list the `?` overlay shows is in keyboard-shortcuts.ts).
 */
export interface KeyboardWorkflow {
  /** The label schema: each label's hotkey labels the selection. */
  labels: readonly Label[];
  /** An article is open and shown (not the clusters or contradictions view). */
  articleShown: boolean;
  /** The article's selection, or null. */
  selection(): ArticleSelection | null;
  /** Pieces collected for a discontinuous annotation, not labelled yet. */
  pending: readonly TextRange[];
  /** An annotation is focused (or one is being saved and will be). */
  hasFocused: boolean;
  /** Gives a key to the linking workflow first; true when it took it. */
  linkingKey(event: KeyboardEvent, hasSelection: boolean): boolean;
  /** Labels `range` (plus the pending pieces) with `label`; `exact` turns word snapping off. */
  label(label: Label, range: TextRange, exact: boolean): void;
  /** Relabels the focused annotation (the same label again removes nothing: it toggles back). */
  relabelFocused(label: Label): void;
  /** Adds the selection as one piece of a discontinuous annotation. */
  addPiece(selection: ArticleSelection): void;
  /** Moves the focus to the next (1) or previous (-1) annotation. */
  moveFocus(direction: 1 | -1): void;
  /** Moves the keyboard into the focused annotation's details; false when there is nothing to open. */
  openDetails(): boolean;
  /** Deletes the focused annotation. */
  deleteFocused(): void;
  /** Moves an edge of the focused annotation by one character. */
  resizeFocused(edge: 'start' | 'end', direction: -1 | 1): void;
  undo(): void;
  redo(): void;
  /** Opens the find bar of the article. */
  openFind(): void;
  /** Moves the keyboard to the workspace search. */
  focusWorkspaceSearch(): void;
  /** Shows the list of shortcuts. */
  showHelp(): void;
  /** Moves my status of the article on: not started → in progress → done → not started. */
  advanceMyStatus(): void;
  /**
   * Escape: closes the find bar if open; else clears, one thing per press, the selection, then the
   * collected pieces, then a link being made, then the focus.
   */
  escape(): void;
  /** Tells the person something (why a key did nothing). */
  notice(message: string): void;
}

/** Resizing keys: which edge each moves, and which way. */
const RESIZE_KEYS: Readonly<Record<string, { edge: 'start' | 'end'; direction: -1 | 1 }>> = {
  '[': { edge: 'start', direction: -1 },
  ']': { edge: 'start', direction: 1 },
  '{': { edge: 'end', direction: -1 },
  '}': { edge: 'end', direction: 1 },
};

/**
 * Runs what `event` means in the workbench, for the article pane `workflow` drives (the open article,
 * or the compared one when the key comes from there). Keys work wherever the focus is, except inside
 * fields and dialogs, which keep their keys.
 */
export function handleWorkbenchKey(event: KeyboardEvent, workflow: KeyboardWorkflow): void {
  // Autofill sends keydown events that carry no key.
  if (typeof event.key !== 'string') return;
  const element = event.target instanceof Element ? event.target : null;
  const inField = !!element?.closest('input, textarea, select, dialog, [role="dialog"]');
  const inArticle = !!element?.closest('.article-text');
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && key === 'z' && !inField) {
    event.preventDefault();
    if (event.shiftKey) workflow.redo();
    else workflow.undo();
    return;
  }
  if (mod && key === 'y' && !event.shiftKey && !inField) {
    event.preventDefault();
    workflow.redo();
    return;
  }
  if (mod && key === 'f') {
    event.preventDefault();
    if (event.shiftKey) workflow.focusWorkspaceSearch();
    else workflow.openFind();
    return;
  }
  // The list of shortcuts, in every view.
  if (event.key === '?' && !inField && !mod) {
    event.preventDefault();
    workflow.showHelp();
    return;
  }
  if (inField || mod || !workflow.articleShown) return;
  const selection = workflow.selection();
  if (workflow.linkingKey(event, selection !== null)) return;
  // Alt+digit gives other characters on some layouts; the key's position still says which digit.
  const hotkey = event.altKey && /^Digit\d$/.test(event.code) ? event.code.slice(5) : event.key;
  const label = workflow.labels.find((l) => l.hotkey !== '' && l.hotkey === hotkey);
  if (label) {
    event.preventDefault();
    if (selection) workflow.label(label, selection.range, event.altKey || selection.altHeld);
    else if (workflow.pending.length > 0) workflow.label(label, workflow.pending[workflow.pending.length - 1]!, false);
    else if (workflow.hasFocused) workflow.relabelFocused(label);
    else workflow.notice(`Select some text first, then press ${label.hotkey} to mark it as ${label.name.toLowerCase()}.`);
    return;
  }
  const resize = RESIZE_KEYS[event.key];
  if (resize) {
    if (workflow.hasFocused) {
      event.preventDefault();
      workflow.resizeFocused(resize.edge, resize.direction);
    }
    return;
  }
  switch (event.key) {
    case '/':
      event.preventDefault();
      workflow.openFind();
      return;
    case 'm':
      event.preventDefault();
      workflow.advanceMyStatus();
      return;
    case '+':
      event.preventDefault();
      if (selection) workflow.addPiece(selection);
      else workflow.notice('Select a piece of text first, then press + to collect it.');
      return;
    case 'j':
    case 'k':
      event.preventDefault();
      workflow.moveFocus(event.key === 'j' ? 1 : -1);
      return;
    case 'Enter':
      if (inArticle || element === document.body) {
        if (workflow.openDetails()) event.preventDefault();
      }
      return;
    case 'Delete':
    case 'Backspace':
      if (workflow.hasFocused && !selection) {
        event.preventDefault();
        workflow.deleteFocused();
      }
      return;
    case 'Escape':
      workflow.escape();
      return;
  }
}

/** The keyboard workflows of the two article panes. */
export interface PaneWorkflows {
  /** The open article's. */
  main: KeyboardWorkflow;
  /** The compared article's, while side by side is open. */
  compared: KeyboardWorkflow | null;
}

/**
 * Handles the workbench's keys on the whole window while the component using it is mounted: a key
 * pressed in the compared pane acts on that pane, any other on the open article.
 */
export function useKeyboardWorkflow(workflows: PaneWorkflows): void {
  const latest = useRef(workflows);
  latest.current = workflows;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const { main, compared } = latest.current;
      const inCompared = event.target instanceof Element && event.target.closest('.compare-pane') !== null;
      handleWorkbenchKey(event, inCompared && compared ? compared : main);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
