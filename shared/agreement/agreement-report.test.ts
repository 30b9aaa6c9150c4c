import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementFigure, AgreementFigures, AgreementReport } from '../api/contract/agreement.js';
import type { Label } from '../model/label-schema.js';
import { AgreementScopeError, computeAgreement } from './agreement-report.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { HAND_LINKS as LINKS, HAND_SPANS as SPANS, snapshotOf, type TestLink, type TestSpan } from './agreement.test-support.js';

const NAMES = { ana: 'Ana López', bob: 'Bob Stone' };

const report = () => computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, SPANS, LINKS), names: NAMES });
const label = (figures: AgreementFigures, id: string) => figures.spans.byLabel.find((l) => l.labelId === id)!.figures;
const attribute = (figures: AgreementFigures, name: string) => figures.attributes.find((a) => a.attribute === name)!.figure;

describe('computeAgreement on a hand-made two-annotator workspace', () => {
  it('computes span F1 with exact and overlap matching, overall, per label and per article', () => {
    const { overall, byDocument } = report();
    // Ana has 5 spans, Bob 6. Exact matches: U1, U5, U6 → F1 = 2·3 / (5 + 6) = 6/11.
    expect(overall.spans.overall.f1Exact.value).toBeCloseTo(6 / 11, 10);
    // Overlap also matches U2 (same label, 8 characters in common); U3 has two labels → 8/11.
    expect(overall.spans.overall.f1Overlap.value).toBeCloseTo(8 / 11, 10);
    // Claims: Ana a1 a2 a5 (3), Bob b1 b2 b3 b6 (4); exact a1=b1, a5=b6 → 4/7; overlap adds a2~b2 → 6/7.
    expect(label(overall, 'claim').f1Exact.value).toBeCloseTo(4 / 7, 10);
    expect(label(overall, 'claim').f1Overlap.value).toBeCloseTo(6 / 7, 10);
    // Quotes: Ana a3 a4, Bob b4 b5; only a4=b5 matches either way → 2/4.
    expect(label(overall, 'quote').f1Exact.value).toBe(0.5);
    expect(label(overall, 'quote').f1Overlap.value).toBe(0.5);
    // d1: Ana 3, Bob 4, one exact match → 2/7. d2: both spans match → 1.
    expect(byDocument.map((d) => d.f1Exact)).toEqual([2 / 7, 1]);
    expect(overall.spans.overall.f1Exact.details).toEqual([
      { name: 'precision', value: 0.5 },
      { name: 'recall', value: 0.6 },
      { name: 'matched', value: 3 },
      { name: 'only Ana López', value: 2 },
      { name: 'only Bob Stone', value: 3 },
    ]);
    // αu of Quote: d1 and d2 end to end (L = 200), Ana 40–50 and 100–120, Bob 60–70 and 100–120 (m = 2, N = 4).
    // D_o: each 10-character segment lies in the other's gap, both orders: 4 × 10² / (2·1·200²) = 0.005.
    // Gaps: Ana 40, 50, 80; Bob 60, 30, 80. D_e numerator (2/200)·Σ_g [3(2l³ − 3l² + l)/3 + l²·Σ_{gaps ≥ l}(l_h − l + 1)]
    // = 0.01 · 2·(1,710 + 100·286 + 14,820 + 400·226) = 2,710.6; denominator 400·399 − (90 + 380 + 90 + 380) = 158,660.
    // αu = 1 − 0.005 / (2,710.6 / 158,660) = 1 − 793.3 / 2,710.6 ≈ 0.70733. In d2 alone both quotes are identical: 1.
    expect(label(overall, 'quote').unitizingAlpha.value).toBeCloseTo(1 - 793.3 / 2710.6, 10);
    expect(computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, SPANS, LINKS), scope: { documentIds: ['d2'] } }).overall.spans.byLabel[1]!.figures.unitizingAlpha.value).toBe(1);
    expect(overall.spans.overall.f1Exact.method).toBe(
      'Pairwise F1, exact match (a match is a span of the same label with the same start and end of every fragment), every label, ' +
        'between Ana López and Bob Stone, 2 articles: 5 spans and 6, 3 matched.',
    );
  });

  it('computes attribute alpha on the aligned units, nominal for a choice and interval for a number', () => {
    const { overall } = report();
    // verdict: U1 (true, true), U2 (false, true), U6 (false, false); U3 has one claim only. n = 6, n_true = n_false = 3.
    // D_o = 2/6 (U2's two ordered pairs); D_e = 2·3·3 / (6·5) = 0.6; α = 1 − (1/3)/0.6 = 4/9.
    expect(attribute(overall, 'verdict').value).toBeCloseTo(4 / 9, 10);
    expect(overall.attributes.find((a) => a.attribute === 'verdict')!.level).toBe('nominal');
    // score: U1 (1, 2), U6 (3, 3); U2 has Ana's only. D_o = 2·1/4 = 0.5;
    // D_e = 2·(1·1·1 + 1·2·4 + 1·2·1) / (4·3) = 22/12; α = 1 − 0.5 / (11/6) = 8/11.
    expect(attribute(overall, 'score').value).toBeCloseTo(8 / 11, 10);
    expect(overall.attributes.find((a) => a.attribute === 'score')!.level).toBe('interval');
    expect(attribute(overall, 'verdict').method).toContain('3 spans, 6 values');
  });

  it('computes link alpha and F1 on aligned units, and the cluster scores', () => {
    const { overall } = report();
    // Pairs linked by anyone: U1–U5 (same, same), U2–U6 (supports, supports), U3–U5 (Ana marked both
    // but did not link them: none; Bob: same). n = 6: same 3, supports 2, none 1.
    // D_o = 2/6; D_e = 2·(3·2 + 3·1 + 2·1) / 30 = 22/30; α = 1 − (1/3)/(22/30) = 6/11.
    expect(overall.links!.alpha.value).toBeCloseTo(6 / 11, 10);
    // Two links match, Bob has one more: F1 = 2·2 / (2 + 3) = 0.8.
    expect(overall.links!.f1.value).toBeCloseTo(0.8, 10);
    // Clusters: Ana {U1, U5}, Bob {U1, U3, U5}.
    const clusters = overall.clusters!;
    // MUC: recall 1/1, precision (3 − 2)/(3 − 1) = 1/2 → 2/3.
    expect(clusters.muc.value).toBeCloseTo(2 / 3, 10);
    // B³: recall 1; precision (2/3 + 2/3 + 0)/3 = 4/9 → 2·(4/9)/(13/9) = 8/13.
    expect(clusters.bCubed.value).toBeCloseTo(8 / 13, 10);
    // CEAF-e: φ4 = 2·2/(2 + 3) = 0.8 over one cluster each → 0.8.
    expect(clusters.ceafE.value).toBeCloseTo(0.8, 10);
    expect(clusters.conll.value).toBeCloseTo((2 / 3 + 8 / 13 + 0.8) / 3, 10);
    // LEA: recall 2·1/2 = 1; precision 3·(1/3)/3 = 1/3 → 0.5.
    expect(clusters.lea.value).toBeCloseTo(0.5, 10);
  });

  it('compares a one-of-a-list attribute marked as a scale as ordinal data, ranked as its options are listed', () => {
    const scale: Label[] = [{ id: 'claim', name: 'Claim', colour: '#f59e0b', hotkey: '1', description: '', attributes: [{ name: 'risk', type: 'choice', description: '', options: ['low', 'medium', 'high'], ordered: true }] }];
    const spans: TestSpan[] = [
      ['ana', 'a1', 'd1', 'claim', 0, 10, { risk: 'low' }],
      ['bob', 'b1', 'd1', 'claim', 0, 10, { risk: 'medium' }],
      ['ana', 'a2', 'd1', 'claim', 20, 30, { risk: 'high' }],
      ['bob', 'b2', 'd1', 'claim', 20, 30, { risk: 'high' }],
      ['ana', 'a3', 'd1', 'claim', 40, 50, { risk: 'low' }],
      ['bob', 'b3', 'd1', 'claim', 40, 50, { risk: 'low' }],
    ];
    const [risk] = computeAgreement({ snapshot: snapshotOf({ d1: 100 }, spans, [], scale) }).overall.attributes;
    const rows = [['low', 'medium'], ['high', 'high'], ['low', 'low']];
    expect(risk!.level).toBe('ordinal');
    expect(risk!.figure.value).toBeCloseTo(krippendorffAlpha(rows, 'ordinal', { order: ['low', 'medium', 'high'] }).alpha!, 12);
    // A near miss on the scale costs less than as nominal data.
    expect(risk!.figure.value!).toBeGreaterThan(krippendorffAlpha(rows, 'nominal').alpha!);
    expect(risk!.figure.method).toMatch(/^Krippendorff’s α \(ordinal, ranked as listed: low < medium < high\), attribute “risk” of label Claim/);
  });

  it('says how every figure was computed and lists the pair once', () => {
    const result = report();
    expect(result.annotators).toEqual([
      { id: 'ana', name: 'Ana López' },
      { id: 'bob', name: 'Bob Stone' },
    ]);
    expect(result.byPair).toHaveLength(1);
    expect(result.byPair[0]!.spans.overall.f1Exact.value).toBe(result.overall.spans.overall.f1Exact.value);
    expect(label(result.overall, 'quote').unitizingAlpha.method).toMatch(
      /^Krippendorff’s αu \(unitizing\), character level, label Quote, 2 annotators \(Ana López, Bob Stone\), 2 articles, 200 characters, 4 segments/,
    );
    for (const figure of allFigures(result)) expect(figure.method.length).toBeGreaterThan(40);
    expect(result.method.join(' ')).toContain('Krippendorff');
  });

  it('gives every figure of one article when asked for it alone, over the annotators who coded it', () => {
    const spans: TestSpan[] = [...SPANS, ['cy', 'c1', 'd2', 'quote', 0, 20]];
    const d1 = computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, spans, LINKS), scope: { documentIds: ['d1'] }, names: NAMES });
    expect(d1.annotators.map((a) => a.id)).toEqual(['ana', 'bob']);
    expect(d1.excluded).toEqual([{ id: 'cy', name: 'cy', reason: 'coded none of the articles another annotator coded' }]);
    expect(d1.overall.spans.overall.f1Exact.value).toBe(2 / 7);
    expect(d1.overall.spans.overall.f1Exact.method).toContain('between Ana López and Bob Stone, 1 article: 3 spans and 4, 1 matched');
    // All three coded d2 only: the overall figures are over it, each pair's over what both coded.
    const all = computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, spans, LINKS), names: NAMES });
    expect(all.overall.documents).toBe(1);
    expect(all.byPair.map((p) => [p.annotators.join('+'), p.documents])).toEqual([['ana+bob', 2], ['ana+cy', 1], ['bob+cy', 1]]);
  });

  it('leaves out the curated and owner layers unless named, and refuses fewer than two annotators', () => {
    const spans: TestSpan[] = [...SPANS, ['curated', 'c1', 'd1', 'claim', 0, 10], ['owner', 'o1', 'd1', 'claim', 0, 10]];
    const result = computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, spans, LINKS), names: NAMES });
    expect(result.annotators.map((a) => a.id)).toEqual(['ana', 'bob']);
    expect(result.excluded.map((e) => e.id)).toEqual(['curated', 'owner']);
    const named = computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, spans, LINKS), scope: { annotators: ['ana', 'curated'] } });
    expect(named.annotators.map((a) => a.id)).toEqual(['ana', 'curated']);
    expect(named.byDocument.map((d) => d.documentId)).toEqual(['d1']);
    expect(() => computeAgreement({ snapshot: snapshotOf({ d1: 100 }, [['ana', 'a', 'd1', 'claim', 0, 5]]) })).toThrow(AgreementScopeError);
    expect(() => computeAgreement({ snapshot: snapshotOf({ d1: 100 }, SPANS.slice(0, 2)), scope: { annotators: ['ana', 'zed'] } })).toThrow(/no layer of the annotator "zed"/);
  });
});

