import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { muc } from './coreference-scores.js';
import { seededRandom } from './seeded-random.test-support.js';
import { clustersFromLinks, endpointPairKey, linkF1, linkReliabilityData, NO_LINK, type LinkTypeInfo, type UnitLink } from './link-agreement.js';

const TYPES: ReadonlyMap<string, LinkTypeInfo> = new Map([
  ['same', { directed: false, clusters: true }],
  ['paraphrase', { directed: false, clusters: true }],
  ['supports', { directed: true, clusters: false }],
  ['contradicts', { directed: false, clusters: false }],
]);

const link = (source: string, typeId: string, target: string): UnitLink => ({ source, target, typeId });
const units = (...ids: string[]) => new Set(ids);

describe('endpointPairKey', () => {
  it('orders the ends for a directed type and sorts them otherwise', () => {
    expect(endpointPairKey('u2', 'u1', true)).not.toBe(endpointPairKey('u1', 'u2', true));
    expect(endpointPairKey('u2', 'u1', false)).toBe(endpointPairKey('u1', 'u2', false));
    expect(endpointPairKey('u2', 'u1', false)).toBe(endpointPairKey('u1', 'u2', true));
  });

  it('cannot be fooled by unit ids holding quotes and commas', () => {
    expect(endpointPairKey('a","b', 'c', true)).not.toBe(endpointPairKey('a', 'b","c', true));
  });
});

describe('linkF1', () => {
  it('matches links on units, type and direction (worked by hand)', () => {
    const a = [link('u1', 'same', 'u2'), link('u3', 'supports', 'u4'), link('u5', 'same', 'u6'), link('u7', 'supports', 'u8')];
    const b = [link('u2', 'same', 'u1'), link('u4', 'supports', 'u3'), link('u5', 'paraphrase', 'u6'), link('u9', 'same', 'u10')];
    // Match: u1–u2 same (undirected, ends given either way). Not: u3→u4 against u4→u3 (direction),
    // u5–u6 same against paraphrase (type); u7→u8 only in a, u10–u9 only in b.
    // TP = 1, FN = 4 − 1 = 3, FP = 4 − 1 = 3; P = R = 1/4; F1 = 2·1 / (2·1 + 3 + 3) = 1/4.
    const result = linkF1(a, b, TYPES);
    expect(result).toMatchObject({ truePositives: 1, falseNegatives: 3, falsePositives: 3, precision: 0.25, recall: 0.25, f1: 0.25 });
    expect(result.typeDiffers).toEqual([
      [link('u3', 'supports', 'u4'), link('u4', 'supports', 'u3')],
      [link('u5', 'same', 'u6'), link('u5', 'paraphrase', 'u6')],
    ]);
    expect(result.onlyA).toEqual([link('u7', 'supports', 'u8')]);
    expect(result.onlyB).toEqual([link('u9', 'same', 'u10')]);
  });

  it('reads a as the reference: recall over its links, precision over b’s (worked by hand)', () => {
    // a: 2 links, b: 4 links, 2 shared. R = 2/2 = 1, P = 2/4 = 0.5, F1 = 2·2 / (2·2 + 2 + 0) = 2/3.
    const a = [link('u1', 'same', 'u2'), link('u2', 'same', 'u3')];
    const b = [...a, link('u3', 'same', 'u4'), link('u4', 'contradicts', 'u5')];
    expect(linkF1(a, b, TYPES)).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 0, recall: 1, precision: 0.5, f1: 2 / 3 });
  });

  it('counts a link given twice once, and pairs leftovers on the same units in a fixed order', () => {
    const a = [link('u1', 'same', 'u2'), link('u2', 'same', 'u1'), link('u3', 'supports', 'u4'), link('u3', 'contradicts', 'u4')];
    const b = [link('u1', 'same', 'u2'), link('u4', 'same', 'u3')];
    const result = linkF1(a, b, TYPES);
    expect(result).toMatchObject({ truePositives: 1, falseNegatives: 2, falsePositives: 1 });
    // a's two unmatched links on u3/u4, sorted by type: contradicts pairs with b's one, supports is left over.
    expect(result.typeDiffers).toEqual([[link('u3', 'contradicts', 'u4'), link('u4', 'same', 'u3')]]);
    expect(result.onlyA).toEqual([link('u3', 'supports', 'u4')]);
    expect(result.onlyB).toEqual([]);
  });

  it('gives nulls when neither side linked anything, and F1 0 when only one did (as span F1 does)', () => {
    expect(linkF1([], [], TYPES)).toMatchObject({ truePositives: 0, precision: null, recall: null, f1: null });
    // Only a linked: nothing of b's to be precise about (0/0), none of a's recalled.
    expect(linkF1([link('u1', 'same', 'u2')], [], TYPES)).toMatchObject({ falseNegatives: 1, precision: null, recall: 0, f1: 0 });
    expect(linkF1([], [link('u1', 'same', 'u2')], TYPES)).toMatchObject({ falsePositives: 1, precision: 0, recall: null, f1: 0 });
  });

  it('refuses a link of a type it was not told about', () => {
    expect(() => linkF1([link('u1', 'cites', 'u2')], [], TYPES)).toThrow(/link type "cites" is not among the link types \(same, paraphrase, supports, contradicts\)/);
  });
});

