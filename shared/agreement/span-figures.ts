/**
 * The span figures of the agreement report: pairwise F1 with exact and with overlap matching, and
 * Krippendorff's unitizing alpha at the character level. Each pair's matches are computed once per
 * rule and article (a match never crosses articles or labels) and counted by label, so a figure
 * over any label or set of articles is a sum of counts; an article whose annotations did not change
 * since the last computation (`AgreementMemo`) is not matched again.
 */
import type { AgreementFigure } from '../api/contract/agreement.js';
import type { Annotation } from '../model/annotation.js';
import { AgreementMemo, pairsOf, type AgreementCorpus } from './agreement-corpus.js';
import { amount, articlesWords, cellOf, figureOf, labelWords, meanOfDefined, nameOf, pairName, subjectWords, type FigureSubject } from './agreement-figure.js';
import { matchSpans, type MatchingRule, type SpanUnit } from './span-matching.js';
import { alphaFromParts, mergeSegments, NO_SEGMENTS, pairDisagreement, type MergedSegments } from './unitizing-parts.js';

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

/** What the span figures read of one article, kept while its units are the same. */
interface SpanDocument {
  units: readonly unknown[];
  /** Each coder's spans (their annotations). */
  spans: Map<string, Annotation[]>;
  /** Each coder's fragments as merged segments (unitizing alpha's), by label (and ANY_LABEL). */
  segments: Map<string, Map<string, MergedSegments>>;
  /** `a b label` → the pair's Σ δ² in this article (unitizing alpha's observed disagreement). */
  pairDisagreements: Map<string, number>;
  /** `a b rule` → label (and ANY_LABEL) → counts. */
  counts: Map<string, Map<string, Counts>>;
  /** `coders label` → the article's own span values (its row of the per-article table). */
  values: Map<string, SpanValues>;
}

/** One label's span figures, values only. */
type SpanValues = { f1Exact: number | null; f1Overlap: number | null; unitizingAlpha: number | null };

/** The span figures of one corpus: pairwise matches, counted by article, and unitizing alpha. */
export class SpanFigureMaker {
  readonly #documents = new Map<string, SpanDocument>();

  constructor(
    private readonly corpus: AgreementCorpus,
    memo: AgreementMemo = new AgreementMemo(),
  ) {
    const kept = memo.spanDocuments as Map<string, SpanDocument>;
    for (const document of corpus.documents) {
      let read = kept.get(document.id);
      if (read?.units !== document.units) kept.set(document.id, (read = readDocument(document)));
      this.#documents.set(document.id, read);
    }
  }

  /** The values alone of one article's span figures over every label (the per-article table), kept while its units stay the same. */
  articleValues(subject: FigureSubject, labelId: string | null = null): SpanValues {
    const read = this.#documents.get(subject.documents[0]!.id)!;
    const key = `${subject.coders.join(' ')} ${labelId ?? ANY_LABEL}`;
    let values = read.values.get(key);
    if (!values) {
      values = {
        f1Exact: meanOfDefined(this.pairCounts(subject, 'exact', labelId).map((p) => p.f1)),
        f1Overlap: meanOfDefined(this.pairCounts(subject, 'overlap', labelId).map((p) => p.f1)),
        unitizingAlpha: this.alphaOf(subject, labelId).result.alpha,
      };
      read.values.set(key, values);
    }
    return values;
  }

