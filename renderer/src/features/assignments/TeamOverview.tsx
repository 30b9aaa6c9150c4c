import { useEffect, useMemo, useState } from 'react';
import type { DocumentProgress, MyAssignment, TeamOverview as Overview } from '../../../../shared/api/contract/index.js';
import { progressTotals, type ProgressTotals } from '../../../../shared/model/team-progress.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import { useMyAssignments } from './my-assignments.js';
import { WorkStatusBadge } from './WorkStatusBadge.js';
import './assignments.css';

/** Which articles the overview lists. */
type Shown = 'all' | 'unassigned' | 'open' | 'finished';

const SHOWN: readonly { id: Shown; name: string }[] = [
  { id: 'all', name: 'All articles' },
  { id: 'unassigned', name: 'Assigned to nobody' },
  { id: 'open', name: 'Assigned, not done by everyone' },
  { id: 'finished', name: 'Done by everyone assigned' },
];

/** Props of the team overview. */
export interface TeamOverviewProps {
  /** Opens an article in the article view. */
  onOpenArticle(documentId: string): void;
  /** Tells the person why a change did not happen. */
  notice(message: string): void;
}

/**
 * Who has done what: a table of articles × annotators (each annotator's totals under their name)
 * with each one's status and annotation count, where each cell's checkbox assigns the article to that annotator and
 * the rows chosen on the left can be assigned (or unassigned) at once.
 */