/** Random links over units u0…u7, each of a known type. */
const linksArbitrary = fc.array(
  fc.record({
    source: fc.integer({ min: 0, max: 7 }).map((i) => `u${i}`),
    target: fc.integer({ min: 0, max: 7 }).map((i) => `u${i}`),
    typeId: fc.constantFrom(...TYPES.keys()),
  }),
  { maxLength: 20 },
);

describe('linkF1 properties', () => {
  it('scores identical links 1, whatever their order and the order of their ends when undirected', () => {
    fc.assert(
      fc.property(linksArbitrary, (links) => {
        fc.pre(links.length > 0);
        const turned = [...links].reverse().map((l) => (TYPES.get(l.typeId)!.directed ? l : link(l.target, l.typeId, l.source)));
        expect(linkF1(links, turned, TYPES)).toMatchObject({ precision: 1, recall: 1, f1: 1, falsePositives: 0, falseNegatives: 0 });
      }),
    );
  });

  it('scores links on disjoint units 0', () => {
    fc.assert(
      fc.property(linksArbitrary, linksArbitrary, (a, b) => {
        fc.pre(a.length > 0 && b.length > 0);
        const elsewhere = b.map((l) => link(`v${l.source}`, l.typeId, `v${l.target}`));
        const result = linkF1(a, elsewhere, TYPES);
        expect(result).toMatchObject({ truePositives: 0, precision: 0, recall: 0, f1: 0, typeDiffers: [] });
      }),
    );
  });

  it('swaps precision with recall and only-a with only-b when the sides swap', () => {
    fc.assert(
      fc.property(linksArbitrary, linksArbitrary, (a, b) => {
        const forward = linkF1(a, b, TYPES);
        const backward = linkF1(b, a, TYPES);
        expect([backward.precision, backward.recall, backward.f1]).toEqual([forward.recall, forward.precision, forward.f1]);
        expect([backward.onlyA, backward.onlyB]).toEqual([forward.onlyB, forward.onlyA]);
        expect(backward.typeDiffers.length).toBe(forward.typeDiffers.length);
      }),
    );
  });
});

describe('linkReliabilityData', () => {
  it('has a row per linked pair, the type or none per coder, and null where a coder did not mark both units (worked by hand)', () => {
    const data = linkReliabilityData(
      [
        { coder: 'x', links: [link('u1', 'same', 'u2'), link('u3', 'supports', 'u4')], markedUnits: units('u1', 'u2', 'u3', 'u4', 'u5', 'u6') },
        { coder: 'y', links: [link('u2', 'paraphrase', 'u1'), link('u3', 'supports', 'u4'), link('u4', 'supports', 'u3')], markedUnits: units('u1', 'u2', 'u3', 'u4') },
        { coder: 'z', links: [link('u5', 'same', 'u6')], markedUnits: units('u1', 'u2', 'u5', 'u6') },
      ],
      TYPES,
    );
    expect(data.coders).toEqual(['x', 'y', 'z']);
    // u1–u2: undirected only, one row. u3/u4: supports both ways, a row per direction. u5–u6: one row.
    expect(data.pairs).toEqual([
      { key: '["u1","u2"]', source: 'u1', target: 'u2' },
      { key: '["u3","u4"]', source: 'u3', target: 'u4' },
      { key: '["u4","u3"]', source: 'u4', target: 'u3' },
      { key: '["u5","u6"]', source: 'u5', target: 'u6' },
    ]);
    expect(data.values).toEqual([
      ['same', 'paraphrase', NO_LINK], // z marked u1 and u2 and did not link them
      ['supports', 'supports', null], // z did not mark u3 or u4
      [NO_LINK, 'supports', null], // x linked u3→u4 only
      [NO_LINK, null, 'same'], // y did not mark u5 or u6
    ]);
  });

  it('lets an undirected link answer a directed pair of its units, whichever unit id sorts first', () => {
    const types = TYPES;
    for (const [s, t] of [['u7', 'u8'], ['u8', 'u7']] as const) {
      const data = linkReliabilityData(
        [
          { coder: 'x', links: [link('u7', 'same', 'u8')], markedUnits: units() },
          { coder: 'y', links: [link(s, 'supports', t)], markedUnits: units() },
        ],
        types,
      );
      expect(data.pairs).toEqual([{ key: JSON.stringify([s, t]), source: s, target: t }]);
      expect(data.values).toEqual([['same', 'supports']]);
    }
  });

  it('takes the first type by id when one coder linked a pair twice, in any order', () => {
    for (const links of [[link('u1', 'same', 'u2'), link('u2', 'paraphrase', 'u1')], [link('u2', 'paraphrase', 'u1'), link('u1', 'same', 'u2')]]) {
      expect(linkReliabilityData([{ coder: 'x', links, markedUnits: units() }], TYPES).values).toEqual([['paraphrase']]);
    }
  });

  it('counts the ends of a coder’s own links as marked', () => {
    const data = linkReliabilityData(
      [
        { coder: 'x', links: [link('u1', 'same', 'u2')], markedUnits: units() },
        { coder: 'y', links: [link('u1', 'same', 'u3'), link('u2', 'same', 'u4')], markedUnits: units() },
      ],
      TYPES,
    );
    expect(data.values).toEqual([
      ['same', NO_LINK], // y linked u1 and u2 elsewhere: they marked both
      [null, 'same'], // x never marked u3
      [null, 'same'], // nor u4
    ]);
  });

  it('refuses a link type called none, the value for no link', () => {
    const types = new Map([...TYPES, [NO_LINK, { directed: false, clusters: false }]]);
    expect(() => linkReliabilityData([], types)).toThrow(/a link type is called "none"/);
  });

  it('does not depend on the order of the coders beyond the order of the columns', () => {
    const coder = fc.record({ links: linksArbitrary, marked: fc.array(fc.integer({ min: 0, max: 7 }).map((i) => `u${i}`)) });
    fc.assert(
      fc.property(fc.array(coder, { minLength: 1, maxLength: 4 }), (drawn) => {
        const coders = drawn.map((c, i) => ({ coder: `c${i}`, links: c.links, markedUnits: new Set(c.marked) }));
        const forward = linkReliabilityData(coders, TYPES);
        const backward = linkReliabilityData([...coders].reverse(), TYPES);
        expect(backward.pairs).toEqual(forward.pairs);
        expect(backward.values).toEqual(forward.values.map((row) => [...row].reverse()));
        expect(new Set(forward.pairs.map((p) => p.key)).size).toBe(forward.pairs.length);
        // Sorted by source, then target; each key the pair's ends as endpointPairKey writes them.
        const ends = forward.pairs.map((p) => [p.source, p.target] as const);
        expect(ends).toEqual([...ends].sort(([s1, t1], [s2, t2]) => (s1 !== s2 ? (s1 < s2 ? -1 : 1) : t1 < t2 ? -1 : t1 > t2 ? 1 : 0)));
        for (const p of forward.pairs) expect(p.key).toBe(endpointPairKey(p.source, p.target, true));
      }),
    );
  });

  it('gives identical coders the same value in every row', () => {
    fc.assert(
      fc.property(linksArbitrary, (links) => {
        const coders = ['a', 'b', 'c'].map((coder) => ({ coder, links, markedUnits: units() }));
        for (const row of linkReliabilityData(coders, TYPES).values) expect(new Set(row).size).toBe(1);
      }),
    );
  });
});

