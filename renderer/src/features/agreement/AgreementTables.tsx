import type { AgreementFigure, AgreementFigures, SpanFigures } from '../../../../shared/api/contract/index.js';
import { formatFigure } from './agreement-subjects.js';

/** Props of the figure tables. */
export interface AgreementTablesProps {
  figures: AgreementFigures;
  /** The figure whose disagreements are listed, if any. */
  chosen: AgreementFigure | null;
  /** Lists a figure's disagreements (a click on it, or Enter). */
  onChoose(figure: AgreementFigure, name: string, button: HTMLButtonElement): void;
}

/**
 * The figures of one subject as tables: spans (F1 exact, F1 overlap, αu) per label, attributes (α),
 * links (α, F1) and clusters (MUC, B³, CEAF-e, CoNLL, LEA). Every figure is a button: its tooltip
 * says how it was computed, and choosing it lists the disagreements behind it.
 */
export function AgreementTables({ figures, chosen, onChoose }: AgreementTablesProps) {
  const cell = (figure: AgreementFigure, name: string) => <FigureCell figure={figure} name={name} chosen={chosen === figure} onChoose={onChoose} />;
  const spanRow = (label: string, spans: SpanFigures) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      {cell(spans.f1Exact, `F1 exact, ${label}`)}
      {cell(spans.f1Overlap, `F1 overlap, ${label}`)}
      {cell(spans.unitizingAlpha, `αu, ${label}`)}
    </tr>
  );
  return (
    <div className="agreement-tables">
      <table className="agreement-table">
        <caption>Spans</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" title="Pairwise F1: same label, same start and end of every fragment">
              F1 exact
            </th>
            <th scope="col" title="Pairwise F1: same label, at least one character in common">
              F1 overlap
            </th>
            <th scope="col" title="Krippendorff’s unitizing alpha, character level">
              αu
            </th>
          </tr>
        </thead>
        <tbody>
          {spanRow('Every label', figures.spans.overall)}
          {figures.spans.byLabel.map((l) => spanRow(l.labelName, l.figures))}
        </tbody>
      </table>
      {figures.attributes.length > 0 && (
        <table className="agreement-table">
          <caption>Attributes</caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Level</th>
              <th scope="col" title="Krippendorff’s alpha of the attribute on spans marked by at least two annotators">
                α
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.attributes.map((a) => (
              <tr key={`${a.labelId}/${a.attribute}`}>
                <th scope="row">
                  {a.labelName} · {a.attribute}
                </th>
                <td>{a.level}</td>
                {cell(a.figure, `α of ${a.labelName} · ${a.attribute}`)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {figures.links && (
        <table className="agreement-table">
          <caption>Links across articles</caption>
          <thead>
            <tr>
              <th scope="col">Links</th>
              <th scope="col">α</th>
              <th scope="col">F1</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Every link type</th>
              {cell(figures.links.alpha, 'α of links')}
              {cell(figures.links.f1, 'F1 of links')}
            </tr>
          </tbody>
        </table>
      )}
      {figures.clusters && (
        <table className="agreement-table">
          <caption>Clusters of same and paraphrase links</caption>
          <thead>
            <tr>
              <th scope="col">MUC</th>
              <th scope="col">B³</th>
              <th scope="col">CEAF-e</th>
              <th scope="col">CoNLL</th>
              <th scope="col">LEA</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {cell(figures.clusters.muc, 'MUC of clusters')}
              {cell(figures.clusters.bCubed, 'B³ of clusters')}
              {cell(figures.clusters.ceafE, 'CEAF-e of clusters')}
              {cell(figures.clusters.conll, 'CoNLL F1 of clusters')}
              {cell(figures.clusters.lea, 'LEA of clusters')}
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One figure: its value as a button that lists its disagreements, its method as the tooltip. */
function FigureCell({ figure, name, chosen, onChoose }: { figure: AgreementFigure; name: string; chosen: boolean; onChoose: AgreementTablesProps['onChoose'] }) {
  const text = formatFigure(figure.value);
  return (
    <td className="agreement-figure">
      <button
        type="button"
        title={figure.method}
        aria-pressed={chosen}
        aria-label={`${name}: ${text}${text === '—' ? ' (undefined)' : ''}. Show the disagreements`}
        onClick={(event) => onChoose(figure, name, event.currentTarget)}
      >
        {text}
      </button>
    </td>
  );
}
