import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unitizingAlpha, type UnitizedSegment } from './unitizing-alpha.js';
import { unitizingAlphaByDefinition } from './unitizing-alpha.test-support.js';

/** A segment of `coder` from `start`, `length` characters long, in `continuum` ('doc' unless told). */
function seg(coder: string, start: number, length: number, continuum = 'doc'): UnitizedSegment {
  return { continuum, coder, start, end: start + length };
}
const one = (length: number) => [{ id: 'doc', length }];
/** Checks a figure against a published one to within `tolerance`, as the published tests state it. */
function expectNear(actual: number | null, published: number, tolerance: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - published), `${actual} against ${published}`).toBeLessThan(tolerance);
}

describe('unitizing alpha reproduces the published worked examples', () => {
  it('Krippendorff (2004), p. 254: category c gives αu = 0.7286, category k 1', () => {
    // The continuum runs from 150 to 450 in the book; here from 0 (every offset − 150), L = 300.
    // Observer i marks c at 225+70 and 370+30, observer j at 220+80, 355+20 and 400+20.
    // δ²: (225,295)~(220,300) = 5² + 5² = 50; (370,400)~(355,375) = 15² + 25² = 850; j's (400,420) lies
    // in i's gap (400,450): 20² = 400. D_o = 2·1300 / (2·1·300²) = 0.01444. Figures as encoded in
    // dkpro-statistics `unitizing/Krippendorff2004Test` (D_o 0.0144, D_e 0.0532, αu 0.7286; k: 0, 0.0490, 1).
    const c = [seg('i', 75, 70), seg('i', 220, 30), seg('j', 70, 80), seg('j', 205, 20), seg('j', 250, 20)];
    const resultC = unitizingAlpha(one(300), ['i', 'j'], c);
    expect(resultC.observedDisagreement).toBeCloseTo(1300 / 90_000, 12);
    expectNear(resultC.expectedDisagreement, 0.0532, 0.0001);
    expectNear(resultC.alpha, 0.7286, 0.0001);
    expect(resultC).toMatchObject({ coders: 2, continuumLength: 300, segments: 5 });

    const k = [seg('i', 30, 60), seg('i', 150, 50), seg('j', 30, 60), seg('j', 150, 50)];
    const resultK = unitizingAlpha(one(300), ['i', 'j'], k);
    expect(resultK.observedDisagreement).toBe(0);
    expectNear(resultK.expectedDisagreement, 0.049, 0.0001);
    expect(resultK.alpha).toBe(1);
  });

  /**
   * Krippendorff (1995) "On the reliability of unitizing continuous data", p. 57: pairs of observers
   * on a continuum of 24 positions, `stretch` times longer (positions truncated as in
   * dkpro-statistics `unitizing/Krippendorff1995Test`).
   *   A Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
   *     Bill:   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
   *   C Gerret: 0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
   *     Gill:   1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
   * Its pairs B and D mark adjacent units (Jill's 1 1|1|1|…) that count as one stretch of marked
   * characters here, so they are not this measure's examples.
   */
  function example1995(stretch: number) {
    const s = (coder: string, start: number, length: number) => seg(coder, Math.trunc(start * stretch), Math.trunc(length * stretch));
    return {
      continua: one(Math.trunc(24 * stretch)),
      A: [s('first', 2, 8), s('first', 14, 6), s('second', 4, 4), s('second', 15, 2)],
      C: [
        ...[s('first', 2, 6), s('first', 10, 2), s('first', 14, 4), s('first', 20, 2)],
        ...[s('second', 0, 2), s('second', 4, 4), s('second', 10, 4), s('second', 16, 2), s('second', 20, 2)],
      ],
    };
  }

  it('Krippendorff (1995), p. 57: observed disagreement A 0.03125 and C 0.02777, worked by hand', () => {
    // A: (2,10)~(4,8) = 2² + 2² = 8; (14,20)~(15,17) = 1² + 3² = 10; D_o = 2·18 / (2·24²) = 18/576.
    // C: (2,8)~(4,8) = 4, (10,12)~(10,14) = 4, (14,18)~(16,18) = 4, (20,22)~(20,22) = 0, and Gill's
    // (0,2) lies in Gerret's gap (0,2): 2² = 4; D_o = 16/576.
    const { continua, A, C } = example1995(1);
    expect(unitizingAlpha(continua, ['first', 'second'], A).observedDisagreement).toBe(18 / 576);
    expect(unitizingAlpha(continua, ['first', 'second'], C).observedDisagreement).toBe(16 / 576);
  });

  it('Krippendorff (1995): αu of A 0.553 and C 0.679 on a long continuum, to within 0.02 as DKPro Statistics checks them', () => {
    // DKPro's test notes a small slip in the paper's D_E and allows 0.005 on D_E and 0.02 on αu;
    // D_E of C at half length (L = 12) is 0.05494 to five places.
    const half = example1995(12 / 24);
    expectNear(unitizingAlpha(half.continua, ['first', 'second'], half.C).expectedDisagreement, 0.05494, 0.00001);
    const long = example1995(1_200_000 / 24);
    const a = unitizingAlpha(long.continua, ['first', 'second'], long.A);
    const c = unitizingAlpha(long.continua, ['first', 'second'], long.C);
    expectNear(a.expectedDisagreement, 0.0699, 0.005);
    expectNear(c.expectedDisagreement, 0.08642, 0.005);
    expectNear(a.alpha, 0.553, 0.02);
    expectNear(c.alpha, 0.679, 0.02);
  });

  it('one long segment against three short ones: D_o 0.91, D_e 0.5351, αu −0.7003 (dkpro-statistics `UnitizingAgreementTest`)', () => {
    // r0: -11111111-   r1: --1-1-1---
    // (1,9)~(2,3) = 1² + 6² = 37, ~(4,5) = 3² + 4² = 25, ~(6,7) = 5² + 2² = 29; D_o = 2·91 / (2·10²) = 0.91.
    const result = unitizingAlpha(one(10), ['r0', 'r1'], [seg('r0', 1, 8), seg('r1', 2, 1), seg('r1', 4, 1), seg('r1', 6, 1)]);
    expect(result.observedDisagreement).toBeCloseTo(0.91, 12);
    expectNear(result.expectedDisagreement, 0.5351, 0.0001);
    expectNear(result.alpha, -0.7003, 0.0001);
  });

  it('one coder of three marks one character: as much disagreement as chance, αu = 0 (dkpro-statistics `UnitizingAgreementTest`)', () => {
    // D_o = 2·(1 + 1) / (3·2·20²) = 1/600; D_e = (2/20)·(19 + 20 + 20) / (60·59) = 1/600.
    const result = unitizingAlpha(one(20), ['a', 'b', 'c'], [seg('a', 0, 1)]);
    expect(result.observedDisagreement).toBeCloseTo(1 / 600, 15);
    expect(result.expectedDisagreement).toBeCloseTo(1 / 600, 15);
    expect(result.alpha).toBeCloseTo(0, 12);
  });
});

