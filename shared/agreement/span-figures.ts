/**
 * The span figures of the agreement report: pairwise F1 with exact and with overlap matching, and
 * Krippendorff's unitizing alpha at the character level. Each pair's matches are computed once per
 * rule over every article both annotators coded and counted by article and label, so a figure over
 * any label or article is a sum of counts (a match never crosses articles or labels).
 */
import type { AgreementFigure } from '../api/contract/agreement.js';
import type { Annotation } from '../model/annotation.js';
import type { AgreementCorpus } from './agreement-corpus.js';
import { pairsOf } from './agreement-corpus.js';
import { amount, articlesWords, cellOf, figureOf, labelWords, meanOfDefined, nameOf, pairName, subjectWords, type FigureSubject } from './agreement-figure.js';
import { memberKey } from './span-alignment.js';
import { matchSpans, type MatchingRule, type SpanUnit } from './span-matching.js';
import { unitizingAlpha, type UnitizedSegment } from './unitizing-alpha.js';

/** Matched spans and those left over on each side. */
interface Counts {
  matched: number;
  onlyA: number;
  onlyB: number;
}

/** The key standing for every label at once in per-label maps. */
const ANY_LABEL = '\u0000any';

/** What the two matching rules mean, as method sentences say it. */
const RULE_WORDS: Record<MatchingRule, string> = {
  exact: 'exact match (a match is a span of the same label with the same start and end of every fragment)',
  overlap:
    'overlap match (a match is a span of the same label sharing at least one character, each span matched at most once, the most characters in common first)',
};

/** The span figures of one corpus: pairwise matches, counted, and unitizing alpha. */
export class SpanFigureMaker {
  /** Each coder's spans of each article. */
  readonly #spans = new Map<string, Map<string, SpanUnit[]>>();
  /** `a b rule` → article → label (and ANY_LABEL) → counts. */
  readonly #counts = new Map<string, Map<string, Map<string, Counts>>>();
  /** article → coder → label (and ANY_LABEL) → that coder's fragments. */
  readonly #segments = new Map<string, Map<string, Map<string, { start: number; end: number }[]>>>();

  constructor(private readonly corpus: AgreementCorpus) {
    for (const document of corpus.documents) {
      const byCoder = new Map<string, Annotation[]>(document.coders.map((c) => [c, []]));
      for (const unit of document.units) for (const member of unit.members) byCoder.get(member.annotator)?.push(member);
      const segments = new Map<string, Map<string, { start: number; end: number }[]>>();
      for (const [coder, annotations] of byCoder) {
        let spans = this.#spans.get(coder);
        if (!spans) this.#spans.set(coder, (spans = new Map()));
        spans.set(
          document.id,
          annotations.map((a) => ({ id: memberKey(a), documentId: document.id, labelId: a.labelId, fragments: a.fragments })),
        );
        segments.set(coder, fragmentsByLabel(annotations));
      }
      this.#segments.set(document.id, segments);
    }
  }

  /** Pairwise F1 of `subject` under `rule`, for one label (null: every label, a match needing the same label). */
  f1(subject: FigureSubject, rule: MatchingRule, labelId: string | null): AgreementFigure {
    const cell = cellOf(subject, rule === 'exact' ? 'span-f1-exact' : 'span-f1-overlap', labelId);
    const label = labelId ?? ANY_LABEL;
    const pairs = pairsOf(subject.coders).map(([a, b]) => {
      const total: Counts = { matched: 0, onlyA: 0, onlyB: 0 };
      const byDocument = this.counts(a, b, rule);
      for (const document of subject.documents) {
        const counts = byDocument.get(document.id)?.get(label);
        if (!counts) continue;
        total.matched += counts.matched;
        total.onlyA += counts.onlyA;
        total.onlyB += counts.onlyB;
      }
      const spans = 2 * total.matched + total.onlyA + total.onlyB;
      return { a, b, total, f1: spans === 0 ? null : (2 * total.matched) / spans };
    });
    const what = `${RULE_WORDS[rule]}, ${labelId === null ? 'every label' : labelWords(this.corpus, labelId)}`;
    if (pairs.length === 1) {
      const { a, b, total, f1 } = pairs[0]!;
      const [spansA, spansB] = [total.matched + total.onlyA, total.matched + total.onlyB];
      const method =
        `Pairwise F1, ${what}, between ${nameOf(this.corpus, a)} and ${nameOf(this.corpus, b)}, ${articlesWords(subject)}: ` +
        `${amount(spansA, 'span')} and ${spansB.toLocaleString('en')}, ${total.matched.toLocaleString('en')} matched.`;
      return figureOf(cell, f1, method, [
        { name: 'precision', value: spansB === 0 ? null : total.matched / spansB },
        { name: 'recall', value: spansA === 0 ? null : total.matched / spansA },
        { name: 'matched', value: total.matched },
        { name: `only ${nameOf(this.corpus, a)}`, value: total.onlyA },
        { name: `only ${nameOf(this.corpus, b)}`, value: total.onlyB },
      ]);
    }
    const spans = new Set<string>();
    for (const { a, b } of pairs) for (const coder of [a, b]) spans.add(coder);
    const spanCount = [...spans].reduce((sum, coder) => sum + subject.documents.reduce((n, d) => n + this.spansOf(coder, d.id, labelId), 0), 0);
    const method = `Mean of pairwise F1 over the ${pairs.length} pairs, ${what}, ${subjectWords(subject)}, ${amount(spanCount, 'span')}.`;
    return figureOf(
      cell,
      meanOfDefined(pairs.map((p) => p.f1)),
      method,
      pairs.map((p) => ({ name: pairName(this.corpus, p.a, p.b), value: p.f1 })),
    );
  }

