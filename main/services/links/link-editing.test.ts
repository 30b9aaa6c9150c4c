import { describe, expect, it } from 'vitest';
import { openWorkbench } from '../open-workbench.js';
import { annotateSeed, endOf, useSeededWorkbench } from '../seed-annotations.test-support.js';

const current = useSeededWorkbench('corroborate-links-');

const annotate = (seed: string, exact: string, labelId = 'quote') => annotateSeed(current().service, seed, exact, labelId);

const end = endOf;

describe('links', () => {
  it('links the apology quote across three outlets and resolves each end for display', async () => {
    const workbench = current();
    const a = await annotate('002', 'Yesterday wasn’t my proudest day,');
    const b = await annotate('003', "Yesterday wasn't my proudest day,");
    const c = await annotate('004', "Yesterday wasn't my proudest day,");
    await workbench.service.createLink({ typeId: 'same', source: end(a), target: end(b) });
    await workbench.service.createLink({ typeId: 'same', source: end(b), target: end(c), note: 'straight quotes in both' });
    const all = await workbench.service.listLinks({});
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      link: { typeId: 'same', note: 'straight quotes in both' },
      source: { text: "Yesterday wasn't my proudest day,", labelId: 'quote', documentTitle: expect.stringContaining('seeing red') },
      target: { documentTitle: expect.stringContaining('George Russell has issued an apology') },
    });
    expect(await workbench.service.listLinks({ documentId: a.documentId })).toHaveLength(1);
    await workbench.store.close();
    const reopened = await openWorkbench({ workspaceDir: workbench.workspaceDir });
    expect((await reopened.service.getStats()).linksByType.same).toBe(2);
    await reopened.store.close();
  });

  it('reverses a directed link made the wrong way round, refusing a reversal that would duplicate a link', async () => {
    const { service } = current();
    const claim = await annotate('002', 'Hamilton has offered words of encouragement', 'claim');
    const evidence = await annotate('003', "Yesterday wasn't my proudest day,", 'quote');
    const wrong = await service.createLink({ typeId: 'supports', source: end(claim), target: end(evidence) });
    const reversed = await service.updateLink({ linkId: wrong.id, reverse: true });
    expect([reversed.source, reversed.target]).toEqual([end(evidence), end(claim)]);
    expect(reversed.id).toBe(wrong.id);
    const [resolved] = await service.listLinks({ documentId: claim.documentId });
    expect(resolved!.source.text).toBe("Yesterday wasn't my proudest day,");
    await service.createLink({ typeId: 'supports', source: end(claim), target: end(evidence) });
    await expect(service.updateLink({ linkId: wrong.id, reverse: true })).rejects.toThrow(/already/i);
  });

  it('refuses self-links, duplicates (either way round when undirected) and missing annotations', async () => {
    const workbench = current();
    const lap30 = await annotate('000', '30th lap', 'fact');
    const lap32 = await annotate('003', 'lap 32', 'fact');
    await expect(workbench.service.createLink({ typeId: 'contradicts', source: end(lap30), target: end(lap30) })).rejects.toThrow(
      'An annotation cannot be linked to itself.',
    );
    await workbench.service.createLink({ typeId: 'contradicts', source: end(lap30), target: end(lap32) });
    await expect(workbench.service.createLink({ typeId: 'contradicts', source: end(lap32), target: end(lap30) })).rejects.toThrow(
      'These two annotations are already linked as "Contradicts".',
    );
    // A directed type is another connection: supports one way and the other are two links.
    await workbench.service.createLink({ typeId: 'supports', source: end(lap30), target: end(lap32) });
    await workbench.service.createLink({ typeId: 'supports', source: end(lap32), target: end(lap30) });
    await expect(
      workbench.service.createLink({ typeId: 'contradicts', source: end(lap30), target: { documentId: lap32.documentId, annotationId: 'gone' } }),
    ).rejects.toThrow('One of the two annotations no longer exists.');
    await expect(workbench.service.createLink({ typeId: 'rebuts', source: end(lap30), target: end(lap32) })).rejects.toThrow(
      'There is no link type "rebuts"',
    );
  });

  it('removes an annotation’s links with it and counts them', async () => {
    const workbench = current();
    const lap30 = await annotate('000', '30th lap', 'fact');
    const lap32 = await annotate('003', 'lap 32', 'fact');
    const p8 = await annotate('001', 'P8', 'fact');
    await workbench.service.createLink({ typeId: 'contradicts', source: end(lap30), target: end(lap32) });
    await workbench.service.createLink({ typeId: 'supports', source: end(p8), target: end(lap30) });
    expect(await workbench.service.deleteAnnotation({ documentId: lap30.documentId, annotationId: lap30.id })).toMatchObject({ deletedLinks: 2, removedLinks: [expect.anything(), expect.anything()] });
    expect(await workbench.service.listLinks({})).toEqual([]);
  });

  it('changes a link’s type and note, re-validating the type, and deletes it', async () => {
    const workbench = current();
    const a = await annotate('002', 'If you don’t make the mistakes you will never learn');
    const b = await annotate('003', "If you don't make the mistake you can never learn");
    const link = await workbench.service.createLink({ typeId: 'same', source: end(a), target: end(b) });
    const changed = await workbench.service.updateLink({ linkId: link.id, typeId: 'paraphrase', note: 'mistakes/mistake, will/can' });
    expect(changed).toMatchObject({ id: link.id, typeId: 'paraphrase', note: 'mistakes/mistake, will/can' });
    await expect(workbench.service.updateLink({ linkId: link.id, typeId: 'nope' })).rejects.toThrow(/no link type/);
    expect(await workbench.service.deleteLink({ linkId: link.id })).toMatchObject({ id: link.id });
    await expect(workbench.service.deleteLink({ linkId: link.id })).rejects.toThrow('That link no longer exists.');
  });

  it('keeps a type’s label restriction', async () => {
    const workbench = current();
    await workbench.store.updateWorkspace((ws) => {
      ws.linkTypes.push({ id: 'said-by', name: 'Said by', colour: '#000000', directed: true, description: '', allowedLabels: ['quote'] });
    });
    const quote = await annotate('002', 'Yesterday wasn’t my proudest day,');
    const fact = await annotate('000', '30th lap', 'fact');
    await expect(workbench.service.createLink({ typeId: 'said-by', source: end(quote), target: end(fact) })).rejects.toThrow(
      'A "Said by" link connects only quote annotations, not fact.',
    );
  });
});
