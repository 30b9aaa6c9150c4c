import type { AgreementFigure, AgreementFigures, AgreementReport } from '../../../../shared/api/contract/index.js';

/** What one set of figures is over: every annotator, one pair, or one article (whose figures are asked for on their own). */
export interface AgreementSubject {
  /** Stable among the report's subjects, for the chooser: `overall`, `pair:a,b`, `article:<id>`. */
  key: string;
  group: 'overall' | 'pair' | 'article';
  /** As the chooser lists it: `Every annotator`, `Ana × Bob`, an article's title. */
  name: string;
  /** The figures, where the report holds them (an article's are asked for: `getAgreement({ documentIds })`). */
  figures: AgreementFigures | null;
  /** The article (article subjects). */
  documentId: string | null;
}

/** The report's subjects: every annotator first, then each pair, then each article. */
export function subjectsOf(report: AgreementReport): AgreementSubject[] {
  return [
    { key: 'overall', group: 'overall', name: `Every annotator (${report.annotators.length}), over the articles all coded`, figures: report.overall, documentId: null },
    ...report.byPair.map(
      (figures): AgreementSubject => ({ key: `pair:${figures.annotators.join(',')}`, group: 'pair', name: namesOf(report, figures.annotators, ' × '), figures, documentId: null }),
    ),
    ...report.byDocument.map((d): AgreementSubject => ({ key: `article:${d.documentId}`, group: 'article', name: d.title || d.documentId, figures: null, documentId: d.documentId })),
  ];
}

/** Annotators' names joined by `separator` (their ids where the report has no name); by default `A, B and C`. */
export function namesOf(report: AgreementReport, ids: readonly string[], separator?: string): string {
  const names = ids.map((id) => report.annotators.find((a) => a.id === id)?.name ?? id);
  if (separator !== undefined || names.length < 2) return names.join(separator ?? '');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A figure as the tables show it: three decimals (a true minus sign below zero), or `—` when undefined. */
export function formatFigure(value: number | null): string {
  if (value === null) return '—';
  const text = Math.abs(value).toFixed(3);
  return value < 0 && text !== '0.000' ? `−${text}` : text;
}

/** A figure's parts (precision, recall, counts…) in one line, for the drill-down. */
export function detailsLine(figure: AgreementFigure): string {
  return figure.details.map((d) => `${d.name} ${d.value === null ? '—' : Number.isInteger(d.value) ? d.value.toLocaleString('en') : d.value.toFixed(3)}`).join(' · ');
}