  /** Pairwise F1 of `subject` under `rule`, for one label (null: every label, a match needing the same label). */
  f1(subject: FigureSubject, rule: MatchingRule, labelId: string | null): AgreementFigure {
    const cell = cellOf(subject, rule === 'exact' ? 'span-f1-exact' : 'span-f1-overlap', labelId);
    const pairs = this.pairCounts(subject, rule, labelId);
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
    const { result } = this.alphaOf(subject, labelId);
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

  /** Each pair's matched and left-over spans over `subject`'s articles, and their F1 (null: no span at all). */
  private pairCounts(subject: FigureSubject, rule: MatchingRule, labelId: string | null) {
    const label = labelId ?? ANY_LABEL;
    return pairsOf(subject.coders).map(([a, b]) => {
      const total: Counts = { matched: 0, onlyA: 0, onlyB: 0 };
      for (const document of subject.documents) {
        const counts = this.countsIn(document.id, a, b, rule).get(label);
        if (!counts) continue;
        total.matched += counts.matched;
        total.onlyA += counts.onlyA;
        total.onlyB += counts.onlyB;
      }
      const spans = 2 * total.matched + total.onlyA + total.onlyB;
      return { a, b, total, f1: spans === 0 ? null : (2 * total.matched) / spans };
    });
  }

  /** Unitizing alpha of `subject` for one label, from each article's merged segments and each pair's disagreement there. */
  private alphaOf(subject: FigureSubject, labelId: string | null) {
    const label = labelId ?? ANY_LABEL;
    const read = subject.documents.map((d) => this.#documents.get(d.id)!);
    const segmentsOf = (article: number, coder: number) => read[article]!.segments.get(subject.coders[coder]!)?.get(label) ?? NO_SEGMENTS;
    let observed = 0;
    for (let i = 0; i < subject.coders.length; i++) {
      for (let j = i + 1; j < subject.coders.length; j++) {
        const key = `${subject.coders[i]} ${subject.coders[j]} ${label}`;
        for (let article = 0; article < read.length; article++) {
          const known = read[article]!.pairDisagreements;
          let sum = known.get(key);
          if (sum === undefined) known.set(key, (sum = pairDisagreement(segmentsOf(article, i), segmentsOf(article, j))));
          observed += sum;
        }
      }
    }
    const result = alphaFromParts({ lengths: subject.documents.map((d) => d.length), coders: subject.coders.length, segmentsOf, observed });
    return { result };
  }

  /** How many spans `coder` has in an article (of one label, or every label). */
  private spansOf(coder: string, documentId: string, labelId: string | null): number {
    const spans = this.#documents.get(documentId)?.spans.get(coder) ?? [];
    return labelId === null ? spans.length : spans.filter((s) => s.labelId === labelId).length;
  }

  /** The pair's matches under `rule` in one article, counted by label (matched once while the article's units stay the same). */
  private countsIn(documentId: string, a: string, b: string, rule: MatchingRule): Map<string, Counts> {
    const read = this.#documents.get(documentId)!;
    const key = `${a} ${b} ${rule}`;
    let counts = read.counts.get(key);
    if (!counts) read.counts.set(key, (counts = countMatches(read.spans.get(a) ?? [], read.spans.get(b) ?? [], rule)));
    return counts;
  }
}

/** What the span figures read of one article. */
function readDocument(document: AgreementCorpus['documents'][number]): SpanDocument {
  const spans = new Map<string, Annotation[]>();
  /** Coder → label (and ANY_LABEL) → the fragments' starts and ends. */
  const fragments = new Map<string, Map<string, { starts: number[]; ends: number[] }>>();
  const rangesIn = (byLabel: Map<string, { starts: number[]; ends: number[] }>, label: string) => {
    let ranges = byLabel.get(label);
    if (!ranges) byLabel.set(label, (ranges = { starts: [], ends: [] }));
    return ranges;
  };
  for (const unit of document.units) {
    for (const member of unit.members) {
      const coder = member.annotator;
      listIn(spans, coder).push(member);
      let byLabel = fragments.get(coder);
      if (!byLabel) fragments.set(coder, (byLabel = new Map()));
      const ofLabel = rangesIn(byLabel, member.labelId);
      const ofAny = rangesIn(byLabel, ANY_LABEL);
      for (const { start, end } of member.fragments) {
        ofLabel.starts.push(start);
        ofLabel.ends.push(end);
        ofAny.starts.push(start);
        ofAny.ends.push(end);
      }
    }
  }
  const segments = new Map<string, Map<string, MergedSegments>>();
  for (const [coder, byLabel] of fragments) {
    segments.set(coder, new Map([...byLabel].map(([label, { starts, ends }]) => [label, mergeSegments(starts, ends)])));
  }
  return { units: document.units, spans, segments, pairDisagreements: new Map(), counts: new Map(), values: new Map() };
}

/** Two coders' spans of one article matched under `rule`, counted by label (and ANY_LABEL). */
function countMatches(a: readonly SpanUnit[], b: readonly SpanUnit[], rule: MatchingRule): Map<string, Counts> {
  const match = matchSpans(a, b, rule);
  const byLabel = new Map<string, Counts>();
  const add = (label: string, field: keyof Counts) => {
    let c = byLabel.get(label);
    if (!c) byLabel.set(label, (c = { matched: 0, onlyA: 0, onlyB: 0 }));
    c[field]++;
  };
  for (const [span] of match.matched) add(span.labelId, 'matched'), add(ANY_LABEL, 'matched');
  for (const span of match.onlyA) add(span.labelId, 'onlyA'), add(ANY_LABEL, 'onlyA');
  for (const span of match.onlyB) add(span.labelId, 'onlyB'), add(ANY_LABEL, 'onlyB');
  return byLabel;
}

/** The list of `key` in `map`, made empty when it has none. */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