/** Random layers: spans of three labels over two articles, with links between some of them. */
const layerArbitrary = fc.record({
  spans: fc.array(
    fc.record({ document: fc.constantFrom('d1', 'd2'), label: fc.constantFrom('claim', 'quote'), start: fc.integer({ min: 0, max: 80 }), length: fc.integer({ min: 1, max: 19 }), verdict: fc.constantFrom('true', 'false') }),
    { minLength: 1, maxLength: 12 },
  ),
  links: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), type: fc.constantFrom('same', 'supports') }), { maxLength: 6 }),
});
type Layer = typeof layerArbitrary extends fc.Arbitrary<infer T> ? T : never;

function layerSpans(annotator: string, layer: Layer, shift = 0): { spans: TestSpan[]; links: TestLink[] } {
  const spans = layer.spans.map((s, i): TestSpan => [annotator, `${annotator}${i}`, s.document, s.label, s.start + shift, s.start + shift + s.length, s.label === 'claim' ? { verdict: s.verdict } : {}]);
  const links = layer.links
    .map((l): TestLink => [annotator, `${annotator}${l.from % spans.length}`, `${annotator}${l.to % spans.length}`, l.type])
    .filter((l) => l[1] !== l[2]);
  return { spans, links };
}

function allFigures(report: AgreementReport): AgreementFigure[] {
  const of = (f: AgreementFigures) => [
    ...[f.spans.overall, ...f.spans.byLabel.map((l) => l.figures)].flatMap((s) => [s.f1Exact, s.f1Overlap, s.unitizingAlpha]),
    ...f.attributes.map((a) => a.figure),
    ...(f.links ? [f.links.alpha, f.links.f1] : []),
    ...(f.clusters ? Object.values(f.clusters) : []),
  ];
  return [report.overall, ...report.byPair].flatMap(of);
}