describe('unitizing alpha at the edges', () => {
  it('is undefined (null) when no one marked anything, with fewer than two coders, or on an empty continuum', () => {
    expect(unitizingAlpha(one(20), ['a', 'b', 'c'], [])).toEqual({
      alpha: null,
      observedDisagreement: 0,
      expectedDisagreement: 0,
      coders: 3,
      continuumLength: 20,
      segments: 0,
    });
    expect(unitizingAlpha(one(20), ['a'], [seg('a', 0, 5)]).alpha).toBeNull();
    expect(unitizingAlpha(one(0), ['a', 'b'], []).alpha).toBeNull();
  });

  it('counts a coder who marked nothing, and a document no one marked', () => {
    const two = unitizingAlpha(one(50), ['a', 'b'], [seg('a', 10, 5), seg('b', 10, 5)]);
    expect(two.alpha).toBe(1);
    expect(unitizingAlpha(one(50), ['a', 'b', 'silent'], [seg('a', 10, 5), seg('b', 10, 5)]).alpha).toBeLessThan(1);
    const longer = unitizingAlpha([...one(50), { id: 'unmarked', length: 50 }], ['a', 'b'], [seg('a', 10, 5), seg('b', 12, 5)]);
    expect(longer.continuumLength).toBe(100);
    expect(longer.alpha).not.toBe(unitizingAlpha(one(50), ['a', 'b'], [seg('a', 10, 5), seg('b', 12, 5)]).alpha);
  });

  it('lays documents end to end in the order given', () => {
    const continua = [{ id: 'first', length: 10 }, { id: 'second', length: 20 }];
    const split = unitizingAlpha(continua, ['a', 'b'], [seg('a', 2, 3, 'second'), seg('b', 3, 3, 'second'), seg('a', 0, 4, 'first')]);
    const whole = unitizingAlpha(one(30), ['a', 'b'], [seg('a', 12, 3), seg('b', 13, 3), seg('a', 0, 4)]);
    expect(split).toEqual(whole);
  });

  it('merges a coder’s overlapping or touching segments within a document, not across two', () => {
    const merged = unitizingAlpha(one(30), ['a', 'b'], [seg('a', 0, 5), seg('a', 3, 5), seg('a', 8, 2), seg('b', 0, 10)]);
    expect(merged).toMatchObject({ segments: 2, alpha: 1 });
    // The same characters marked in one piece or in three pieces of a discontinuous annotation.
    expect(unitizingAlpha(one(30), ['a', 'b'], [seg('a', 0, 10), seg('b', 0, 10)])).toEqual(merged);
    // a's segments meet where the first document ends and the second begins: two segments.
    const continua = [{ id: 'first', length: 10 }, { id: 'second', length: 10 }];
    const across = unitizingAlpha(continua, ['a', 'b'], [seg('a', 6, 4, 'first'), seg('a', 0, 3, 'second'), seg('b', 6, 4, 'first'), seg('b', 0, 3, 'second')]);
    expect(across).toMatchObject({ segments: 4, alpha: 1 });
    // Empty segments mark nothing.
    expect(unitizingAlpha(one(30), ['a', 'b'], [seg('a', 4, 0)]).segments).toBe(0);
    // Out of order on a continuum too long to sort starts as exact numbers start · n + index.
    const far = 2 ** 51;
    const huge = unitizingAlpha(one(2 ** 52), ['a', 'b'], [seg('a', far + 15, 15), seg('a', far, 12), seg('a', far + 10, 10), seg('a', 5, 1)]);
    expect(huge.segments).toBe(2);
  });

  it('refuses what it cannot place, naming the segment', () => {
    const coders = ['a', 'b'];
    expect(() => unitizingAlpha(one(10), coders, [seg('a', 0, 2, 'elsewhere')])).toThrow(/segment 0 \("a" in "elsewhere", 0–2\) is in a continuum that is not listed/);
    expect(() => unitizingAlpha(one(10), coders, [seg('a', 0, 2), seg('zoe', 0, 2)])).toThrow(/segment 1 \("zoe" in "doc", 0–2\) is by a coder who is not listed/);
    expect(() => unitizingAlpha(one(10), coders, [seg('a', 8, 3)])).toThrow(/8–11\) does not lie within the continuum's 10 characters/);
    expect(() => unitizingAlpha(one(10), coders, [{ continuum: 'doc', coder: 'a', start: 5, end: 4 }])).toThrow(/does not lie within/);
    expect(() => unitizingAlpha(one(10), coders, [seg('a', 1.5, 2)])).toThrow(/does not lie within/);
    expect(() => unitizingAlpha(one(10), ['a', 'a'], [])).toThrow(/the coder "a" is listed twice/);
    expect(() => unitizingAlpha([...one(10), ...one(5)], coders, [])).toThrow(/the continuum "doc" is listed twice/);
    expect(() => unitizingAlpha([{ id: 'doc', length: -1 }], coders, [])).toThrow(/has length -1/);
  });
});

