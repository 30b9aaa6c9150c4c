import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchSpans, spanF1, type SpanUnit } from './span-matching.js';

/** A span of document `d1` with label `claim` unless told otherwise; each [start, end] is one fragment. */
function span(id: string, ...fragments: [number, number][]): SpanUnit {
  return { id, documentId: 'd1', labelId: 'claim', fragments: fragments.map(([start, end]) => ({ start, end })) };
}
const ids = (units: readonly SpanUnit[]) => units.map((unit) => unit.id);
const pairIds = (pairs: readonly [SpanUnit, SpanUnit][]) => pairs.map(([x, y]) => `${x.id}=${y.id}`);

describe('span matching, worked by hand', () => {
  // A: a1 [0,10) claim, a2 [20,30) claim, a3 [40,50) quote
  // B: b1 [0,10) claim, b2 [20,31) claim, b3 [40,50) claim  (b3 has another label than a3)
  const a = [span('a1', [0, 10]), span('a2', [20, 30]), { ...span('a3', [40, 50]), labelId: 'quote' }];
  const b = [span('b1', [0, 10]), span('b2', [20, 31]), span('b3', [40, 50])];

  it('exact: only identical fragments of the same label match', () => {
    // a1=b1 only. TP 1, FN 2 (a2, a3), FP 2 (b2, b3): P = 1/3, R = 1/3, F1 = 2·1/(2·1 + 2 + 2) = 1/3.
    const score = spanF1(a, b, 'exact');
    expect(pairIds(score.match.matched)).toEqual(['a1=b1']);
    expect(ids(score.match.onlyA)).toEqual(['a2', 'a3']);
    expect(ids(score.match.onlyB)).toEqual(['b2', 'b3']);
    expect(score).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 2 });
    expect(score.precision).toBeCloseTo(1 / 3, 12);
    expect(score.recall).toBeCloseTo(1 / 3, 12);
    expect(score.f1).toBeCloseTo(1 / 3, 12);
  });

  it('overlap: a shared character is enough, but never across labels', () => {
    // a1=b1 (10 characters), a2=b2 (10 characters, [20,30)); a3 and b3 differ in label.
    // TP 2, FN 1, FP 1: P = 2/3, R = 2/3, F1 = 4/(4 + 1 + 1) = 2/3.
    const score = spanF1(a, b, 'overlap');
    expect(pairIds(score.match.matched)).toEqual(['a1=b1', 'a2=b2']);
    expect(score).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(score.f1).toBeCloseTo(2 / 3, 12);
  });

  it('overlap: never across documents, however the offsets line up', () => {
    const elsewhere = { ...span('b1', [0, 10]), documentId: 'd2' };
    expect(spanF1([span('a1', [0, 10])], [elsewhere], 'overlap')).toMatchObject({ truePositives: 0, f1: 0 });
  });

  it('overlap: one to one, the pair with the most characters in common first', () => {
    // a1 [0,10) shares 3 characters with b1 [0,3) and 8 with b2 [2,10): a1=b2, b1 is left over.
    // TP 1, FP 1, FN 0: P = 1/2, R = 1, F1 = 2/(2 + 1) = 2/3.
    const score = spanF1([span('a1', [0, 10])], [span('b1', [0, 3]), span('b2', [2, 10])], 'overlap');
    expect(pairIds(score.match.matched)).toEqual(['a1=b2']);
    expect(ids(score.match.onlyB)).toEqual(['b1']);
    expect([score.precision, score.recall]).toEqual([0.5, 1]);
    expect(score.f1).toBeCloseTo(2 / 3, 12);
  });

  it('overlap: a tie goes by A’s span, then B’s (start, end, id), so that swapping the sides gives the same pairs', () => {
    // a1 [0,4) shares 2 characters with b1 [0,2) and with b2 [2,4). Both pairs compete for a1, so
    // their other spans decide: b1 (starts at 0) before b2 (at 2): a1=b1, whichever side is A.
    const a1 = span('a1', [0, 4]);
    const both = [span('b1', [0, 2]), span('b2', [2, 4])];
    expect(pairIds(matchSpans([a1], both, 'overlap').matched)).toEqual(['a1=b1']);
    expect(pairIds(matchSpans(both, [a1], 'overlap').matched)).toEqual(['b1=a1']);
    expect(pairIds(matchSpans([a1], [...both].reverse(), 'overlap').matched)).toEqual(['a1=b1']);
    // Same start and end: the id decides (x before y).
    expect(pairIds(matchSpans([span('a', [0, 4])], [span('y', [0, 4]), span('x', [0, 4])], 'overlap').matched)).toEqual(['a=x']);
  });

  it('exact: duplicates pair up one to one', () => {
    // A marks [5,9) twice, B once: one pair, one of A's left over. TP 1, FN 1, FP 0: F1 = 2/3.
    const score = spanF1([span('a2', [5, 9]), span('a1', [5, 9])], [span('b1', [5, 9])], 'exact');
    expect(pairIds(score.match.matched)).toEqual(['a1=b1']);
    expect(ids(score.match.onlyA)).toEqual(['a2']);
    expect(score.f1).toBeCloseTo(2 / 3, 12);
  });
});

