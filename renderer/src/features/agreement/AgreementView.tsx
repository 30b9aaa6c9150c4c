import { useMemo, useRef, useState } from 'react';
import type { AgreementFigure, AgreementReport, AgreementState, Disagreement } from '../../../../shared/api/contract/index.js';
import { showPlaceInLayers } from '../team/compared-place.js';
import { AgreementTables } from './AgreementTables.js';
import { subjectsOf } from './agreement-subjects.js';
import { DisagreementsPanel } from './DisagreementsPanel.js';
import { useAgreement } from './use-agreement.js';
import './agreement.css';

/** Props of the agreement view. */
export interface AgreementViewProps {
  /** Opens an article in the article view. */
  onOpenArticle(documentId: string): void;
}

/**
 * Inter-annotator agreement: the figures of every annotator, of each pair or of each article (a
 * chooser), as tables whose figures list the disagreements behind them; each disagreement opens its
 * article there with every layer shown. How the figures are computed is said below them, in
 * sentences a paper can cite. While the figures are computed (in the background) it says how far.
 */
export function AgreementView({ onOpenArticle }: AgreementViewProps) {
  const { state, error, retry } = useAgreement();
  return (
    <section className="overview agreement" aria-labelledby="agreement-title">
      <h1 id="agreement-title">Agreement</h1>
      {error ? (
        <div className="agreement-error" role="alert">
          <p>{error}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : !state || state.status === 'computing' ? (
        <Computing state={state} />
      ) : (
        <Figures report={state.report} onOpenArticle={onOpenArticle} />
      )}
    </section>
  );
}

/** How far the computation got. */
function Computing({ state }: { state: Extract<AgreementState, { status: 'computing' }> | null }) {
  const reading = state?.phase === 'reading';
  const words = !state || state.phase === 'starting' ? 'Starting…' : reading ? `Reading every layer: ${state.done} of ${state.total} articles` : `Comparing: step ${state.done} of ${state.total}`;
  return (
    <div className="agreement-computing" role="status">
      <p>Computing the agreement of every annotator’s layer in the background. {words}</p>
      <progress aria-label="Agreement computed so far" max={state && state.total > 0 ? state.total : undefined} value={state && state.total > 0 ? state.done : undefined} />
    </div>
  );
}

function Figures({ report, onOpenArticle }: { report: AgreementReport; onOpenArticle(documentId: string): void }) {
  const subjects = useMemo(() => subjectsOf(report), [report]);
  const [key, setKey] = useState('overall');
  const [chosen, setChosen] = useState<{ figure: AgreementFigure; name: string } | null>(null);
  const chosenButton = useRef<HTMLButtonElement | null>(null);
  const subject = subjects.find((s) => s.key === key) ?? subjects[0]!;
  const close = () => {
    setChosen(null);
    chosenButton.current?.focus();
  };
  const openPlace = (disagreement: Disagreement) => {
    const { documentId, start, end } = disagreement.place;
    showPlaceInLayers({ documentId, start, end });
    onOpenArticle(documentId);
  };
  const group = (name: string, which: 'pair' | 'article') => {
    const members = subjects.filter((s) => s.group === which);
    return (
      members.length > 0 && (
        <optgroup label={name}>
          {members.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </optgroup>
      )
    );
  };
  return (
    <>
      <p className="agreement-scope">
        {report.annotators.map((a) => a.name).join(', ')} — {report.overall.documents} {report.overall.documents === 1 ? 'article' : 'articles'} coded by all
        {report.excluded.length > 0 && ` (left out: ${report.excluded.map((e) => e.name).join(', ')})`}. Choose a figure to see where they differ.
      </p>
      <label className="agreement-subject">
        Figures for{' '}
        <select value={subject.key} onChange={(e) => (setKey(e.target.value), setChosen(null))}>
          <option value="overall">{subjects[0]!.name}</option>
          {group('Each pair, over the articles both coded', 'pair')}
          {group('Each article, over its annotators', 'article')}
        </select>
      </label>
      <p className="hint">
        {subject.figures.annotators.length} annotators, {subject.figures.documents} {subject.figures.documents === 1 ? 'article' : 'articles'}.
      </p>
      <AgreementTables
        figures={subject.figures}
        chosen={chosen?.figure ?? null}
        onChoose={(figure, name, button) => {
          chosenButton.current = button;
          setChosen({ figure, name });
        }}
      />
      {chosen && <DisagreementsPanel report={report} figure={chosen.figure} name={chosen.name} onOpenPlace={openPlace} onClose={close} />}
      <section className="agreement-method-section" aria-labelledby="agreement-method-title">
        <h2 id="agreement-method-title">How these are computed</h2>
        {report.method.map((sentence, i) => (
          <p key={i}>{sentence}</p>
        ))}
        {report.notes.length > 0 && (
          <ul className="agreement-notes" aria-label="Left out">
            {report.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
