import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotation.js';
import { testAnnotation } from '../../../shared/model/annotation.test-support.js';
import { compareInDocumentOrder, putInDocumentOrder } from './annotation-order.js';

const annotation = (id: string, start: number, end: number): Annotation => testAnnotation(id, [[start, end]]);

/** What putting annotations in one at a time, each after those already at its place, gives. */
function oneAtATime(list: readonly Annotation[], changed: readonly Annotation[]): Annotation[] {
  return changed.reduce((acc, a) => {
    const rest = acc.filter((x) => x.id !== a.id);
    const index = rest.findIndex((x) => compareInDocumentOrder(x, a) > 0);
    return index < 0 ? [...rest, a] : [...rest.slice(0, index), a, ...rest.slice(index)];
  }, [...list]);
}

const spans = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), fc.nat(5), fc.integer({ min: 1, max: 3 })), { maxLength: 7 });

describe('putInDocumentOrder', () => {
  it('gives what putting them in one at a time gives: replaced by id, in document order, after those at the same place', () => {
    fc.assert(
      fc.property(spans, spans, (before, changes) => {
        const list = oneAtATime([], [...new Map(before.map(([id, s, l]) => [id, annotation(id, s, s + l)])).values()]);
        const changed = [...new Map(changes.map(([id, s, l]) => [id, annotation(id, s, s + l)])).values()];
        expect(putInDocumentOrder(list, changed)).toEqual(oneAtATime(list, [...changed].sort(compareInDocumentOrder)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the list it is given as it was', () => {
    const list = [annotation('a', 0, 2), annotation('b', 4, 5)];
    const copy = [...list];
    putInDocumentOrder(list, [annotation('c', 1, 2), annotation('a', 6, 7)]);
    expect(list).toEqual(copy);
    expect(putInDocumentOrder(list, [annotation('c', 1, 2), annotation('a', 6, 7)]).map((a) => a.id)).toEqual(['c', 'b', 'a']);
  });
});