describe('discontinuous spans', () => {
  // A quote interrupted by "he said": a1 = [0,5) + [20,25).
  const a1 = span('a1', [0, 5], [20, 25]);

  it('match exactly when every fragment matches, in whatever order they are listed', () => {
    expect(spanF1([a1], [span('b1', [20, 25], [0, 5])], 'exact').f1).toBe(1);
    expect(spanF1([a1], [span('b1', [0, 5])], 'exact').f1).toBe(0);
    expect(spanF1([a1], [span('b1', [0, 25])], 'exact').f1).toBe(0);
  });

  it('overlap only by characters they cover, not by the gap between their fragments', () => {
    // b1 [8,15) lies in a1's gap: nothing in common. b2 [3,22) shares [3,5) and [20,22): 4 characters,
    // b3 = a1's fragments: 10. a1=b3; b1 and b2 are left over.
    expect(spanF1([a1], [span('b1', [8, 15])], 'overlap').f1).toBe(0);
    const score = spanF1([a1], [span('b1', [8, 15]), span('b2', [3, 22]), span('b3', [0, 5], [20, 25])], 'overlap');
    expect(pairIds(score.match.matched)).toEqual(['a1=b3']);
    // Alone, b2's 4 characters in common are enough.
    expect(pairIds(matchSpans([a1], [span('b2', [3, 22])], 'overlap').matched)).toEqual(['a1=b2']);
  });
});

describe('offsets from a text with emoji', () => {
  // UTF-16 offsets, as `indexOf` gives them: 🇫🇷 is 4 code units (2 code points), 😀 is 2.
  const text = 'x🇫🇷abc y 😀 « nous gagnerons » hier';
  const at = (id: string, quote: string): SpanUnit => {
    const start = text.indexOf(quote);
    expect(start, quote).toBeGreaterThanOrEqual(0);
    return span(id, [start, start + quote.length]);
  };

  it('counts characters in common in UTF-16 code units', () => {
    // a1 "🇫🇷abc" shares "🇫🇷" (4 code units, 2 code points) with b1 "x🇫🇷" and "abc" (3 code units)
    // with b2 "abc y". By code units b1 shares more: a1=b1 (by code points it would be b2).
    expect(pairIds(matchSpans([at('a1', '🇫🇷abc')], [at('b1', 'x🇫🇷'), at('b2', 'abc y')], 'overlap').matched)).toEqual(['a1=b1']);
  });

  it('matches a quote with or without its guillemets only by overlap', () => {
    const a = [at('a1', 'nous gagnerons'), at('a2', '😀')];
    const b = [at('b1', '« nous gagnerons »'), at('b2', '😀')];
    expect(text.slice(b[1]!.fragments[0]!.start, b[1]!.fragments[0]!.end)).toBe('😀');
    expect(spanF1(a, b, 'exact')).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(spanF1(a, b, 'overlap')).toMatchObject({ truePositives: 2, f1: 1 });
  });
});

describe('span F1 at the edges', () => {
  it('is null, not 1 and not 0, when neither side marked anything', () => {
    expect(spanF1([], [], 'overlap')).toEqual({
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: null,
      recall: null,
      f1: null,
      match: { matched: [], onlyA: [], onlyB: [] },
    });
  });

  it('is 0 when only one side marked something; the rate with nothing under it is null', () => {
    expect(spanF1([span('a1', [0, 3])], [], 'exact')).toMatchObject({ precision: null, recall: 0, f1: 0 });
    expect(spanF1([], [span('b1', [0, 3])], 'exact')).toMatchObject({ precision: 0, recall: null, f1: 0 });
  });

  it('refuses a span without fragments or with a fragment that is not a range, naming it', () => {
    expect(() => matchSpans([span('empty')], [], 'exact')).toThrow(/Span "empty" has no fragments/);
    expect(() => matchSpans([], [span('back', [0, 2], [9, 4])], 'overlap')).toThrow(/Span "back": fragment 1 runs from 9 to 4/);
    expect(() => matchSpans([span('half', [0.5, 2])], [], 'overlap')).toThrow(/Span "half": fragment 0/);
    expect(() => matchSpans([span('none', [3, 3])], [], 'overlap')).toThrow(/Span "none": fragment 0 runs from 3 to 3/);
  });
});

