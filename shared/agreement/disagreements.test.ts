import { describe, expect, it } from 'vitest';
import type { AgreementCell } from '../api/contract/agreement.js';
import { computeAgreement } from './agreement-report.js';
import { HAND_LINKS, HAND_SPANS, snapshotOf } from './agreement.test-support.js';
import { listDisagreements } from './disagreements.js';

// The hand-made workspace, worked out in agreement-report.test.ts.
const snapshot = snapshotOf({ d1: 100, d2: 100 }, HAND_SPANS, HAND_LINKS);
const names = { ana: 'Ana', bob: 'Bob' };
const cell = (overrides: Partial<AgreementCell>): AgreementCell => ({
  scope: {},
  measure: 'span-f1-exact',
  labelId: null,
  attribute: null,
  documentId: null,
  annotators: ['ana', 'bob'],
  ...overrides,
});

describe('listDisagreements', () => {
  it('lists the span disagreements of exact matching in document order: boundaries, labels, marked by one only', () => {
    const list = listDisagreements(snapshot, cell({}), names);
    expect(list.total).toBe(3);
    expect(list.items.map((d) => [d.kind, d.place.documentId, d.place.start, d.place.end])).toEqual([
      ['boundary-differs', 'd1', 20, 30],
      ['label-differs', 'd1', 40, 50],
      ['only-some', 'd1', 60, 70],
    ]);
    expect(list.items[2]!.summary).toBe('Not marked by Ana.');
    expect(list.items[1]!.choices).toEqual([
      { annotator: 'ana', choice: 'Quote “d1:40-50”', labelId: 'quote', fragments: [{ start: 40, end: 50 }] },
      { annotator: 'bob', choice: 'Claim “d1:40-50”', labelId: 'claim', fragments: [{ start: 40, end: 50 }] },
    ]);
    expect(list.items[0]!.place).toEqual({ documentId: 'd1', title: 'Article d1', start: 20, end: 30, quote: 'd1:20-30' });
  });

  it('leaves boundary differences out under overlap matching, and keeps to one label or one article when asked', () => {
    expect(listDisagreements(snapshot, cell({ measure: 'span-f1-overlap' }), names).items.map((d) => d.kind)).toEqual(['label-differs', 'only-some']);
    expect(listDisagreements(snapshot, cell({ labelId: 'quote' }), names).items.map((d) => d.place.start)).toEqual([40, 60]);
    expect(listDisagreements(snapshot, cell({ documentId: 'd2' }), names).total).toBe(0);
  });

  it('lists the units whose attribute values differ, with each value', () => {
    const list = listDisagreements(snapshot, cell({ measure: 'attribute-alpha', labelId: 'claim', attribute: 'verdict' }), names);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.choices.map((c) => [c.choice, c.value])).toEqual([
      ['verdict: false', 'false'],
      ['verdict: true', 'true'],
    ]);
  });

  it('lists a link only one annotator made, with both of its ends', () => {
    const list = listDisagreements(snapshot, cell({ measure: 'link-f1' }), names);
    expect(list.items).toHaveLength(1);
    const [missing] = list.items;
    expect(missing!.kind).toBe('link-missing');
    expect([missing!.place.start, missing!.other?.documentId, missing!.other?.start]).toEqual([40, 'd2', 0]);
    expect(missing!.choices.map((c) => c.choice)).toEqual(['no link', 'linked as Same']);
  });

  it('lists the units placed in different clusters', () => {
    const list = listDisagreements(snapshot, cell({ measure: 'clusters' }), names);
    // Ana: {U1, U5}; Bob: {U1, U3, U5}: all three are placed differently.
    expect(list.items.map((d) => [d.place.documentId, d.place.start])).toEqual([
      ['d1', 0],
      ['d1', 40],
      ['d2', 0],
    ]);
    expect(list.items[1]!.choices.map((c) => c.choice)).toEqual(['in no cluster', 'in a cluster with 2 others: “d1:0-10”, “d2:0-20”']);
  });

  it('finds nothing to list where the report says the annotators agree perfectly', () => {
    const same = snapshotOf({ d1: 100 }, [
      ['ana', 'a', 'd1', 'claim', 0, 10, { verdict: 'true' }],
      ['bob', 'b', 'd1', 'claim', 0, 10, { verdict: 'true' }],
    ]);
    expect(computeAgreement({ snapshot: same }).overall.spans.overall.f1Exact.value).toBe(1);
    for (const measure of ['span-f1-exact', 'unitizing-alpha', 'link-f1', 'clusters'] as const) expect(listDisagreements(same, cell({ measure })).total).toBe(0);
  });
});