export function TeamOverview({ onOpenArticle, notice }: TeamOverviewProps) {
  const cache = useCache();
  // Read once per workspace load (opening the view, a sync, another identity); my own changes since
  // (assignments, my statuses) are laid over it from the assignments store, so a click reads nothing.
  const workspace = useWorkbenchState((state) => state.workspace);
  const readOnly = workspace?.readOnly ?? false;
  const [{ me, byDocument }, assignments] = useMyAssignments();
  const [read, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown>('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkAnnotator, setBulkAnnotator] = useState('');

  useEffect(() => {
    let current = true;
    cache.api.getTeamOverview().then(
      (read) => current && (setOverview(read), setError(null)),
      (failure: unknown) => current && setError((failure as Error).message),
    );
    return () => {
      current = false;
    };
  }, [cache, workspace]);

  const overview = useMemo(() => read && withMyChanges(read, byDocument, me), [read, byDocument, me]);
  const rows = useMemo(() => (overview ? overview.documents.filter((row) => isShown(row, shown)) : []), [overview, shown]);
  if (error) return <p className="layer-error" role="alert">The team overview could not be read: {error}</p>;
  if (!overview) return <p className="hint">Reading every annotator’s work…</p>;
  const people = overview.annotators.filter((a) => a.reserved !== 'curated');
  const chosen = rows.filter((row) => selected.has(row.documentId)).map((row) => row.documentId);
  const change = (documentIds: readonly string[], annotators: readonly string[], assign: boolean) =>
    void assignments.changeAssignees(documentIds, annotators, assign).catch((failure: unknown) => notice((failure as Error).message));
  const toggleRow = (documentId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(documentId);
      else next.delete(documentId);
      return next;
    });

  return (
    <>
      <p className="hint team-hint">
        Each annotator marks their own status of an article; assignments are shared. Others’ work shows here once it is synced.
      </p>
      <div className="team-toolbar">
        <label>
          Show{' '}
          <select value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            {SHOWN.map(({ id, name }) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="team-bulk" role="group" aria-label="Selected articles">
          <span>{chosen.length} selected:</span>
          <label>
            <span className="visually-hidden">Annotator for the selected articles</span>
            <select value={bulkAnnotator} onChange={(e) => setBulkAnnotator(e.target.value)}>
              <option value="">Choose an annotator…</option>
              {people.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.isMe ? ' (you)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={readOnly || chosen.length === 0 || bulkAnnotator === ''} onClick={() => change(chosen, [bulkAnnotator], true)}>
            Assign
          </button>
          <button type="button" disabled={readOnly || chosen.length === 0 || bulkAnnotator === ''} onClick={() => change(chosen, [bulkAnnotator], false)}>
            Unassign
          </button>
        </span>
      </div>
      <div className="team-table-scroll" role="region" aria-label="Articles by annotator" tabIndex={0}>
        <table className="team-table">
          <caption className="visually-hidden">Each article’s assignees, and every annotator’s status and annotation count</caption>
          <thead>
            <tr>
              <th scope="col" className="team-article">
                <input
                  type="checkbox"
                  aria-label="Select every article listed"
                  checked={rows.length > 0 && chosen.length === rows.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.documentId)) : new Set())}
                />{' '}
                Article
              </th>
              {overview.annotators.map((a, i) => (
                <th scope="col" key={a.id} className="team-annotator">
                  <span className="team-name">
                    {a.name}
                    {a.isMe && <span className="team-you"> (you)</span>}
                  </span>
                  <TotalsLine totals={overview.totals[i]!} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.documentId}>
                <th scope="row" className="team-article">
                  <div className="team-article-cell">
                    <input type="checkbox" aria-label={`Select “${row.title}”`} checked={selected.has(row.documentId)} onChange={(e) => toggleRow(row.documentId, e.target.checked)} />
                    <button type="button" className="team-open" onClick={() => onOpenArticle(row.documentId)}>
                      {row.title}
                    </button>
                  </div>
                </th>
                {row.progress.map((progress, column) => {
                  const annotator = overview.annotators[column]!;
                  const assigned = row.assignees.includes(progress.annotator);
                  return (
                    <td key={progress.annotator} className={assigned ? 'team-cell team-assigned' : 'team-cell'}>
                      {annotator.reserved !== 'curated' && (
                        <label className="team-assign" title={assigned ? `Assigned to ${annotator.name}: untick to take it back` : `Assign to ${annotator.name}`}>
                          <input type="checkbox" checked={assigned} disabled={readOnly} onChange={(e) => change([row.documentId], [progress.annotator], e.target.checked)} />
                          <span className="visually-hidden">
                            “{row.title}” assigned to {annotator.name}
                          </span>
                        </label>
                      )}
                      <span title={progress.updatedAt ? `Marked ${new Date(progress.updatedAt).toLocaleString()}` : undefined}>
                        <WorkStatusBadge status={progress.status} />
                      </span>
                      <span className="team-count">
                        {progress.annotations} {progress.annotations === 1 ? 'annotation' : 'annotations'}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="hint">No article is {SHOWN.find((s) => s.id === shown)!.name.toLowerCase()}.</p>}
      </div>
    </>
  );
}

/** One annotator's totals under their name: what they were given and what they did. */
function TotalsLine({ totals }: { totals: ProgressTotals }) {
  return (
    <span className="team-figures">
      {totals.assigned === 0 ? 'nothing assigned' : `${totals.assignedDone} of ${totals.assigned} assigned done`}
      {totals.assignedInProgress > 0 && `, ${totals.assignedInProgress} in progress`}
      {` · ${totals.annotations} ${totals.annotations === 1 ? 'annotation' : 'annotations'}`}
    </span>
  );
}

/** The overview as read, with the assignments and my statuses as the assignments store now holds them, and the totals worked out again. */
function withMyChanges(read: Overview, byDocument: ReadonlyMap<string, MyAssignment>, me: string | null): Overview {
  const documents = read.documents.map((row) => {
    const mine = byDocument.get(row.documentId);
    if (!mine) return row;
    const progress = row.progress.map((p) => (p.annotator === me ? { ...p, status: mine.myStatus, updatedAt: mine.myStatusUpdatedAt } : p));
    return { ...row, assignees: mine.assignees, progress };
  });
  return { ...read, documents, totals: progressTotals(read.annotators.map((a) => a.id), documents) };
}

/** Whether a row is listed under `shown`. */
function isShown(row: DocumentProgress, shown: Shown): boolean {
  if (shown === 'all') return true;
  if (shown === 'unassigned') return row.assignees.length === 0;
  const doneByAll = row.assignees.every((id) => row.progress.find((p) => p.annotator === id)?.status === 'done');
  return row.assignees.length > 0 && (shown === 'finished' ? doneByAll : !doneByAll);
}
