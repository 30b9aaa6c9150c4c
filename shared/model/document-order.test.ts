import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation.js';
import { testAnnotation } from './annotation.test-support.js';
import { compareInDocumentOrder, putInDocumentOrder } from './document-order.js';

const annotation = (id: string, start: number, end: number): Annotation => testAnnotation(id, [[start, end]]);
const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

const spans = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), fc.nat(5), fc.integer({ min: 1, max: 3 })), { maxLength: 7 });

describe('compareInDocumentOrder', () => {
  it('orders by start, then end, then id, whatever order they come in', () => {
    const list = [annotation('c', 4, 6), annotation('b', 0, 5), annotation('z', 0, 2), annotation('a', 0, 2), annotation('m', 0, 2)];
    expect(ids([...list].sort(compareInDocumentOrder))).toEqual(['a', 'm', 'z', 'b', 'c']);
    expect(ids([...list].reverse().sort(compareInDocumentOrder))).toEqual(['a', 'm', 'z', 'b', 'c']);
  });

  it('compares ids by code units, not by locale', () => {
    const list = [annotation('a', 1, 2), annotation('B', 1, 2), annotation('é', 1, 2), annotation('e', 1, 2)];
    expect(ids([...list].sort(compareInDocumentOrder))).toEqual(['B', 'a', 'e', 'é']);
  });

  it('sees only the first fragment of a discontinuous annotation', () => {
    const split = testAnnotation('a', [[0, 2], [8, 9]]);
    expect(ids([annotation('b', 0, 3), split].sort(compareInDocumentOrder))).toEqual(['a', 'b']);
  });
});

describe('putInDocumentOrder', () => {
  it('gives what sorting the whole list again gives: replaced by id, the last change of one id winning', () => {
    fc.assert(
      fc.property(spans, spans, (before, changes) => {
        const list = [...new Map(before.map(([id, s, l]) => [id, annotation(id, s, s + l)])).values()].sort(compareInDocumentOrder);
        const changed = changes.map(([id, s, l]) => annotation(id, s, s + l));
        const expected = [...new Map([...list, ...changed].map((a) => [a.id, a])).values()].sort(compareInDocumentOrder);
        expect(putInDocumentOrder(list, changed)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('puts annotations on the same words in id order, however they arrive', () => {
    const oneByOne = ['m', 'z', 'a'].reduce<Annotation[]>((list, id) => putInDocumentOrder(list, [annotation(id, 3, 5)]), [annotation('x', 0, 1)]);
    expect(ids(oneByOne)).toEqual(['x', 'a', 'm', 'z']);
    expect(oneByOne).toEqual([...oneByOne].sort(compareInDocumentOrder));
  });

  it('keeps the list it is given as it was', () => {
    const list = [annotation('a', 0, 2), annotation('b', 4, 5)];
    const copy = [...list];
    putInDocumentOrder(list, [annotation('c', 1, 2), annotation('a', 6, 7)]);
    expect(list).toEqual(copy);
    expect(ids(putInDocumentOrder(list, [annotation('c', 1, 2), annotation('a', 6, 7)]))).toEqual(['c', 'b', 'a']);
  });
});
