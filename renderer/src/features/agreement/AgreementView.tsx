import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { AgreementFigure, AgreementReport, AgreementState, Disagreement } from '../../../../shared/api/contract/index.js';
import { showPlaceInLayers } from '../team/compared-place.js';
import { AgreementTables } from './AgreementTables.js';
import { ArticleTable } from './ArticleTable.js';
import { namesOf, subjectsOf } from './agreement-subjects.js';
import { DisagreementsPanel } from './DisagreementsPanel.js';
import { useAgreement, type AgreementReading } from './use-agreement.js';
import './agreement.css';

/** Props of the agreement view. */
export interface AgreementViewProps {
  /** Opens an article in the article view. */
  onOpenArticle(documentId: string): void;
}

/**
 * Inter-annotator agreement: the figures of every annotator, of each pair or of one article (a
 * chooser, and a table of every article), as tables whose figures list the disagreements behind
 * them; each disagreement opens its article there with every layer shown. How the figures are
 * computed is said below them, in sentences a paper can cite. While figures are computed (in the
 * background) it says how far.
 */
export function AgreementView({ onOpenArticle }: AgreementViewProps) {
  const main = useAgreement({});
  const [key, setKey] = useState('overall');
  const articleId = key.startsWith('article:') ? key.slice('article:'.length) : null;
  const article = useAgreement(articleId === null ? null : { documentIds: [articleId] });
  return (
    <section className="overview agreement" aria-labelledby="agreement-title">
      <h1 id="agreement-title">Agreement</h1>
      <Reading reading={main}>
        {(report) => <Figures report={report} subjectKey={key} onSubject={setKey} article={articleId === null ? null : article} onOpenArticle={onOpenArticle} />}
      </Reading>
    </section>
  );
}

/** A reading's failure (with Try again), its progress, or what `children` make of its report. */
function Reading({ reading, children }: { reading: AgreementReading; children: (report: AgreementReport) => ReactNode }) {
  const { state, error, retry } = reading;
  if (error) {
    return (
      <div className="agreement-error" role="alert">
        <p>{error}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (!state || state.status === 'computing') return <Computing state={state} />;
  return <>{children(state.report)}</>;
}

/** How far the computation got. */
function Computing({ state }: { state: Extract<AgreementState, { status: 'computing' }> | null }) {
  const words =
    !state || state.phase === 'starting'
      ? 'Starting…'
      : state.phase === 'reading'
        ? `Reading every layer: ${state.done.toLocaleString('en')} of ${state.total.toLocaleString('en')} articles`
        : `Comparing: step ${state.done.toLocaleString('en')} of ${state.total.toLocaleString('en')}`;
  const known = state !== null && state.total > 0;
  return (
    <div className="agreement-computing" role="status">
      <p>Computing the agreement of every annotator’s layer in the background. {words}</p>
      <progress aria-label="Agreement computed so far" max={known ? state.total : undefined} value={known ? state.done : undefined} />
    </div>
  );
}

interface FiguresProps {
  report: AgreementReport;
  subjectKey: string;
  onSubject(key: string): void;
  /** The chosen article's own reading (null: no article chosen). */
  article: AgreementReading | null;
  onOpenArticle(documentId: string): void;
}

function Figures({ report, subjectKey, onSubject, article, onOpenArticle }: FiguresProps) {
  const subjects = useMemo(() => subjectsOf(report), [report]);
  const [chosen, setChosen] = useState<{ figure: AgreementFigure; name: string; report: AgreementReport } | null>(null);
  const chosenButton = useRef<HTMLButtonElement | null>(null);
  const subject = subjects.find((s) => s.key === subjectKey) ?? subjects[0]!;
  const choose = (key: string) => {
    setChosen(null);
    onSubject(key);
  };
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
  const tablesOf = (figuresReport: AgreementReport, figures = figuresReport.overall) => (
    <>
      <p className="hint">
        {namesOf(figuresReport, figures.annotators)}; {figures.documents} {figures.documents === 1 ? 'article' : 'articles'}.
      </p>
      <AgreementTables
        figures={figures}
        chosen={chosen?.figure ?? null}
        onChoose={(figure, name, button) => {
          chosenButton.current = button;
          setChosen({ figure, name, report: figuresReport });
        }}
      />
    </>
  );
  return (
    <>
      <p className="agreement-scope">
        {namesOf(report, report.annotators.map((a) => a.id))} — {report.overall.documents} {report.overall.documents === 1 ? 'article' : 'articles'} coded by all
        {report.excluded.length > 0 && ` (left out: ${report.excluded.map((e) => e.name).join(', ')})`}. Choose a figure to see where they differ.
      </p>
      <label className="agreement-subject">
        Figures for{' '}
        <select value={subject.key} onChange={(e) => choose(e.target.value)}>
          <option value="overall">{subjects[0]!.name}</option>
          {group('Each pair, over the articles both coded', 'pair')}
          {group('One article, over its annotators', 'article')}
        </select>
      </label>
      {subject.figures ? tablesOf(report, subject.figures) : article && <Reading reading={article}>{(own) => tablesOf(own)}</Reading>}
      {chosen && <DisagreementsPanel report={chosen.report} figure={chosen.figure} name={chosen.name} onOpenPlace={openPlace} onClose={close} />}
      {subject.key === 'overall' && report.byDocument.length > 0 && <ArticleTable report={report} onChoose={(documentId) => choose(`article:${documentId}`)} />}
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
