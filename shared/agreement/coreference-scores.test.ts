import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bCubed, ceafE, conllAverage, lea, muc, type Clustering, type CorefScore } from './coreference-scores.js';
import { seededRandom } from './seeded-random.test-support.js';
import { maximumWeightAssignment } from './kuhn-munkres.js';

/*
 * Published test cases of the CoNLL reference coreference scorer (v8.01),
 * github.com/conll/reference-coreference-scorers:
 * - the clusters of each case are those `test/TestCases.README` draws for it ("Key/Ref" and
 *   "Rsp/Sys"; the `test/DataFiles/TC-*.key` / `.response` files encode the same chains in CoNLL
 *   columns), one letter or digit per mention; a capital B is a mention other than b;
 * - MUC, B³ and CEAF-e expectations are the `[recall, precision, F1]` triples of
 *   `test/CorefMetricTestConfig.pm`, written here as the config writes them (exact fractions, or
 *   five-digit decimals for CEAF-e, checked to five digits); where the config has none, the
 *   "Expected:" lines of `test/TestCases.README` (marked README);
 * - LEA expectations are the "Expected: LEA" lines of `test/TestCases.README`, which the LEA
 *   authors' scorer repeats in its own tests (github.com/ns-moosavi/coval, `unittests.py`,
 *   `test_<case>`), with F1 computed from them.
 */

type Expected = { r: number; p: number; f?: number; digits?: number };
interface PublishedCase {
  id: string;
  key: Clustering;
  response: Clustering;
  muc?: Expected;
  bcub?: Expected;
  ceafe?: Expected;
  lea?: Expected;
}

const TC_A = [['a'], ['b', 'c'], ['d', 'e', 'f']];
const TC_D = [['1', '2', '3', '4', '5'], ['6', '7'], ['8', '9', 'A', 'B', 'C']];
const TC_M = [['a', 'b', 'c', 'd', 'e', 'f']];
const TC_N = [['a'], ['b'], ['c'], ['d'], ['e'], ['f']];
const FIVE = 5; // CorefMetricTestConfig.pm gives CEAF-e to five decimals

