import type { WorkspaceInfo } from '../../../../shared/api/contract/index.js';
import { useCache } from '../../client/workbench-context.js';
import type { TrackSave } from '../history/use-edits.js';

/** Props of the empty-workspace screen. */
export interface EmptyWorkspaceProps {
  workspace: WorkspaceInfo;
  onImport(): void;
  /** Runs adding the sample articles through the save indicator. */
  track: TrackSave;
  /** The sample articles were added: `message` says how many. */
  onSamplesAdded(message: string): void;
}

/** What a workspace without articles shows: import articles, or add the sample articles. */
export function EmptyWorkspace({ workspace, onImport, track, onSamplesAdded }: EmptyWorkspaceProps) {
  const { api } = useCache();
  const onAddSampleArticles = () =>
    void track(async () => {
      const { added } = await api.addSampleArticles();
      onSamplesAdded(`Added ${added} sample ${added === 1 ? 'article' : 'articles'}.`);
    });
  return (
    <div className="empty-workspace">
      <h1>This workspace has no articles yet</h1>
      {!workspace.readOnly && (
        <button type="button" className="primary" onClick={onImport}>
          Import articles…
        </button>
      )}{' '}
      {workspace.canAddSampleArticles && (
        <button type="button" className="primary" onClick={onAddSampleArticles}>
          Add the sample articles
        </button>
      )}
    </div>
  );
}
