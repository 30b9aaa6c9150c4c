import type { ReactNode } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api/contract.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { EditHistoryState } from '../history/edit-history.js';
import { SaveStatus, type SaveState } from './SaveStatus.js';

/** What the main area shows: the open article, the clusters of same/paraphrase links, or the contradictions. */
export type WorkbenchView = 'articles' | 'clusters' | 'contradictions';

const WORKBENCH_VIEWS: readonly { id: WorkbenchView; name: string }[] = [
  { id: 'articles', name: 'Article' },
  { id: 'clusters', name: 'Clusters' },
  { id: 'contradictions', name: 'Contradictions' },
];

/** Props of the workbench's top bar. */
export interface TopBarProps {
  workspace: WorkspaceInfo;
  view: WorkbenchView;
  onView(view: WorkbenchView): void;
  compareOpen: boolean;
  onToggleCompare(): void;
  /** There are two articles to put side by side. */
  canCompare: boolean;
  importButton: ReactNode;
  exportButton: ReactNode;
  labels: readonly Label[];
  history: EditHistoryState;
  onUndo(): void;
  onRedo(): void;
  snapWords: boolean;
  onSnapWords(on: boolean): void;
  onEditLabels(): void;
  onEditLinkTypes(): void;
  onShowHelp(): void;
  saveState: SaveState;
}

/**
 * The workbench's top bar: the workspace, the views, side by side, import and export, the labels
 * with their keys, the editing toolbar (undo, redo, word snapping, the label and link type editors,
 * the shortcut list) and whether everything is saved.
 */
export function TopBar(props: TopBarProps) {
  const { workspace, view, history } = props;
  return (
    <header className="top-bar">
      <span className="app-name">Corroborate</span>
      <span className="workspace-name" title={workspace.path}>
        {workspace.name}
      </span>
      <nav className="view-switch" aria-label="Views">
        {WORKBENCH_VIEWS.map(({ id, name }) => (
          <button key={id} type="button" aria-pressed={view === id} onClick={() => props.onView(id)}>
            {name}
          </button>
        ))}
      </nav>
      <button type="button" aria-pressed={props.compareOpen} onClick={props.onToggleCompare} disabled={!props.canCompare}>
        Side by side
      </button>
      {props.importButton}
      {props.exportButton}
      <LabelLegend labels={props.labels} />
      <div className="toolbar" role="toolbar" aria-label="Editing">
        <button type="button" onClick={props.onUndo} disabled={!history.undo} aria-label={history.undo ? `Undo ${history.undo}` : 'Undo'}>
          Undo
        </button>
        <button type="button" onClick={props.onRedo} disabled={!history.redo} aria-label={history.redo ? `Redo ${history.redo}` : 'Redo'}>
          Redo
        </button>
        <label className="snap-toggle" title="Hold Alt while selecting or labelling to take exactly the selected characters">
          <input type="checkbox" checked={props.snapWords} onChange={(e) => props.onSnapWords(e.target.checked)} /> Snap to words
        </label>
        <button type="button" onClick={props.onEditLabels}>
          Edit labels
        </button>
        <button type="button" onClick={props.onEditLinkTypes}>
          Edit link types
        </button>
        <button type="button" onClick={props.onShowHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
      <SaveStatus state={props.saveState} />
    </header>
  );
}

/** The labels with their keys and colours (the name is there too: colour is never the only signal). */
function LabelLegend({ labels }: { labels: readonly Label[] }) {
  return (
    <ul className="label-legend" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.id} className={`label-swatch label-${label.id}`} title={label.description}>
          <kbd>{label.hotkey}</kbd> {label.name}
        </li>
      ))}
    </ul>
  );
}
