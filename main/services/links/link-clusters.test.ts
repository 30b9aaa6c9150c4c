import { describe, expect, it } from 'vitest';
import { annotateSeed, endOf, useSeededWorkbench } from '../seed-annotations.test-support.js';

const current = useSeededWorkbench('corroborate-clusters-');

const annotate = (seed: string, exact: string, labelId = 'quote') => annotateSeed(current().service, seed, exact, labelId);
const end = endOf;

describe('clusters', () => {
  it('groups the apology across three outlets transitively and shows the apostrophe differences', async () => {
    const workbench = current();
    const curly = await annotate('002', 'Yesterday wasn’t my proudest day');
    const straight3 = await annotate('003', "Yesterday wasn't my proudest day");
    const straight4 = await annotate('004', "Yesterday wasn't my proudest day");
    await workbench.service.createLink({ typeId: 'same', source: end(curly), target: end(straight3) });
    await workbench.service.createLink({ typeId: 'same', source: end(straight3), target: end(straight4) });
    const [cluster, ...others] = await workbench.service.listClusters();
    expect(others).toEqual([]);
    expect(cluster!.members.map((m) => m.annotationId).sort()).toEqual([curly.id, straight3.id, straight4.id].sort());
    const reference = cluster!.referenceText;
    for (const member of cluster!.members) {
      const changed = member.segments.filter((s) => s.kind !== 'same').map((s) => s.text);
      expect(changed).toEqual(member.text === reference ? [] : expect.arrayContaining(['’', "'"]));
    }
  });

  it('shows Hamilton’s reply with mistakes/mistake and will/can marked, and keeps a name through changes', async () => {
    const workbench = current();
    const a = await annotate('002', 'If you don’t make the mistakes you will never learn');
    const b = await annotate('003', "If you don't make the mistake you can never learn");
    const link = await workbench.service.createLink({ typeId: 'paraphrase', source: end(a), target: end(b) });
    await workbench.service.nameCluster({ annotationId: b.id, name: 'Hamilton on mistakes', canonicalText: 'If you don’t make the mistakes you will never learn' });
    let [cluster] = await workbench.service.listClusters();
    expect(cluster).toMatchObject({ name: 'Hamilton on mistakes', referenceText: 'If you don’t make the mistakes you will never learn' });
    const variant = cluster!.members.find((m) => m.annotationId === b.id)!;
    expect(variant.segments.filter((s) => s.kind === 'added').map((s) => s.text)).toEqual(["'", 'mistake', 'can']);
    // A third member joins: the name follows the cluster.
    const c = await annotate('000', 'Russell claims', 'claim');
    await workbench.service.createLink({ typeId: 'same', source: end(b), target: end(c) });
    [cluster] = await workbench.service.listClusters();
    expect(cluster).toMatchObject({ name: 'Hamilton on mistakes' });
    expect(cluster!.members).toHaveLength(3);
    // Removing the only link between a and b splits the cluster; the name stays with the larger part.
    await workbench.service.deleteLink({ linkId: link.id });
    const after = await workbench.service.listClusters();
    expect(after).toHaveLength(1);
    expect(after[0]!.members.map((m) => m.annotationId).sort()).toEqual([b.id, c.id].sort());
    expect(after[0]!.name).toBe('Hamilton on mistakes');
  });

  it('refuses to name an annotation that is in no cluster', async () => {
    const workbench = current();
    const a = await annotate('002', 'Yesterday wasn’t my proudest day');
    await expect(workbench.service.nameCluster({ annotationId: a.id, name: 'x', canonicalText: '' })).rejects.toThrow(/not in a cluster/);
  });
});

describe('finding a quote in other articles', () => {
  it('finds the other two outlets carrying the apology, and says which span is already annotated', async () => {
    const workbench = current();
    const curly = await annotate('002', 'Yesterday wasn’t my proudest day,');
    const already = await annotate('004', "Yesterday wasn't my proudest day,");
    const sightings = await workbench.service.findQuoteElsewhere({ documentId: curly.documentId, annotationId: curly.id });
    expect(sightings.map((s) => s.text)).toEqual(["Yesterday wasn't my proudest day,", "Yesterday wasn't my proudest day,"]);
    expect(sightings.map((s) => s.errors)).toEqual([0, 0]);
    expect(sightings.find((s) => s.documentId === already.documentId)?.annotationId).toBe(already.id);
    expect(sightings.find((s) => s.documentId !== already.documentId)?.annotationId).toBeNull();
  });
});
