import type { AgreementFigure, AgreementFigures, AgreementReport } from '../../../shared/api/contract/agreement.js';

/**
 * The agreement report as a person reads it in a terminal: the overall figures as tables (spans
 * per label, attributes, links, clusters), then each pair and each article in short, then how the
 * figures are computed and what was left out.
 */
export function agreementText(report: AgreementReport): string {
  const names = report.annotators.map((a) => a.name).join(', ');
  const lines = [`Agreement of ${report.annotators.length} annotators (${names}) over ${plural(report.overall.documents, 'article')} all of them coded`, ''];
  lines.push(...figuresText(report.overall), '');
  if (report.byPair.length > 1) {
    lines.push('Per pair (over the articles both coded)');
    lines.push(...table(['Pair', 'articles', 'F1 exact', 'F1 overlap', 'αu', 'links α', 'CoNLL'], report.byPair.map((p) => [pairName(report, p), p.documents.toLocaleString('en'), ...summary(p)])), '');
  }
  if (report.byDocument.length > 0) {
    lines.push('Per article (over the annotators who coded it)');
    const rows = report.byDocument.map((d) => [shorten(d.title, 48), String(d.coders.length), ...[d.f1Exact, d.f1Overlap, d.unitizingAlpha].map(number)]);
    lines.push(...table(['Article', 'coders', 'F1 exact', 'F1 overlap', 'αu'], rows), '');
  }
  lines.push('How these are computed', ...report.method.map((m) => `  - ${m}`));
  if (report.notes.length > 0) lines.push('', 'Notes', ...report.notes.map((n) => `  - ${n}`));
  return `${lines.join('\n')}\n`;
}

function figuresText(figures: AgreementFigures): string[] {
  const lines: string[] = [];
  const spanRow = (name: string, f: AgreementFigures['spans']['overall']) => [name, value(f.f1Exact), value(f.f1Overlap), value(f.unitizingAlpha)];
  lines.push(
    ...table(['Spans', 'F1 exact', 'F1 overlap', 'αu'], [spanRow('every label', figures.spans.overall), ...figures.spans.byLabel.map((l) => spanRow(l.labelName, l.figures))]),
  );
  if (figures.attributes.length > 0) {
    lines.push('', ...table(['Attributes', 'level', 'α'], figures.attributes.map((a) => [`${a.labelName} · ${a.attribute}`, a.level, value(a.figure)])));
  }
  lines.push('', ...table(['Links', 'α', 'F1'], [['cross-document links', value(figures.links.alpha), value(figures.links.f1)]]));
  const c = figures.clusters;
  lines.push('', ...table(['Clusters', 'MUC', 'B³', 'CEAF-e', 'CoNLL', 'LEA'], [['same/paraphrase', value(c.muc), value(c.bCubed), value(c.ceafE), value(c.conll), value(c.lea)]]));
  return lines;
}

/** F1 exact, F1 overlap and αu over every label, link α and CoNLL F1. */
function summary(figures: AgreementFigures): string[] {
  const spans = figures.spans.overall;
  return [value(spans.f1Exact), value(spans.f1Overlap), value(spans.unitizingAlpha), value(figures.links.alpha), value(figures.clusters.conll)];
}

/** A figure to three decimals; `—` when undefined. */
function value(figure: AgreementFigure): string {
  return number(figure.value);
}

function number(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function pairName(report: AgreementReport, figures: AgreementFigures): string {
  return figures.annotators.map((id) => report.annotators.find((a) => a.id === id)?.name ?? id).join(' × ');
}

/** Rows under a header (the rows' first column indented), the first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows.map(([first, ...rest]) => [`  ${first ?? ''}`, ...rest])];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const pad = (cell: string, i: number) => (i === 0 ? cell + ' '.repeat(widths[i]! - width(cell)) : ' '.repeat(widths[i]! - width(cell)) + cell);
  return all.map((cells) => cells.map(pad).join('  ').trimEnd());
}

/** Columns a string takes (code points: enough for names and titles in a terminal). */
function width(text: string): number {
  return [...text].length;
}

function shorten(text: string, max: number): string {
  return width(text) > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

function plural(n: number, thing: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? thing : `${thing}s`}`;
}
