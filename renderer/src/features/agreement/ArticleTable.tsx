import type { AgreementReport } from '../../../../shared/api/contract/index.js';
import { formatFigure } from './agreement-subjects.js';

/**
 * Every article's span agreement at a glance (every label: F1 exact, F1 overlap, αu, over the
 * annotators who coded it), in document order; an article's title shows all of its figures.
 */
export function ArticleTable({ report, onChoose }: { report: AgreementReport; onChoose(documentId: string): void }) {
  return (
    <div className="agreement-articles" role="region" aria-label="Agreement per article" tabIndex={0}>
      <table className="agreement-table">
        <caption>Each article, every label, over the annotators who coded it</caption>
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">Annotators</th>
            <th scope="col">F1 exact</th>
            <th scope="col">F1 overlap</th>
            <th scope="col">αu</th>
          </tr>
        </thead>
        <tbody>
          {report.byDocument.map((d) => (
              <tr key={d.documentId}>
                <th scope="row">
                  <button type="button" className="agreement-article" onClick={() => onChoose(d.documentId)}>
                    {d.title || d.documentId}
                  </button>
                </th>
                <td>{d.coders.length}</td>
                <td className="agreement-value">{formatFigure(d.f1Exact)}</td>
                <td className="agreement-value">{formatFigure(d.f1Overlap)}</td>
                <td className="agreement-value">{formatFigure(d.unitizingAlpha)}</td>
              </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
