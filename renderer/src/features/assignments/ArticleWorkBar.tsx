import { useState } from 'react';
import { initialsOf } from '../../../../shared/model/annotator.js';
import { WORK_STATUS_NAMES, WORK_STATUSES } from '../../../../shared/model/assignment.js';
import { useWorkbenchState } from '../../client/workbench-context.js';
import { AssignDialog } from './AssignDialog.js';
import { useMyAssignments } from './my-assignments.js';
import { annotatorLabel, useAnnotators } from './use-annotators.js';
import './assignments.css';

/** Props of the open article's work bar. */
export interface ArticleWorkBarProps {
  documentId: string;
  title: string;
  /** Tells the person why something did not happen. */
  notice(message: string): void;
}

/**
 * Above the open article: my status of it (by mouse, by the arrow keys in the group, or `m`
 * anywhere), who it is assigned to, and assigning it.
 */
export function ArticleWorkBar({ documentId, title, notice }: ArticleWorkBarProps) {
  const [{ me }, store] = useMyAssignments();
  const annotators = useAnnotators();
  const [assigning, setAssigning] = useState(false);
  // A read-only workspace takes no changes: the controls say so rather than fail when used.
  const readOnly = useWorkbenchState((state) => state.workspace?.readOnly ?? false);
  const { assignees, myStatus } = store.of(documentId);
  const others = assignees.filter((id) => id !== me);
  const fail = (failure: unknown) => notice((failure as Error).message);
  return (
    <div className="article-work-bar">
      <div className="my-status" role="radiogroup" aria-labelledby="my-status-label">
        <span id="my-status-label" className="my-status-label" title="Press m to move your status on">
          Your status <kbd aria-hidden="true">m</kbd>
        </span>
        {WORK_STATUSES.map((status) => (
          <label key={status} className={`status-choice status-choice-${status}`}>
            <input
              type="radio"
              name={`my-status-${documentId}`}
              value={status}
              checked={myStatus === status}
              disabled={readOnly}
              onChange={() => void store.setMyStatus(documentId, status).catch(fail)}
            />
            {WORK_STATUS_NAMES[status]}
          </label>
        ))}
      </div>
      <div className="article-assignees">
        <span className="article-assignees-label">Assigned to</span>
        {assignees.length === 0 ? (
          <span className="article-unassigned">nobody</span>
        ) : (
          <ul aria-label="Assigned to">
            {me !== null && assignees.includes(me) && <li className="assignee-chip assignee-me">you</li>}
            {others.map((id) => (
              <li key={id} className="assignee-chip" title={annotatorLabel(annotators, id)}>
                <span aria-hidden="true">{initialsOf(annotatorLabel(annotators, id))}</span>
                <span className="visually-hidden">{annotatorLabel(annotators, id)}</span>
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => setAssigning(true)} disabled={readOnly}>
          Assign…
        </button>
      </div>
      {assigning && (
        <AssignDialog
          title={title}
          assignees={assignees}
          annotators={annotators}
          onSave={async (add, remove) => {
            await store.changeAssignees([documentId], add, true);
            await store.changeAssignees([documentId], remove, false);
          }}
          onClose={() => setAssigning(false)}
        />
      )}
    </div>
  );
}