describe('computeAgreement (properties)', () => {
  it('gives perfect scores everywhere when the layers are identical', () => {
    fc.assert(
      fc.property(layerArbitrary, (layer) => {
        const ana = layerSpans('ana', layer);
        const bob = layerSpans('bob', layer);
        const result = computeAgreement({ snapshot: snapshotOf({ d1: 100, d2: 100 }, [...ana.spans, ...bob.spans], [...ana.links, ...bob.links]) });
        for (const figure of allFigures(result)) if (figure.value !== null) expect(figure.value, figure.method).toBeCloseTo(1, 10);
        for (const row of result.byDocument) for (const value of [row.f1Exact, row.f1Overlap, row.unitizingAlpha]) if (value !== null) expect(value).toBeCloseTo(1, 10);
        expect(result.overall.spans.overall.f1Exact.value).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('does not depend on the order or the ids of the annotators', () => {
    fc.assert(
      fc.property(fc.tuple(layerArbitrary, layerArbitrary, layerArbitrary), ([x, y, z]) => {
        const build = (ids: [string, string, string], reverse: boolean) => {
          const layers = [layerSpans(ids[0], x), layerSpans(ids[1], y), layerSpans(ids[2], z)];
          const spans = layers.flatMap((l) => l.spans);
          const links = layers.flatMap((l) => l.links);
          return computeAgreement({
            snapshot: snapshotOf({ d1: 100, d2: 100 }, reverse ? spans.reverse() : spans, reverse ? links.reverse() : links),
            names: { [ids[0]]: 'X', [ids[1]]: 'Y', [ids[2]]: 'Z' },
          }).overall;
        };
        const values = (f: AgreementFigures) => allFigures({ overall: f, byPair: [], byDocument: [] } as unknown as AgreementReport).map((g) => g.value);
        const first = values(build(['ann', 'bea', 'cy'], false));
        const second = values(build(['zoe', 'max', 'amy'], true));
        expect(second.length).toBe(first.length);
        second.forEach((v, i) => (v === null ? expect(first[i]).toBeNull() : expect(v).toBeCloseTo(first[i]!, 9)));
      }),
      { numRuns: 40 },
    );
  });

  it('falls to the floor when one layer marks only what the other did not', () => {
    fc.assert(
      fc.property(layerArbitrary, (layer) => {
        // Ana's spans lie in 0–99 of each article, Bob's in 100–199: no character in common.
        const ana = layerSpans('ana', layer);
        const bob = layerSpans('bob', layer, 100);
        const result = computeAgreement({ snapshot: snapshotOf({ d1: 200, d2: 200 }, [...ana.spans, ...bob.spans], [...ana.links, ...bob.links]) });
        const { overall } = result;
        expect(overall.spans.overall.f1Exact.value).toBe(0);
        expect(overall.spans.overall.f1Overlap.value).toBe(0);
        expect(overall.spans.overall.unitizingAlpha.value!).toBeLessThanOrEqual(0);
        if (overall.links!.f1.value !== null) expect(overall.links!.f1.value).toBe(0);
        if (overall.clusters!.muc.value !== null) expect(overall.clusters!.muc.value).toBe(0);
        expect(overall.attributes.every((a) => a.figure.value === null)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
