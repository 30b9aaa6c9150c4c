import type { WorkspaceInfo } from '../../../../shared/api/contract/index.js';

/** Props of the empty-workspace screen. */
export interface EmptyWorkspaceProps {
  workspace: WorkspaceInfo;
  onImport(): void;
  onAddSampleArticles(): void;
}

/** What a workspace without articles shows: import articles, or add the sample articles. */
export function EmptyWorkspace({ workspace, onImport, onAddSampleArticles }: EmptyWorkspaceProps) {
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
