/**
 * The span figures of the agreement report: pairwise F1 with exact and with overlap matching, and
 * Krippendorff's unitizing alpha at the character level. Each pair's matches are computed once per
 * rule and article (a match never crosses articles or labels) and counted by label, so a figure
 * over any label or set of articles is a sum of counts. The counts and segments are each article's
 * parts (`article-parts.ts`), kept while the article stays the same.
 */
import type { AgreementFigure } from '../api/contract/agreement.js';
import { pairsOf, type AgreementCorpus } from './agreement-corpus.js';
import { amount, articlesWords, cellOf, figureOf, labelWords, meanOfDefined, nameOf, pairName, subjectWords, type FigureSubject } from './agreement-figure.js';
import { ANY_LABEL, type Counts } from './article-parts.js';
import { f1Score } from './f1-score.js';
import type { MatchingRule } from './span-matching.js';
import { alphaFromParts } from './unitizing-parts.js';

/** What the two matching rules mean, as method sentences say it. */
const RULE_WORDS: Record<MatchingRule, string> = {
  exact: 'exact match (a match is a span of the same label with the same start and end of every fragment)',
  overlap:
    'overlap match (a match is a span of the same label sharing at least one character, each span matched at most once, the most characters in common first)',
};

/** One label's span figures, values only. */
type SpanValues = { f1Exact: number | null; f1Overlap: number | null; unitizingAlpha: number | null };

/** The span figures of one corpus: pairwise matches, counted by article, and unitizing alpha. */
export class SpanFigureMaker {
  constructor(private readonly corpus: AgreementCorpus) {}

  /** The values alone of one article's span figures over every label (the per-article table), kept while its units stay the same. */
  articleValues(subject: FigureSubject, labelId: string | null = null): SpanValues {
    const { parts } = subject.documents[0]!;
    const key = `${subject.coders.join(' ')} ${labelId ?? ANY_LABEL}`;
    let values = parts.values.get(key) as SpanValues | undefined;
    if (!values) {
      values = {
        f1Exact: meanOfDefined(this.pairCounts(subject, 'exact', labelId).map((p) => p.score.f1)),
        f1Overlap: meanOfDefined(this.pairCounts(subject, 'overlap', labelId).map((p) => p.score.f1)),
        unitizingAlpha: this.alphaOf(subject, labelId).result.alpha,
      };
      parts.values.set(key, values);
    }
    return values;
  }

  /** Pairwise F1 of `subject` under `rule`, for one label (null: every label, a match needing the same label). */
  f1(subject: FigureSubject, rule: MatchingRule, labelId: string | null): AgreementFigure {
    const cell = cellOf(subject, rule === 'exact' ? 'span-f1-exact' : 'span-f1-overlap', labelId);
    const pairs = this.pairCounts(subject, rule, labelId);
    const what = `${RULE_WORDS[rule]}, ${labelId === null ? 'every label' : labelWords(this.corpus, labelId)}`;
    if (pairs.length === 1) {
      const { a, b, total, score } = pairs[0]!;
      const [spansA, spansB] = [total.matched + total.onlyA, total.matched + total.onlyB];
      const method =
        `Pairwise F1, ${what}, between ${nameOf(this.corpus, a)} and ${nameOf(this.corpus, b)}, ${articlesWords(subject)}: ` +
        `${amount(spansA, 'span')} and ${spansB.toLocaleString('en')}, ${total.matched.toLocaleString('en')} matched.`;
      return figureOf(cell, score.f1, method, [
        { name: 'precision', value: score.precision },
        { name: 'recall', value: score.recall },
        { name: 'matched', value: total.matched },
        { name: `only ${nameOf(this.corpus, a)}`, value: total.onlyA },
        { name: `only ${nameOf(this.corpus, b)}`, value: total.onlyB },
      ]);
    }
    const spans = new Set<string>();
    for (const { a, b } of pairs) for (const coder of [a, b]) spans.add(coder);
    const spanCount = [...spans].reduce((sum, coder) => sum + subject.documents.reduce((n, d) => n + d.parts.spansOf(coder, labelId), 0), 0);
    const method = `Mean of pairwise F1 over the ${pairs.length} pairs, ${what}, ${subjectWords(subject)}, ${amount(spanCount, 'span')}.`;
    return figureOf(
      cell,
      meanOfDefined(pairs.map((p) => p.score.f1)),
      method,
      pairs.map((p) => ({ name: pairName(this.corpus, p.a, p.b), value: p.score.f1 })),
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

  /** Each pair's matched and left-over spans over `subject`'s articles, and their scores (`a` the reference, `b` the response; F1 null: no span at all). */
  private pairCounts(subject: FigureSubject, rule: MatchingRule, labelId: string | null) {
    const label = labelId ?? ANY_LABEL;
    return pairsOf(subject.coders).map(([a, b]) => {
      const total: Counts = { matched: 0, onlyA: 0, onlyB: 0 };
      for (const document of subject.documents) {
        const counts = document.parts.countsOf(a, b, rule).get(label);
        if (!counts) continue;
        total.matched += counts.matched;
        total.onlyA += counts.onlyA;
        total.onlyB += counts.onlyB;
      }
      return { a, b, total, score: f1Score(total.matched, total.onlyB, total.onlyA) };
    });
  }

  /** Unitizing alpha of `subject` for one label, from each article's merged segments and each pair's disagreement there. */
  private alphaOf(subject: FigureSubject, labelId: string | null) {
    const label = labelId ?? ANY_LABEL;
    const parts = subject.documents.map((d) => d.parts);
    const segmentsOf = (article: number, coder: number) => parts[article]!.segmentsOf(subject.coders[coder]!, label);
    let observed = 0;
    for (let i = 0; i < subject.coders.length; i++) {
      for (let j = i + 1; j < subject.coders.length; j++) {
        for (const article of parts) observed += article.pairDisagreementOf(subject.coders[i]!, subject.coders[j]!, label);
      }
    }
    const result = alphaFromParts({ lengths: subject.documents.map((d) => d.length), coders: subject.coders.length, segmentsOf, observed });
    return { result };
  }
}