  /** Krippendorff's unitizing alpha of `subject` for one label (null: any label, where anything is marked). */
  unitizingAlpha(subject: FigureSubject, labelId: string | null): AgreementFigure {
    const cell = cellOf(subject, 'unitizing-alpha', labelId);
    const label = labelId ?? ANY_LABEL;
    const segments: UnitizedSegment[] = [];
    for (const document of subject.documents) {
      const byCoder = this.#segments.get(document.id)!;
      for (const coder of subject.coders) {
        for (const { start, end } of byCoder.get(coder)?.get(label) ?? []) segments.push({ continuum: document.id, coder, start, end });
      }
    }
    const result = unitizingAlpha(
      subject.documents.map((d) => ({ id: d.id, length: d.length })),
      [...subject.coders],
      segments,
    );
    const what = labelId === null ? 'any label (where anything is marked, whatever its label)' : labelWords(this.corpus, labelId);
    const method =
      `Krippendorff’s αu (unitizing), character level, ${what}, ${subjectWords(subject, true)}, ${amount(result.segments, 'segment')}` +
      ' (overlapping or touching spans of one annotator merged).';
    return figureOf(cell, result.alpha, method, [
      { name: 'observed disagreement', value: result.observedDisagreement },
      { name: 'expected disagreement', value: result.expectedDisagreement },
      { name: 'segments', value: result.segments },
      { name: 'characters', value: result.continuumLength },
    ]);
  }

  /** How many spans `coder` has in an article (of one label, or every label). */
  private spansOf(coder: string, documentId: string, labelId: string | null): number {
    const spans = this.#spans.get(coder)?.get(documentId) ?? [];
    return labelId === null ? spans.length : spans.filter((s) => s.labelId === labelId).length;
  }

  /** The pair's matches under `rule` over every article both coded, counted by article and label. */
  private counts(a: string, b: string, rule: MatchingRule): Map<string, Map<string, Counts>> {
    const key = `${a} ${b} ${rule}`;
    const known = this.#counts.get(key);
    if (known) return known;
    const both = this.corpus.documents.filter((d) => d.coders.includes(a) && d.coders.includes(b));
    const spansOf = (coder: string) => both.flatMap((d) => this.#spans.get(coder)?.get(d.id) ?? []);
    const match = matchSpans(spansOf(a), spansOf(b), rule);
    const counts = new Map<string, Map<string, Counts>>();
    const add = (span: SpanUnit, field: keyof Counts) => {
      let byLabel = counts.get(span.documentId);
      if (!byLabel) counts.set(span.documentId, (byLabel = new Map()));
      for (const label of [span.labelId, ANY_LABEL]) {
        let c = byLabel.get(label);
        if (!c) byLabel.set(label, (c = { matched: 0, onlyA: 0, onlyB: 0 }));
        c[field]++;
      }
    };
    for (const [span] of match.matched) add(span, 'matched');
    for (const span of match.onlyA) add(span, 'onlyA');
    for (const span of match.onlyB) add(span, 'onlyB');
    this.#counts.set(key, counts);
    return counts;
  }
}

/** An annotator's fragments of one article by label (and ANY_LABEL); unitizing alpha merges those that overlap or touch. */
function fragmentsByLabel(annotations: readonly Annotation[]): Map<string, { start: number; end: number }[]> {
  const byLabel = new Map<string, { start: number; end: number }[]>();
  for (const a of annotations) {
    for (const label of [a.labelId, ANY_LABEL]) {
      let list = byLabel.get(label);
      if (!list) byLabel.set(label, (list = []));
      for (const f of a.fragments) list.push({ start: f.start, end: f.end });
    }
  }
  return byLabel;
}
