import { useEffect, useRef, useState } from 'react';
import type { AgreementFigure, AgreementReport, Disagreement, DisagreementList } from '../../../../shared/api/contract/index.js';
import { useCache } from '../../client/workbench-context.js';
import { detailsLine, formatFigure, namesOf } from './agreement-subjects.js';

/** Props of the disagreements of one figure. */
export interface DisagreementsPanelProps {
  report: AgreementReport;
  figure: AgreementFigure;
  /** The figure as its table names it (`F1 exact, Quote`). */
  name: string;
  /** Opens the article at a disagreement's place, with every layer shown. */
  onOpenPlace(disagreement: Disagreement): void;
  /** Closes the list (Escape, or the Close button). */
  onClose(): void;
}

/**
 * The places behind one figure where the annotators it compares differ: what differs, the article
 * and the words, what each annotator chose, and a button that opens the article there with every
 * layer shown. Its heading takes the focus when it opens.
 */
export function DisagreementsPanel({ report, figure, name, onOpenPlace, onClose }: DisagreementsPanelProps) {
  const cache = useCache();
  const heading = useRef<HTMLHeadingElement>(null);
  const [list, setList] = useState<DisagreementList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setList(null);
    setError(null);
    cache.api.listDisagreements({ cell: figure.cell }).then(
      (read) => current && setList(read),
      (failure: unknown) => current && setError((failure as Error).message),
    );
    heading.current?.focus();
    return () => {
      current = false;
    };
  }, [cache, figure]);

  const who = namesOf(report, figure.cell.annotators);
  return (
    <section
      className="agreement-disagreements"
      aria-labelledby="agreement-disagreements-title"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="agreement-disagreements-head">
        <h2 id="agreement-disagreements-title" ref={heading} tabIndex={-1}>
          {name}: {formatFigure(figure.value)}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="agreement-method">{figure.method}</p>
      {figure.details.length > 0 && <p className="agreement-details">{detailsLine(figure)}</p>}
      {error && (
        <p className="layer-error" role="alert">
          The disagreements could not be listed: {error}
        </p>
      )}
      {!list && !error && (
        <p className="hint" role="status">
          Finding where {who} differ…
        </p>
      )}
      {list && (
        <>
          <p className="agreement-count" role="status">
            {list.total === 0
              ? `Nowhere: ${who} agree here.`
              : `${list.total.toLocaleString('en')} ${list.total === 1 ? 'place' : 'places'} where ${who} differ${list.total > list.items.length ? ` (the first ${list.items.length} listed)` : ''}.`}
          </p>
          <ol className="agreement-places">
            {list.items.map((d, i) => (
              <DisagreementItem key={i} report={report} disagreement={d} onOpen={() => onOpenPlace(d)} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function DisagreementItem({ report, disagreement: d, onOpen }: { report: AgreementReport; disagreement: Disagreement; onOpen(): void }) {
  return (
    <li className="agreement-place">
      <p className="agreement-place-summary">
        <strong>{d.summary}</strong> <span className="agreement-place-where">{d.place.title}</span>
      </p>
      <blockquote className="agreement-quote">“{d.place.quote}”</blockquote>
      {d.other && (
        <p className="agreement-other">
          to <span className="agreement-place-where">{d.other.title}</span>: “{d.other.quote}”
        </p>
      )}
      <dl className="agreement-choices">
        {d.choices.map((choice) => (
          <div key={choice.annotator}>
            <dt>{namesOf(report, [choice.annotator])}</dt>
            <dd>{choice.choice}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="agreement-open" onClick={onOpen}>
        Open “{shorten(d.place.title, 40)}” here, every layer shown
      </button>
    </li>
  );
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