const CASES: PublishedCase[] = [
  { id: 'A1 (perfect)', key: TC_A, response: TC_A, muc: { r: 1, p: 1, f: 1 }, bcub: { r: 6 / 6, p: 6 / 6, f: 1 }, ceafe: { r: 1, p: 1, f: 1 }, lea: { r: 1, p: 1 } },
  {
    id: 'A2 (missing mentions and entities)',
    key: TC_A,
    response: [['a'], ['d', 'e']],
    muc: { r: 1 / 3, p: 1 / 1, f: 0.5 },
    bcub: { r: 7 / 3 / 6, p: 3 / 3, f: 14 / 25 },
    ceafe: { r: 0.6, p: 0.9, f: 0.72, digits: FIVE },
    lea: { r: (1 + 3 * (1 / 3)) / 6, p: (1 + 2) / 3, f: 0.5 },
  },
  {
    id: 'A3 (false-alarm mentions and entities: twinless x, y and singleton z)',
    key: TC_A,
    response: [['a'], ['b', 'c', 'x'], ['d', 'e', 'f', 'y'], ['z']],
    muc: { r: 3 / 3, p: 3 / 5, f: 0.75 },
    bcub: { r: 6 / 6, p: (4 + 7 / 12) / 9, f: 110 / 163 },
    ceafe: { r: 0.88571, p: 0.66429, f: 0.75918, digits: FIVE },
    lea: { r: (1 + 2 + 3) / 6, p: (1 + 3 * (1 / 3) + 4 * (3 / 6)) / 9 },
  },
  {
    id: 'A4 (missing and false-alarm mentions)',
    key: TC_A,
    response: [['a'], ['b', 'c', 'x'], ['d', 'y'], ['z']],
    muc: { r: 1 / 3, p: 1 / 3, f: 1 / 3 },
    bcub: { r: (3 + 1 / 3) / 6, p: (1 + 4 / 3 + 1 / 2) / 7, f: (2 * (5 / 9) * (17 / 42)) / (5 / 9 + 17 / 42) },
    ceafe: { r: 0.73333, p: 0.55, f: 0.62857, digits: FIVE },
    lea: { r: (1 + 2 + 0) / 6, p: (1 + 3 * (1 / 3) + 2 * 0 + 0) / 7 },
  },
  {
    id: 'A5 (overlapping mention B in the aligned entity)',
    key: TC_A,
    response: [['a'], ['b', 'c', 'x', 'B'], ['d', 'y'], ['z']],
    muc: { r: 1 / 3, p: 1 / 4, f: 2 / 7 },
    bcub: { r: (3 + 1 / 3) / 6, p: 2.5 / 8, f: (2 * (5 / 9) * (5 / 16)) / (5 / 9 + 5 / 16) },
    ceafe: { r: 0.68889, p: 0.51667, f: 0.59048, digits: FIVE },
    lea: { r: (1 + 2 + 3 * 0) / 6, p: (1 + 4 * (1 / 6) + 2 * 0 + 1 * 0) / 8 },
  },
  {
    id: 'A6 (overlapping mention B in an unaligned entity)',
    key: TC_A,
    response: [['a'], ['b', 'c', 'x'], ['d', 'y'], ['B', 'z']],
    muc: { r: 1 / 3, p: 1 / 4, f: 2 / 7 },
    bcub: { r: 10 / 3 / 6, p: (1 + 4 / 3 + 1 / 2) / 8, f: (2 * (5 / 9) * (17 / 48)) / (5 / 9 + 17 / 48) },
    ceafe: { r: 0.73333, p: 0.55, f: 0.62857, digits: FIVE },
    lea: { r: (1 + 2 + 3 * 0) / 6, p: (1 + 3 / 3 + 2 * 0 + 2 * 0) / 8 },
  },
  {
    id: 'A10 (gold mentions, only singletons in the response)',
    key: TC_A,
    response: [['a'], ['b'], ['c'], ['d'], ['e'], ['f']],
    muc: { r: 0, p: 0, f: 0 },
    bcub: { r: 3 / 6, p: 6 / 6, f: 2 / 3 },
    lea: { r: 1 / 6, p: 1 / 6 },
  },
  {
    id: 'A11 (gold mentions, all coreferent in the response)',
    key: TC_A,
    response: [['a', 'b', 'c', 'd', 'e', 'f']],
    muc: { r: 3 / 3, p: 3 / 5, f: 6 / 8 },
    bcub: { r: 6 / 6, p: (1 / 6 + (2 * 2) / 6 + (3 * 3) / 6) / 6, f: 14 / 25 },
    lea: { r: (0 + 2 + 3) / 6, p: 4 / 15 },
  },
  {
    id: 'A12 (system mentions, only singletons in the response)',
    key: TC_A,
    response: [['a'], ['x'], ['y'], ['c'], ['d'], ['e'], ['z']],
    muc: { r: 0, p: 0, f: 0 },
    bcub: { r: (1 + 1 / 2 + 2 / 3) / 6, p: 4 / 7, f: (2 * (13 / 36) * (4 / 7)) / (13 / 36 + 4 / 7) },
    lea: { r: 1 / 6, p: 1 / 7 },
  },
  {
    id: 'A13 (system mentions, all coreferent in the response)',
    key: TC_A,
    response: [['a', 'x', 'y', 'c', 'd', 'e', 'z']],
    muc: { r: 1 / 3, p: 1 / 6, f: 2 / 9 },
    bcub: { r: (1 + 1 / 2 + (2 * 2) / 3) / 6, p: (1 / 7 + 1 / 7 + (2 * 2) / 7) / 7, f: (2 * (17 / 36) * (6 / 49)) / (17 / 36 + 6 / 49) },
    lea: { r: (1 * 0 + 2 * 0 + 3 / 3) / 6, p: (7 * (1 / 21)) / 7 },
  },
  { id: 'B1 (spurious x, missing a)', key: [['a', 'b'], ['c', 'd', 'e']], response: [['b', 'c', 'x'], ['d', 'e']], lea: { r: (2 * 0 + 3 / 3) / 5, p: (3 * 0 + 2) / 5 } },
  {
    id: 'C1 (B1 plus a correctly predicted entity)',
    key: [['a', 'b'], ['c', 'd', 'e'], ['f', 'g']],
    response: [['b', 'c', 'x'], ['d', 'e'], ['f', 'g']],
    lea: { r: (2 * 0 + 3 / 3 + 2) / 7, p: (3 * 0 + 2 + 2) / 7 },
  },
  {
    id: 'D1 (B³ paper: a small cluster merged into a big one)',
    key: TC_D,
    response: [['1', '2', '3', '4', '5'], ['6', '7', '8', '9', 'A', 'B', 'C']],
    muc: { r: 9 / 9, p: 9 / 10, f: (2 * (9 / 9) * (9 / 10)) / (9 / 9 + 9 / 10) },
    bcub: { r: 12 / 12, p: 16 / 21, f: (2 * (12 / 12) * (16 / 21)) / (12 / 12 + 16 / 21) },
    lea: { r: (5 + 2 + 5) / 12, p: (5 + 7 * (11 / 21)) / 12 },
  },
  {
    id: 'E1 (B³ paper: two big clusters merged)',
    key: TC_D,
    response: [['1', '2', '3', '4', '5', '8', '9', 'A', 'B', 'C'], ['6', '7']],
    muc: { r: 9 / 9, p: 9 / 10, f: (2 * (9 / 9) * (9 / 10)) / (9 / 9 + 9 / 10) },
    bcub: { r: 1, p: 7 / 12, f: (2 * 1 * (7 / 12)) / (1 + 7 / 12) },
    lea: { r: (5 + 2 + 5) / 12, p: (10 * (20 / 45) + 2) / 12 },
  },
  {
    id: 'F1 (MUC paper: a chain split in two)',
    key: [['A', 'B', 'C', 'D']],
    response: [['A', 'B'], ['C', 'D']],
    muc: { r: 2 / 3, p: 2 / 2, f: (2 * (2 / 3) * (2 / 2)) / (2 / 3 + 2 / 2) },
    lea: { r: (4 * (2 / 6)) / 4, p: (2 + 2) / 4 },
  },
  {
    id: 'G1 (MUC paper: two chains joined)',
    key: [['A', 'B'], ['C', 'D']],
    response: [['A', 'B', 'C', 'D']],
    muc: { r: 2 / 2, p: 2 / 3, f: (2 * (2 / 2) * (2 / 3)) / (2 / 2 + 2 / 3) },
    lea: { r: 1, p: (4 * 2) / 6 / 4 },
  },
  { id: 'H1 (MUC paper: same chain, other links)', key: [['A', 'B', 'C', 'D']], response: [['A', 'B', 'C', 'D']], muc: { r: 1, p: 1, f: 1 }, lea: { r: 1, p: 1 } },
  {
    id: 'J1 (MUC paper: a mention missed inside a chain)',
    key: [['A', 'B', 'C']],
    response: [['A', 'C']],
    muc: { r: 1 / 2, p: 1 / 1, f: (2 * (1 / 2) * (1 / 1)) / (1 / 2 + 1 / 1) },
    lea: { r: (3 * 1) / 3 / 3, p: 1 },
  },
  {
    id: 'K1 (MUC paper: a long chain cut in three, with spurious mentions)',
    key: [['B', 'C', 'D', 'E', 'G', 'H', 'J']],
    response: [['A', 'B', 'C'], ['D', 'E', 'F'], ['G', 'H', 'I']],
    muc: { r: 3 / 6, p: 3 / 6, f: 3 / 6 },
    lea: { r: (7 * (1 + 1 + 1)) / 21 / 7, p: (3 / 3 + 3 / 3 + 3 / 3) / 9 },
  },
  {
    id: 'L1 (MUC paper: chains cut and rejoined wrongly)',
    key: [['A', 'B', 'C'], ['D', 'E', 'F', 'G']],
    response: [['A', 'B'], ['C', 'D'], ['F', 'G', 'H']],
    muc: { r: 2 / 5, p: 2 / 4, f: (2 * (2 / 5) * (2 / 4)) / (2 / 5 + 2 / 4) },
    lea: { r: ((3 * 1) / 3 + (4 * 1) / 6) / 7, p: (2 + 2 * 0 + 3 / 3) / 7 },
  },
  // TC-M: only coreferent mentions in the key; README for B³ and CEAF-e of M1.
  { id: 'M1', key: TC_M, response: TC_M, muc: { r: 1, p: 1, f: 1 }, bcub: { r: 1, p: 1, f: 1 }, ceafe: { r: 1, p: 1, f: 1 }, lea: { r: 1, p: 1 } },
  { id: 'M2 (gold mentions, response all singletons)', key: TC_M, response: TC_N, muc: { r: 0, p: 0, f: 0 }, lea: { r: 0, p: 0 } },
  { id: 'M3', key: TC_M, response: [['a', 'b'], ['c', 'd', 'e'], ['f']], lea: { r: (6 * (4 / 15)) / 6, p: (2 + 3 + 0) / 6 } },
  { id: 'M4 (system mentions)', key: TC_M, response: [['a', 'b', 'c', 'x', 'y', 'z']], lea: { r: (6 * (3 / 15)) / 6, p: (6 * (3 / 15)) / 6 } },
  { id: 'M5 (system mentions, singletons)', key: TC_M, response: [['a'], ['b'], ['c'], ['x'], ['y'], ['z']], muc: { r: 0, p: 0, f: 0 }, lea: { r: 0, p: 0 } },
  { id: 'M6', key: TC_M, response: [['a', 'b'], ['c', 'x', 'y'], ['z']], lea: { r: (6 * (1 / 15)) / 6, p: (2 + 3 * 0 + 1 * 0) / 6 } },
  // TC-N: only singletons in the key; README for B³, MUC and CEAF-e of N1.
  { id: 'N1 (singletons matched)', key: TC_N, response: TC_N, muc: { r: 0, p: 0, f: 0 }, bcub: { r: 1, p: 1, f: 1 }, ceafe: { r: 1, p: 1, f: 1 }, lea: { r: 1, p: 1 } },
  { id: 'N2', key: TC_N, response: TC_M, lea: { r: 0, p: 0 } },
  { id: 'N3', key: TC_N, response: [['a', 'b'], ['c', 'd', 'e'], ['f']], lea: { r: 1 / 6, p: 1 / 6 } },
  { id: 'N4 (system singletons)', key: TC_N, response: [['a'], ['b'], ['c'], ['x'], ['y'], ['z']], muc: { r: 0, p: 0, f: 0 }, lea: { r: 3 / 6, p: 3 / 6 } },
  { id: 'N5', key: TC_N, response: [['a', 'b', 'c', 'x', 'y', 'z']], lea: { r: 0, p: 0 } },
  { id: 'N6', key: TC_N, response: [['a', 'b'], ['c', 'x', 'y'], ['z']], lea: { r: 0, p: 0 } },
];