/** Random spans on two documents and two labels, one or two fragments each, within 60 characters. */
const spans = (prefix: string) =>
  fc
    .array(
      fc.record({
        documentId: fc.constantFrom('d1', 'd2'),
        labelId: fc.constantFrom('claim', 'quote'),
        fragments: fc.array(
          fc.tuple(fc.nat({ max: 55 }), fc.integer({ min: 1, max: 8 })).map(([start, length]) => ({ start, end: start + length })),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { maxLength: 25 },
    )
    .map((units) => units.map((unit, index): SpanUnit => ({ ...unit, id: `${prefix}${index}` })));
const RULES = ['exact', 'overlap'] as const;
const SEED = { seed: 2005, numRuns: 300 };

describe('span F1, properties', () => {
  it('f1(a, a) = 1 for any spans (both rules)', () => {
    fc.assert(
      fc.property(spans('a'), (a) => {
        const copy = a.map((unit) => ({ ...unit, id: `copy-${unit.id}` }));
        for (const rule of RULES) expect(spanF1(a, copy, rule).f1).toBe(a.length > 0 ? 1 : null);
      }),
      SEED,
    );
  });

  it('f1(a, b) = f1(b, a), with the same pairs the other way round', () => {
    fc.assert(
      fc.property(spans('a'), spans('b'), (a, b) => {
        for (const rule of RULES) {
          const forward = spanF1(a, b, rule);
          const backward = spanF1(b, a, rule);
          expect(backward.f1).toBe(forward.f1);
          expect(new Set(pairIds(backward.match.matched.map(([y, x]) => [x, y])))).toEqual(new Set(pairIds(forward.match.matched)));
        }
      }),
      SEED,
    );
  });

  it('overlap matches only spans with a character in common, and leaves no two that could still pair', () => {
    const covers = (unit: SpanUnit) => new Set(unit.fragments.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i)));
    const share = (x: SpanUnit, y: SpanUnit) => x.documentId === y.documentId && x.labelId === y.labelId && [...covers(x)].some((c) => covers(y).has(c));
    fc.assert(
      fc.property(spans('a'), spans('b'), (a, b) => {
        const { matched, onlyA, onlyB } = matchSpans(a, b, 'overlap');
        for (const [x, y] of matched) expect(share(x, y), `${x.id}=${y.id}`).toBe(true);
        for (const x of onlyA) for (const y of onlyB) expect(share(x, y), `${x.id} and ${y.id} left over`).toBe(false);
        expect(matched.length + onlyA.length).toBe(a.length);
        expect(matched.length + onlyB.length).toBe(b.length);
      }),
      SEED,
    );
  });

  it('disjoint spans score 0', () => {
    fc.assert(
      fc.property(spans('a'), spans('b'), (a, b) => {
        // The same positions, shifted past every span of A.
        const apart = b.map((unit) => ({ ...unit, fragments: unit.fragments.map(({ start, end }) => ({ start: start + 100, end: end + 100 })) }));
        for (const rule of RULES) {
          const score = spanF1(a, apart, rule);
          expect(score.truePositives).toBe(0);
          expect(score.f1).toBe(a.length + b.length > 0 ? 0 : null);
        }
      }),
      SEED,
    );
  });
});

describe('span matching, at scale', () => {
  it('matches 100,000 spans per side (comparing all pairs would be a billion; its speed is measured by benchmark W9)', () => {
    let state = 7;
    const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const side = (prefix: string): SpanUnit[] =>
      Array.from({ length: 100_000 }, (_, i) => {
        const start = Math.floor(i / 20) * 100 + Math.floor(random() * 20);
        return { id: `${prefix}${i}`, documentId: `d${i % 10}`, labelId: `l${i % 2}`, fragments: [{ start, end: start + 10 + Math.floor(random() * 60) }] };
      });
    const a = side('a');
    const b = side('b');
    for (const rule of RULES) {
      const result = spanF1(a, b, rule);
      expect(result.truePositives + result.falseNegatives).toBe(100_000);
      expect(result.truePositives + result.falsePositives).toBe(100_000);
    }
  });
});
