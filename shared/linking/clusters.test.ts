import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Link } from '../model/link.js';
import { clusterIdsByAnnotation, computeClusters, endKey } from './clusters.js';

function link(id: string, typeId: string, from: string, to: string): Link {
  const [fd, fa] = from.split('/') as [string, string];
  const [td, ta] = to.split('/') as [string, string];
  return {
    id,
    typeId,
    source: { documentId: fd, annotationId: fa },
    target: { documentId: td, annotationId: ta },
    note: '',
    author: '',
    annotator: 'owner',
    createdAt: '',
    updatedAt: '',
  };
}

const names = (clusters: ReturnType<typeof computeClusters>) =>
  clusters.map((c) => c.members.map((m) => `${m.documentId}/${m.annotationId}`));

describe('computeClusters', () => {
  it('joins same and paraphrase links transitively, across documents', () => {
    const clusters = computeClusters([link('1', 'same', 'a/1', 'b/1'), link('2', 'paraphrase', 'b/1', 'c/1'), link('3', 'same', 'd/9', 'a/5')]);
    expect(names(clusters)).toEqual([['a/1', 'b/1', 'c/1'], ['a/5', 'd/9']]);
    expect(clusters.map((c) => c.id)).toEqual([1, 2]);
  });

  it('ignores other link types and leaves single annotations out', () => {
    expect(computeClusters([link('1', 'supports', 'a/1', 'b/1'), link('2', 'contradicts', 'a/2', 'b/2')])).toEqual([]);
  });

  it('honours a custom set of link types', () => {
    expect(names(computeClusters([link('1', 'supports', 'a/1', 'b/1')], { linkTypeIds: ['supports'] }))).toEqual([['a/1', 'b/1']]);
  });

  it('splits a cluster when its only connecting link is removed', () => {
    const links = [link('1', 'same', 'a/1', 'b/1'), link('2', 'same', 'b/1', 'c/1'), link('3', 'same', 'c/1', 'd/1')];
    expect(names(computeClusters(links))).toEqual([['a/1', 'b/1', 'c/1', 'd/1']]);
    expect(names(computeClusters(links.filter((l) => l.id !== '2')))).toEqual([['a/1', 'b/1'], ['c/1', 'd/1']]);
  });

  it('does not split a cycle when one of its links is removed', () => {
    const links = [link('1', 'same', 'a/1', 'b/1'), link('2', 'same', 'b/1', 'c/1'), link('3', 'paraphrase', 'c/1', 'a/1')];
    expect(names(computeClusters(links.slice(1)))).toEqual([['a/1', 'b/1', 'c/1']]);
  });

  it('uses a given member order for members; clusters keep the order they were founded in', () => {
    const order = ['z/1', 'a/1', 'm/1', 'b/1'];
    const clusters = computeClusters([link('1', 'same', 'a/1', 'b/1'), link('2', 'same', 'm/1', 'z/1')], {
      compareEnds: (x, y) => order.indexOf(`${x.documentId}/${x.annotationId}`) - order.indexOf(`${y.documentId}/${y.annotationId}`),
    });
    expect(names(clusters)).toEqual([['a/1', 'b/1'], ['z/1', 'm/1']]);
    expect(clusterIdsByAnnotation(clusters).get(endKey({ documentId: 'a', annotationId: '1' }))).toBe(1);
  });

  it('never renumbers a cluster when another is made, whatever its members are called', () => {
    const at = (l: Link, createdAt: string): Link => ({ ...l, createdAt });
    const first = [at(link('x9', 'same', 'm/1', 'n/1'), '2026-01-01T10:00:00Z'), at(link('x3', 'paraphrase', 'n/1', 'o/1'), '2026-01-01T10:05:00Z')];
    const before = computeClusters(first);
    expect(before.map((c) => [c.id, c.foundedBy])).toEqual([[1, 'x9']]);
    // A newer cluster whose members sort first by id, and whose link id sorts first too.
    const after = computeClusters([...first, at(link('a1', 'same', 'a/1', 'b/1'), '2026-01-02T09:00:00Z')]);
    expect(after.map((c) => [c.id, c.foundedBy, names([c])[0]])).toEqual([
      [1, 'x9', ['m/1', 'n/1', 'o/1']],
      [2, 'a1', ['a/1', 'b/1']],
    ]);
  });

  it('gives the same clusters whatever the link order or direction (property)', () => {
    const node = fc.constantFrom('a/1', 'a/2', 'b/1', 'b/2', 'c/1', 'c/2', 'd/1');
    const edges = fc.array(fc.tuple(node, node, fc.constantFrom('same', 'paraphrase', 'supports')), { maxLength: 12 });
    fc.assert(
      fc.property(edges, fc.integer(), (list, seed) => {
        const links = list.map(([a, b, t], i) => link(String(i), t, a, b));
        const shuffled = [...links].sort((x, y) => ((Number(x.id) * 7919 + seed) % 13) - ((Number(y.id) * 7919 + seed) % 13));
        const reversed = shuffled.map((l) => ({ ...l, source: l.target, target: l.source }));
        expect(computeClusters(reversed)).toEqual(computeClusters(links));
        // Transitivity: two annotations joined by a chain are in one cluster.
        const ids = clusterIdsByAnnotation(computeClusters(links));
        for (const l of links.filter((x) => x.typeId !== 'supports' && endKey(x.source) !== endKey(x.target))) {
          expect(ids.get(endKey(l.source))).toBe(ids.get(endKey(l.target)));
        }
      }),
    );
  });
});