const CODERS = ['ana', 'ben', 'cy'];
/** Up to 12 segments per coder on a continuum of 40 characters, overlapping and touching freely. */
const codings = fc.array(
  fc.tuple(fc.constantFrom(...CODERS), fc.nat({ max: 39 }), fc.integer({ min: 1, max: 9 })).map(([coder, start, length]) => seg(coder, start, Math.min(length, 40 - start))),
  { maxLength: 36 },
);
const SEED = { seed: 1995, numRuns: 300 };

describe('unitizing alpha, properties', () => {
  it('agrees with the definition taken literally', () => {
    fc.assert(
      fc.property(codings, (segments) => {
        const expected = unitizingAlphaByDefinition(one(40), CODERS, segments);
        const { alpha } = unitizingAlpha(one(40), CODERS, segments);
        if (expected === null) expect(alpha).toBeNull();
        else expect(alpha).toBeCloseTo(expected, 9);
      }),
      SEED,
    );
  });

  it('is 1 when every coder marks the same characters', () => {
    fc.assert(
      fc.property(codings, fc.integer({ min: 2, max: 4 }), (segments, coderCount) => {
        const coders = Array.from({ length: coderCount }, (_, i) => `coder${i}`);
        const same = coders.flatMap((coder) => segments.map((s) => ({ ...s, coder })));
        expect(unitizingAlpha(one(40), coders, same).alpha).toBe(segments.length > 0 ? 1 : null);
      }),
      SEED,
    );
  });

  it('does not depend on the order of the coders or of the segments', () => {
    fc.assert(
      fc.property(codings, (segments) => {
        const base = unitizingAlpha(one(40), CODERS, segments);
        const other = unitizingAlpha(one(40), [...CODERS].reverse(), [...segments].reverse());
        expect(other.segments).toBe(base.segments);
        if (base.alpha === null) expect(other.alpha).toBeNull();
        else expect(other.alpha).toBeCloseTo(base.alpha, 12);
      }),
      SEED,
    );
  });
});

describe('unitizing alpha, at scale', () => {
  it('computes 3 coders × 100,000 segments over 3 MB of text (its speed is measured by benchmark W9)', () => {
    let state = 11;
    const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const continua = Array.from({ length: 100 }, (_, i) => ({ id: `doc${i}`, length: 30_000 }));
    const segments: UnitizedSegment[] = [];
    for (let i = 0; i < 100_000; i++) {
      for (const coder of CODERS) {
        const start = Math.floor(i / 100) * 30 + Math.floor(random() * 5);
        segments.push({ continuum: `doc${i % 100}`, coder, start, end: start + 10 + Math.floor(random() * 10) });
      }
    }
    const result = unitizingAlpha(continua, CODERS, segments);
    expect(result).toMatchObject({ coders: 3, continuumLength: 3_000_000, segments: 300_000 });
    expect(result.alpha).toBeGreaterThan(0.5);
  });
});