describe('clustersFromLinks', () => {
  it('joins units through cluster-forming links in either direction, and nothing else (worked by hand)', () => {
    const links = [
      link('u2', 'same', 'u1'),
      link('u3', 'paraphrase', 'u2'),
      link('u4', 'supports', 'u5'), // does not form clusters
      link('u6', 'same', 'u6'), // a unit linked to itself is no cluster
      link('u8', 'same', 'u7'),
    ];
    expect(clustersFromLinks(links, TYPES)).toEqual([
      ['u1', 'u2', 'u3'],
      ['u7', 'u8'],
    ]);
  });

  it('feeds the coreference measures: two coders’ clusters scored by MUC (worked by hand)', () => {
    const x = clustersFromLinks([link('u1', 'same', 'u2'), link('u2', 'same', 'u3')], TYPES); // {u1,u2,u3}
    const y = clustersFromLinks([link('u1', 'same', 'u2'), link('u3', 'same', 'u4')], TYPES); // {u1,u2} {u3,u4}
    // MUC recall: {u1,u2,u3} falls in 2 parts of y: 3 − 2 = 1 of 2 links. Precision: {u1,u2} in 1 part
    // of x (1 of 1), {u3,u4} in 2 parts (u4 is twinless; 0 of 1): 1 of 2.
    expect(muc(x, y)).toMatchObject({ recall: 0.5, precision: 0.5 });
  });
});

describe('link agreement at corpus size', () => {
  it('handles 3 coders × 30,000 links (its speed is measured by benchmark W9)', () => {
    const next = seededRandom(3);
    const typeIds = [...TYPES.keys()];
    const unit = () => `doc${Math.floor(next() * 500)}#u${Math.floor(next() * 100)}`;
    const base = Array.from({ length: 30_000 }, () => link(unit(), typeIds[Math.floor(next() * typeIds.length)]!, unit()));
    const coders = ['x', 'y', 'z'].map((coder) => {
      const links = base.map((l) => (next() < 0.8 ? l : link(unit(), l.typeId, unit())));
      return { coder, links, markedUnits: new Set(links.flatMap((l) => [l.source, l.target])) };
    });
    const all = () => ({
      data: linkReliabilityData(coders, TYPES),
      f1: linkF1(coders[0]!.links, coders[1]!.links, TYPES),
      clusters: coders.map((c) => clustersFromLinks(c.links, TYPES)),
    });
    const { data, f1, clusters } = all();
    expect(data.pairs.length).toBeGreaterThan(30_000);
    expect(f1.f1).toBeGreaterThan(0.5);
    expect(clusters.every((c) => c.length > 1000)).toBe(true);
  });
});
