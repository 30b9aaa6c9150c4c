import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAgreement } from './agreement-report.js';
import { snapshotOf, type TestSpan } from './agreement.test-support.js';
import { unitizingAlpha, type UnitizedSegment } from './unitizing-alpha.js';
import { unitizingAlphaByDefinition } from './unitizing-alpha.test-support.js';

// Unitizing alpha is put together from per-article parts (`unitizing-parts.ts`) both by
// `unitizingAlpha` and by the report's figures. These properties check both against the definition
// taken literally, over several articles laid end to end (a coder's gap running on across articles
// where they marked nothing, segments touching where one article meets the next).

function expectAlpha(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
}

const CODERS = ['ana', 'ben', 'cy'];
const LENGTHS = [30, 0, 12, 25];
/** Segments of the three coders in articles '0'…'3' (article 1 is empty), overlapping, touching, at the articles' ends, some empty. */
const codings = fc.array(
  fc
    .tuple(fc.constantFrom(...CODERS), fc.constantFrom(0, 2, 3), fc.nat({ max: 30 }), fc.nat({ max: 9 }))
    .map(([coder, article, start, length]): UnitizedSegment => {
      const size = LENGTHS[article]!;
      const from = Math.min(start, size);
      return { continuum: String(article), coder, start: from, end: Math.min(from + length, size) };
    }),
  { maxLength: 40 },
);
const SEED = { seed: 2004, numRuns: 300 };

describe('unitizing alpha over several articles, from its parts', () => {
  it('agrees with the definition taken literally', () => {
    const continua = LENGTHS.map((length, i) => ({ id: String(i), length }));
    fc.assert(
      fc.property(codings, (segments) => {
        expectAlpha(unitizingAlpha(continua, CODERS, segments).alpha, unitizingAlphaByDefinition(continua, CODERS, segments));
      }),
      SEED,
    );
  });

  it('the report’s αu of every label, pair and article is unitizingAlpha’s of the same segments, and the definition’s', () => {
    const lengths = [40, 25, 33];
    /** Random spans of three annotators in three articles; each also marks the first character of each article, so everyone coded every article. */
    const spans = fc
      .array(fc.tuple(fc.constantFrom(...CODERS), fc.nat({ max: 2 }), fc.constantFrom('claim', 'quote'), fc.nat({ max: 40 }), fc.integer({ min: 1, max: 12 })), { maxLength: 30 })
      .map((drawn) => {
        const list: TestSpan[] = CODERS.flatMap((coder) => lengths.map((_, d): TestSpan => [coder, `${coder}-first-${d}`, `d${d}`, 'quote', 0, 1]));
        drawn.forEach(([coder, d, label, start, length], i) => {
          const from = Math.min(start, lengths[d]! - 1);
          list.push([coder, `${coder}-${i}`, `d${d}`, label, from, Math.min(from + length, lengths[d]!)]);
        });
        return list;
      });
    fc.assert(
      fc.property(spans, (list) => {
        const report = computeAgreement({ snapshot: snapshotOf(Object.fromEntries(lengths.map((l, d) => [`d${d}`, l])), list) });
        const segmentsOf = (coders: readonly string[], documents: readonly number[], label: string | null): UnitizedSegment[] =>
          list
            .filter(([coder, , document, labelId]) => coders.includes(coder) && documents.includes(Number(document.slice(1))) && (label === null || labelId === label))
            .map(([coder, , document, , start, end]) => ({ continuum: String(documents.indexOf(Number(document.slice(1)))), coder, start, end }));
        const check = (actual: number | null, coders: readonly string[], documents: readonly number[], label: string | null) => {
          const segments = segmentsOf(coders, documents, label);
          const continua = documents.map((d, i) => ({ id: String(i), length: lengths[d]! }));
          expect(actual).toBe(unitizingAlpha(continua, coders, segments).alpha);
          expectAlpha(actual, unitizingAlphaByDefinition(continua, coders, segments));
        };
        const every = [0, 1, 2];
        const figures = [report.overall, ...report.byPair];
        for (const f of figures) {
          check(f.spans.overall.unitizingAlpha.value, f.annotators, every, null);
          for (const label of f.spans.byLabel) check(label.figures.unitizingAlpha.value, f.annotators, every, label.labelId);
        }
        for (const article of report.byDocument) check(article.unitizingAlpha, article.coders, [Number(article.documentId.slice(1))], null);
      }),
      { seed: 12, numRuns: 100 },
    );
  });
});
