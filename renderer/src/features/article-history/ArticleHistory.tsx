import { useEffect, useState } from 'react';
import type { HistoryEntry, LayerChange, QuotedAnnotationChange } from '../../../../shared/api/contract/index.js';
import { annotationChangeWords, articleChangeWords, layerChangeCounts, relativeTime } from '../../../../shared/history/history-wording.js';
import { formatLocalMinute } from '../../../../shared/text/local-minute.js';
import type { ArticleHistoryState } from './use-article-history.js';
import './article-history.css';

/** Props of the history panel. */
export interface ArticleHistoryProps {
  id: string;
  state: ArticleHistoryState;
  /** My annotator id: my annotations are shown in my layer, anyone else's in theirs. */
  myId: string | null;
  /** Shows an annotation that is still there in the article, in its annotator's layer. */
  onShowAnnotation(annotator: string, annotationId: string): void;
  onClose(): void;
}

/** How often the relative times ("5 minutes ago") are worked out again while the panel is open. */
const CLOCK_TICK_MS = 30_000;

/**
 * Who changed what in the open article, and when, newest first: each commit of the team workspace
 * that changed it (its author, relative and absolute time, what changed in the article and in each
 * layer, a few annotations quoted), and first what is saved here and not yet synced. An annotation
 * that is still there is a button that shows it in the article.
 */
export function ArticleHistory({ id, state, myId, onShowAnnotation, onClose }: ArticleHistoryProps) {
  const now = useNow();
  const { history, error } = state;
  return (
    // Escape closes the panel before it reaches the workbench's keys.
    <section
      id={id}
      className="article-history"
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="history-heading">
        <h2 id={`${id}-title`}>History of this article</h2>
        <button type="button" onClick={onClose}>
          Close history
        </button>
      </div>
      {error ? (
        <p role="alert" className="history-error">
          {error}
        </p>
      ) : !history ? (
        <p role="status">Reading the history…</p>
      ) : history.entries.length === 0 ? (
        <p role="status" className="history-empty">
          {history.emptyReason}
        </p>
      ) : (
        <>
          <ol className="history-entries" aria-label="Changes, newest first">
            {history.entries.map((entry) => (
              <HistoryItem key={entry.commit ?? 'not-synced'} entry={entry} now={now} myId={myId} onShowAnnotation={onShowAnnotation} />
            ))}
          </ol>
          {history.more && (
            <button type="button" className="history-older" onClick={state.showOlder}>
              Show older changes
            </button>
          )}
          {history.problems.map((problem) => (
            <p key={problem} className="history-problem">
              {problem}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

function HistoryItem({ entry, now, myId, onShowAnnotation }: { entry: HistoryEntry; now: Date; myId: string | null; onShowAnnotation: ArticleHistoryProps['onShowAnnotation'] }) {
  const at = entry.at ? new Date(entry.at) : null;
  const synced = entry.commit !== null;
  return (
    <li className={`history-entry${synced ? '' : ' history-not-synced'}`}>
      <p className="history-who">
        <strong>{synced ? entry.author!.name : 'Not yet synced'}</strong>
        {at && (
          <>
            {' '}
            <time dateTime={entry.at!}>{relativeTime(at, now)}</time>
            <span className="history-absolute">{formatLocalMinute(at)}</span>
          </>
        )}
        {synced && <code title={entry.message}>{entry.commit}</code>}
        {entry.merge && <span className="history-merge">merge</span>}
      </p>
      {!synced && <p className="history-hint">Saved on this computer; the team gets it with your next sync.</p>}
      <ul className="history-changes">
        {entry.article.map((change, index) => (
          <li key={`article-${index}`}>{articleChangeWords(change)}</li>
        ))}
        {entry.layers.map((layer) => (
          <li key={layer.annotator.id}>
            <LayerChanges layer={layer} isMine={layer.annotator.id === myId} onShow={(annotationId) => onShowAnnotation(layer.annotator.id, annotationId)} />
          </li>
        ))}
      </ul>
    </li>
  );
}

function LayerChanges({ layer, isMine, onShow }: { layer: LayerChange; isMine: boolean; onShow(annotationId: string): void }) {
  const more = layer.added + layer.removed + layer.changed - layer.examples.length;
  return (
    <>
      <span className="history-layer">
        {isMine ? 'Your' : `${layer.annotator.name}’s`} annotations: {layerChangeCounts(layer)}
      </span>
      <ul className="history-examples">
        {layer.examples.map((example) => (
          <li key={`${example.change}-${example.annotationId}`}>
            <QuotedAnnotation example={example} onShow={onShow} /> <span className="history-what">{annotationChangeWords(example)}</span>
          </li>
        ))}
        {more > 0 && <li className="history-more">and {more} more</li>}
      </ul>
    </>
  );
}

/** An annotation as a change quotes it: a button that shows it while it is still there, plain text once it is gone. */
function QuotedAnnotation({ example, onShow }: { example: QuotedAnnotationChange; onShow(annotationId: string): void }) {
  const content = (
    <>
      <span className={`label-chip label-${example.labelId}`}>
        {example.label}
        <span className="name-colon">:</span>
      </span>{' '}
      “{example.quote}”
    </>
  );
  if (!example.present) return <span className="history-quote history-gone">{content}</span>;
  return (
    <button type="button" className="history-quote" title="Show it in the article" onClick={() => onShow(example.annotationId)}>
      {content}
    </button>
  );
}

/** The time now, worked out again every `CLOCK_TICK_MS`. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
