import { useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api/contract/index.js';
import { useCache } from '../../client/workbench-context.js';

/** Props of the banner. */
export interface WorkspaceProblemsProps {
  workspace: WorkspaceInfo;
  /** Called after a file was restored, to load the workspace again. */
  onRestored(message: string): void;
}

/**
 * Says which workspace files could not be read and why, that their bytes are untouched, and that
 * the workspace is read-only; offers to restore each from its last good backup, or to go on
 * read-only.
 */
export function WorkspaceProblems({ workspace, onRestored }: WorkspaceProblemsProps) {
  const { api } = useCache();
  const [dismissed, setDismissed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { problems } = workspace;
  if (problems.length === 0 && !workspace.readOnly) return null;

  const restore = async (file: string) => {
    try {
      const { restoredFrom } = await api.restoreLastGoodBackup({ file });
      onRestored(`Restored ${file} from its backup ${restoredFrom}. The damaged version was kept as a copy.`);
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  if (dismissed) {
    return (
      <p className="read-only-badge" role="status">
        Read-only{workspace.readOnlyReason ? '' : ' (some articles)'}: edits are not saved.{' '}
        <button type="button" className="link-button" onClick={() => setDismissed(false)}>
          Why?
        </button>
      </p>
    );
  }
  return (
    <section className="workspace-problems" role="alert" aria-labelledby="workspace-problems-title">
      <h2 id="workspace-problems-title">
        {workspace.readOnly ? 'This workspace is open read-only' : 'Some articles are open read-only'}
      </h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.file}>
            <p>
              <code>{problem.file}</code>: {problem.message}
            </p>
            {problem.hasGoodBackup && problem.kind !== 'newer-version' && (
              <button type="button" className="primary" onClick={() => void restore(problem.file)}>
                Restore {problem.file} from its last good backup
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure && <p className="error-text">{failure}</p>}
      <button type="button" onClick={() => setDismissed(true)}>
        Continue read-only
      </button>
    </section>
  );
}
