import type { Label } from '../../../../shared/model/label-schema.js';
import { useWorkbenchState } from '../../client/workbench-context.js';
import { useCurateKey } from '../curation/curation-keys.js';
import { ExportButton } from '../export/ExportDialog.js';
import { TeamSyncButton } from '../sync/TeamSyncButton.js';
import { IdentityButton } from '../team/IdentityButton.js';
import type { Edits } from '../history/use-edits.js';
import { SaveStatus, type SaveState } from './SaveStatus.js';

/** What the main area shows: the open article, the clusters of same/paraphrase links, the contradictions, the team's progress (who has done what), the curation of the open article, or the inter-annotator agreement. */
export type WorkbenchView = 'articles' | 'clusters' | 'contradictions' | 'progress' | 'curation' | 'agreement';

const WORKBENCH_VIEWS: readonly { id: WorkbenchView; name: string }[] = [
  { id: 'articles', name: 'Article' },
  { id: 'clusters', name: 'Clusters' },
  { id: 'contradictions', name: 'Contradictions' },
  { id: 'progress', name: 'Progress' },
  { id: 'curation', name: 'Curate' },
  { id: 'agreement', name: 'Agreement' },
];

/** Props of the workbench's top bar. */
export interface TopBarProps {
  view: WorkbenchView;
  onView(view: WorkbenchView): void;
  compareOpen: boolean;
  onToggleCompare(): void;
  edits: Edits;
  snapWords: boolean;
  onSnapWords(on: boolean): void;
  /** Opens a dialog: import, labels, link types or the shortcut list. */
  onOpenDialog(kind: 'import' | 'labels' | 'link-types' | 'help'): void;
  saveState: SaveState;
  /** The team's work changed the workspace's files (a sync, or a join): read them again. */
  onTeamFilesChanged(): void;
}

/**
 * The workbench's top bar: the workspace, the views, side by side, import and export, who I am,
 * team sync, the labels
 * with their keys, the editing toolbar (undo, redo, word snapping, the label and link type editors,
 * the shortcut list) and whether everything is saved.
 */
export function TopBar(props: TopBarProps) {
  const { view, edits } = props;
  const history = edits.state;
  const workspace = useWorkbenchState((state) => state.workspace);
  const canCompare = useWorkbenchState((state) => state.documents.length >= 2);
  useCurateKey(view === 'articles', workspace?.labels ?? [], () => props.onView('curation'));
  if (!workspace) return null;
  return (
    <header className="top-bar">
      {/* Two groups that each stay on one line: where the window is too narrow for both, the editing
          group moves to a second row as a whole rather than squeezing every button's text. */}
      <div className="top-bar-group">
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
        <button type="button" aria-pressed={props.compareOpen} onClick={props.onToggleCompare} disabled={!canCompare}>
          Side by side
        </button>
        {!workspace.readOnly && (
          <button type="button" className="import-button" onClick={() => props.onOpenDialog('import')}>
            Import articles…
          </button>
        )}
        <ExportButton />
        <IdentityButton />
      </div>
      <div className="top-bar-group top-bar-editing">
        <LabelLegend labels={workspace.labels} />
        <div className="toolbar" role="toolbar" aria-label="Editing">
          <button type="button" onClick={() => void edits.undo()} disabled={!history.undo} aria-label={history.undo ? `Undo ${history.undo}` : 'Undo'}>
            Undo
          </button>
          <button type="button" onClick={() => void edits.redo()} disabled={!history.redo} aria-label={history.redo ? `Redo ${history.redo}` : 'Redo'}>
            Redo
          </button>
          <label className="snap-toggle" title="Hold Alt while selecting or labelling to take exactly the selected characters">
            <input type="checkbox" checked={props.snapWords} onChange={(e) => props.onSnapWords(e.target.checked)} /> Snap to words
          </label>
          <button type="button" onClick={() => props.onOpenDialog('labels')}>
            Edit labels
          </button>
          <button type="button" onClick={() => props.onOpenDialog('link-types')}>
            Edit link types
          </button>
          <button type="button" onClick={() => props.onOpenDialog('help')} aria-label="Keyboard shortcuts">
            ?
          </button>
        </div>
        <TeamSyncButton onFilesChanged={props.onTeamFilesChanged} />
        <SaveStatus state={props.saveState} />
      </div>
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
