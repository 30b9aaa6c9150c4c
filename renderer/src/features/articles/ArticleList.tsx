import { useState } from 'react';
import type { DocumentSummary } from '../../../../shared/model/document.js';
import { useMyAssignments } from '../assignments/my-assignments.js';
import { myQueue } from '../assignments/my-queue.js';
import { WorkStatusBadge } from '../assignments/WorkStatusBadge.js';
import { CurationBadge, useCurationStatuses } from '../curation/curation-statuses.js';

/** Props of the article list. */
export interface ArticleListProps {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen(documentId: string): void;
}

/**
 * The workspace's articles: title, then outlet and date where known, how many annotations, where its
 * curation stands, whether it is assigned to me and my status of it. "My queue" shows only the articles assigned to me that I
 * have not marked done, in the same order.
 */
export function ArticleList({ documents, openId, onOpen }: ArticleListProps) {
  const [{ me, byDocument }] = useMyAssignments();
  const curation = useCurationStatuses();
  const [queueOnly, setQueueOnly] = useState(false);
  const queue = myQueue(documents, byDocument, me);
  const shown = queueOnly ? queue : documents;
  return (
    <section className="article-list" aria-label="Article list">
      <h2>Articles <span className="count">{documents.length}</span></h2>
      <div className="article-filter" role="group" aria-label="Filter articles">
        <button type="button" aria-pressed={!queueOnly} onClick={() => setQueueOnly(false)}>
          All <span className="count">{documents.length}</span>
        </button>
        <button type="button" aria-pressed={queueOnly} onClick={() => setQueueOnly(true)} title="The articles assigned to you that you have not marked done">
          My queue <span className="count">{queue.length}</span>
        </button>
      </div>
      {queueOnly && queue.length === 0 && (
        <p className="hint">
          {documents.some((d) => me !== null && byDocument.get(d.id)?.assignees.includes(me))
            ? 'Your queue is empty: you marked every article assigned to you done.'
            : 'Your queue is empty: no article is assigned to you yet (articles are assigned in the Progress view, or with Assign… above an article).'}
        </p>
      )}
      {/* The filter stays outside the navigation, which holds only the articles. */}
      <nav aria-label="Articles">
        <ul>
          {shown.map((doc) => {
            const details = [doc.outlet, doc.date].filter(Boolean).join(' · ');
            const assignment = byDocument.get(doc.id);
            const mine = me !== null && assignment?.assignees.includes(me) === true;
            return (
              <li key={doc.id}>
                <button
                  type="button"
                  className="article-item"
                  aria-current={doc.id === openId ? 'page' : undefined}
                  onClick={() => onOpen(doc.id)}
                >
                  <span className="article-title">{doc.title}</span>
                  <span className="article-details">
                    {details && <span>{details}</span>}
                    {doc.annotationCount !== null && (
                      <span>
                        {doc.annotationCount} {doc.annotationCount === 1 ? 'annotation' : 'annotations'}
                      </span>
                    )}
                    <CurationBadge status={curation.get(doc.id)} />
                  </span>
                  {(mine || (assignment && assignment.myStatus !== 'not-started')) && (
                    <span className="article-work">
                      {mine && <span className="assigned-to-me">Assigned to you</span>}
                      <WorkStatusBadge status={assignment?.myStatus ?? 'not-started'} quiet={!mine} />
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
    </section>
  );
}