const MEASURES = { muc, bcub: bCubed, ceafe: ceafE, lea } as const;

function expectScore(score: CorefScore, expected: Expected) {
  const digits = expected.digits ?? 12;
  expect(score.recall).toBeCloseTo(expected.r, digits);
  expect(score.precision).toBeCloseTo(expected.p, digits);
  const f = expected.f ?? (expected.r + expected.p === 0 ? 0 : (2 * expected.r * expected.p) / (expected.r + expected.p));
  expect(score.f1).toBeCloseTo(f, digits);
}

describe('the CoNLL reference scorer test cases', () => {
  for (const testCase of CASES) {
    it(`TC-${testCase.id}`, () => {
      let checked = 0;
      for (const name of ['muc', 'bcub', 'ceafe', 'lea'] as const) {
        const expected = testCase[name];
        if (!expected) continue;
        expectScore(MEASURES[name](testCase.key, testCase.response), expected);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('gives the sums the fractions are made of', () => {
    // TC-A-2, TestCases.README: MUC recall 1/3; CEAF-e "common=1+4/5=1.8, recall=1.8/3, Prec=1.8/2"; B³ recall 7/18 = (7/3)/6.
    const response = [['a'], ['d', 'e']];
    expect(muc(TC_A, response)).toMatchObject({ recallNumerator: 1, recallDenominator: 3, precisionNumerator: 1, precisionDenominator: 1 });
    const ceaf = ceafE(TC_A, response);
    expect(ceaf.recallNumerator).toBeCloseTo(1.8, 12);
    expect([ceaf.recallDenominator, ceaf.precisionDenominator]).toEqual([3, 2]);
    const b3 = bCubed(TC_A, response);
    expect(b3.recallNumerator).toBeCloseTo(7 / 3, 12);
    expect([b3.recallDenominator, b3.precisionDenominator]).toEqual([6, 3]);
  });

  it('aligns CEAF-e clusters optimally where the greedy choice is wrong (worked by hand)', () => {
    // φ4({a,b,c},{a,c,d}) = 2·2/6 = 2/3, φ4({a,b,c},{b}) = 2·1/4 = 1/2, φ4({d},{a,c,d}) = 2·1/4 = 1/2, φ4({d},{b}) = 0.
    // Greedy takes 2/3 and is left with 0; the optimum pairs across: 1/2 + 1/2 = 1, over 2 clusters a side.
    const score = ceafE([['a', 'b', 'c'], ['d']], [['a', 'c', 'd'], ['b']]);
    expect(score.recallNumerator).toBeCloseTo(1, 12);
    expect([score.recall, score.precision]).toEqual([0.5, 0.5]);
  });

  it('averages MUC, B³ and CEAF-e F1 into the CoNLL F1 (TC-A-4, CorefMetricTestConfig.pm)', () => {
    const scores = conllAverage(TC_A, [['a'], ['b', 'c', 'x'], ['d', 'y'], ['z']]);
    expect(scores.muc.f1).toBeCloseTo(1 / 3, 12);
    expect(scores.ceafE.f1).toBeCloseTo(0.62857, 5);
    expect(scores.conllF1).toBeCloseTo((1 / 3 + (2 * (5 / 9) * (17 / 42)) / (5 / 9 + 17 / 42) + 0.62857) / 3, 5);
  });

  it('refuses a mention listed twice (TC-A-7 before the reference scorer de-duplicates it)', () => {
    expect(() => muc(TC_A, [['a'], ['b', 'c', 'x', 'b'], ['d', 'y'], ['z']])).toThrow(/response: mention "b" is twice in cluster 1/);
    expect(() => lea([['a', 'b'], ['b']], TC_A)).toThrow(/key: mention "b" is in clusters 0 and 1/);
  });

  it('drops empty clusters and gives 0 for empty clusterings', () => {
    expect(ceafE([...TC_A, []], [[], ...TC_A])).toMatchObject({ recall: 1, precision: 1, recallDenominator: 3, precisionDenominator: 3 });
    for (const measure of Object.values(MEASURES)) expect(measure([], [])).toMatchObject({ recall: 0, precision: 0, f1: 0 });
  });
});

/** Two clusterings of the mentions m0…m11: each mention in one of four clusters of a side, or absent from it. */
const clusteringPair = fc
  .array(fc.tuple(fc.option(fc.integer({ min: 0, max: 3 })), fc.option(fc.integer({ min: 0, max: 3 }))), { minLength: 1, maxLength: 12 })
  .map((mentions) => {
    const side = (pick: 0 | 1) => {
      const clusters: string[][] = [[], [], [], []];
      mentions.forEach((m, i) => {
        const c = m[pick];
        if (c !== null) clusters[c]!.push(`m${i}`);
      });
      return clusters.filter((c) => c.length > 0);
    };
    return { key: side(0), response: side(1) };
  });

describe('properties of the measures', () => {
  it('scores identical clusterings 1 (MUC only when some cluster has two mentions)', () => {
    fc.assert(
      fc.property(clusteringPair, ({ key }) => {
        fc.pre(key.length > 0);
        for (const measure of [bCubed, ceafE, lea]) expect(measure(key, key)).toMatchObject({ recall: 1, precision: 1, f1: 1 });
        const linked = key.some((c) => c.length > 1);
        expect(muc(key, key).f1).toBe(linked ? 1 : 0);
      }),
    );
  });

  it('swaps recall and precision when key and response swap, keeping F1', () => {
    fc.assert(
      fc.property(clusteringPair, ({ key, response }) => {
        for (const measure of Object.values(MEASURES)) {
          const forward = measure(key, response);
          const backward = measure(response, key);
          expect(backward.recall).toBeCloseTo(forward.precision, 12);
          expect(backward.precision).toBeCloseTo(forward.recall, 12);
          expect(backward.f1).toBeCloseTo(forward.f1, 12);
        }
      }),
    );
  });

  it('scores 0 when the response shares no mention with the key', () => {
    fc.assert(
      fc.property(clusteringPair, ({ key, response }) => {
        const elsewhere = response.map((c) => c.map((m) => `other-${m}`));
        for (const measure of Object.values(MEASURES)) expect(measure(key, elsewhere)).toMatchObject({ recall: 0, precision: 0, f1: 0 });
      }),
    );
  });

  it('finds the same CEAF-e optimum per component as over the whole similarity matrix', () => {
    fc.assert(
      fc.property(clusteringPair, ({ key, response }) => {
        const phi4 = (k: readonly string[], r: readonly string[]) => (2 * k.filter((m) => r.includes(m)).length) / (k.length + r.length);
        const whole = maximumWeightAssignment(key.map((k) => response.map((r) => phi4(k, r)))).total;
        expect(ceafE(key, response).recallNumerator).toBeCloseTo(whole, 12);
      }),
    );
  });
});

describe('CEAF-e at corpus size', () => {
  it('aligns 10,000 clusters of 25,000 mentions component by component (its speed is measured by benchmark W9)', () => {
    const random = seededRandom(7);
    const key: string[][] = [];
    const response: string[][] = Array.from({ length: 10_000 }, () => []);
    let mention = 0;
    for (let k = 0; k < 10_000; k++) {
      const cluster = Array.from({ length: 1 + ((k * 7) % 4) }, () => `m${mention++}`);
      key.push(cluster);
      // The other annotator mostly agrees; now and then a mention goes to a nearby or a far cluster.
      for (const m of cluster) {
        const roll = random();
        const r = roll < 0.15 ? Math.min(9_999, k + 1 + Math.floor(random() * 3)) : roll < 0.17 ? Math.floor(random() * 10_000) : k;
        response[r]!.push(m);
      }
    }
    const score = ceafE(key, response);
    expect(score.recall).toBeGreaterThan(0.7);
    expect(score.recall).toBeLessThan(1);
  });
});
