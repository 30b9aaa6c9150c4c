/**
 * How one figure of the agreement report is put together: its value, the sentence that says how
 * it was computed, the parts it is made of, and the cell that lists its disagreements. Shared by
 * every measure's module.
 */
import type { AgreementCell, AgreementFigure, AgreementMeasure } from '../api/contract/agreement.js';
import type { AgreementCorpus, CorpusDocument } from './agreement-corpus.js';

/** Which annotators and articles one set of figures is over. */
export interface FigureSubject {
  corpus: AgreementCorpus;
  /** The annotators compared, in the report's order. */
  coders: readonly string[];
  /** The articles the figures are over. */
  documents: readonly CorpusDocument[];
  /** The one article of per-article figures, else null. */
  documentId: string | null;
}

/** The cell of a figure of `subject`. */
export function cellOf(subject: FigureSubject, measure: AgreementMeasure, labelId: string | null = null, attribute: string | null = null): AgreementCell {
  return { scope: subject.corpus.scope, measure, labelId, attribute, documentId: subject.documentId, annotators: [...subject.coders] };
}

/** A figure: `value` (null: undefined), how it was computed, its parts. */
export function figureOf(cell: AgreementCell, value: number | null, method: string, details: { name: string; value: number | null }[] = []): AgreementFigure {
  return { value: value === null || Number.isNaN(value) ? null : value, method, details, cell };
}

/** The mean of the values that are defined, or null when none is. */
export function meanOfDefined(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  return defined.length === 0 ? null : defined.reduce((sum, v) => sum + v, 0) / defined.length;
}

/** An annotator's name in the corpus (their id when unknown). */
export function nameOf(corpus: AgreementCorpus, id: string): string {
  return corpus.annotators.find((a) => a.id === id)?.name ?? id;
}

/** A pair's name as details list it: `Ana × Bob`. */
export function pairName(corpus: AgreementCorpus, a: string, b: string): string {
  return `${nameOf(corpus, a)} × ${nameOf(corpus, b)}`;
}

/**
 * Who and what a figure is over, as the end of its method sentence says it: `3 annotators (Ana,
 * Bob, Cleo), 5 articles, 48,213 characters`.
 */
export function subjectWords(subject: FigureSubject, withCharacters = false): string {
  const names = subject.coders.map((c) => nameOf(subject.corpus, c)).join(', ');
  const parts = [`${subject.coders.length} annotators (${names})`, articlesWords(subject)];
  if (withCharacters) parts.push(amount(subject.documents.reduce((sum, d) => sum + d.length, 0), 'character'));
  return parts.join(', ');
}

/** `5 articles`, or the one article's title. */
export function articlesWords(subject: FigureSubject): string {
  if (subject.documentId !== null) return `the article “${subject.documents[0]?.title ?? subject.documentId}”`;
  return amount(subject.documents.length, 'article');
}

/** `n thing(s)`, thousands separated. */
export function amount(n: number, thing: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? thing : `${thing}s`}`;
}

/** A label's name (its id when the schema no longer has it); `any label` for null. */
export function labelWords(corpus: AgreementCorpus, labelId: string | null): string {
  if (labelId === null) return 'any label';
  return `label ${corpus.labels.find((l) => l.id === labelId)?.name ?? labelId}`;
}
