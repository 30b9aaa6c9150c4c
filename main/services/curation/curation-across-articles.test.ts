import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { LinkLayerFileSchema } from '../../../shared/model/workspace.js';
import { readStoredLayer } from '../../workspace/layer-files.test-support.js';
import { ANA, BOB, CY, curationWorkspace, idOf } from './curation.test-support.js';
import { writeCuratedLayer } from './curated-layer-writing.js';
import { computeDocumentCuration } from './document-curation.js';

// Links across articles curated on a real workspace: two annotators each link their span of a quote
// in one article to their span of it in another (or do not); a curator settles the link once, from
// either article, after both articles' spans are curated, and the curated export carries it.

const QUOTE = 'we will cut taxes by 5 %';
const FIRST = importPlainText('minister.txt', `Minister promises cuts\r\n\r\nThe minister said “${QUOTE}” on Monday 👩‍👩‍👧, to applause.\r\n`);
const SECOND = importPlainText('reuters.txt', `Reuters: a 5 % cut\r\n\r\nReuters quoted the minister: “${QUOTE}”. Others heard 3 %.\r\n`);

let root: string;
let workspaceDir: string;
let first: string;
let second: string;
let openAs: Awaited<ReturnType<typeof curationWorkspace>>['openAs'];
let close: Awaited<ReturnType<typeof curationWorkspace>>['close'];
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ root, workspaceDir, openAs, close, dispose } = await curationWorkspace('curation-across'));
  const curator = await openAs(CY);
  const ids = [];
  for (const article of [FIRST, SECOND]) {
    const added = await curator.service.addArticle(article);
    ids.push('added' in added ? added.added.id : added.alreadyPresent.id);
  }
  [first, second] = ids as [string, string];
  await close(curator);
});
afterEach(async () => {
  await dispose();
});

/** Marks the quote in both articles as `who`, and links the two with `typeId` (none: no link). */
async function annotateAs(who: typeof ANA, typeId: string | null): Promise<void> {
  const workbench = await openAs(who);
  const ends = [];
  for (const [documentId, article] of [[first, FIRST], [second, SECOND]] as const) {
    const start = article.text.indexOf(QUOTE);
    const made = await workbench.api.createAnnotation({ documentId, labelId: 'quote', ranges: [{ start, end: start + QUOTE.length }] });
    ends.push({ documentId, annotationId: made.id });
  }
  if (typeId) await workbench.api.createLink({ typeId, source: ends[0]!, target: ends[1]! });
  await close(workbench);
}

const curatedFile = async () => LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')));

describe('curating a link across articles', () => {
  it('waits for the other article, is settled once from either, seen decided in both, undone and redone, and exported', async () => {
    await annotateAs(ANA, 'supports');
    await annotateAs(BOB, null);
    const { api, service } = await openAs(CY);

    // The first article: its spans agree (merged ahead); the link waits for the second article, and does not hold it back.
    const fromFirst = await api.openCuration({ documentId: first });
    expect(fromFirst.items.map((i) => i.kind)).toEqual(['link']);
    const link = fromFirst.items[0]!;
    expect(link.id.startsWith('xlink:')).toBe(true);
    if (link.kind !== 'link') throw new Error('a link disagreement was expected');
    // The ends in a fixed order (the same from either article); the other article's end names it.
    const [here, there] = link.ends[0].article ? [link.ends[1], link.ends[0]] : [link.ends[0], link.ends[1]];
    expect([here.text, here.ahead, here.article]).toEqual([QUOTE, 'kept', undefined]);
    expect([there.text, there.ahead, there.article]).toEqual([QUOTE, null, { documentId: second, title: 'Reuters: a 5 % cut' }]);
    expect(link.versions).toEqual([
      { annotator: idOf(ANA), links: [{ typeId: 'supports', reversed: here !== link.ends[0] }] },
      { annotator: idOf(BOB), links: [] },
    ]);
    expect(fromFirst.counts).toEqual({ done: 0, left: 0, waiting: 0, moot: 0, elsewhere: 1 });
    await expect(api.settleDisagreement({ documentId: first, itemId: link.id, choice: { kind: 'annotator', annotator: idOf(ANA) } })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Curate “Reuters: a 5 % cut” first'),
    });
    expect(await api.setCurationStatus({ documentId: first, status: 'done' })).toMatchObject({ status: 'done', curatedAnnotations: 1 });

    // The second article: the first is curated, so the same link is open there, and holds it back.
    const fromSecond = await api.openCuration({ documentId: second });
    expect(fromSecond.items.map((i) => i.id)).toEqual([link.id]);
    expect(fromSecond.counts).toMatchObject({ left: 1, elsewhere: 0 });
    await expect(api.setCurationStatus({ documentId: second, status: 'done' })).rejects.toMatchObject({ message: '1 disagreement is left to settle before this article is curated.' });
    const settled = await api.settleDisagreement({ documentId: second, itemId: link.id, choice: { kind: 'annotator', annotator: idOf(ANA) } });
    expect(settled).toMatchObject({ counts: { done: 1, left: 0 }, curatedAnnotations: 1 });
    const [firstSpan] = await readStoredLayer(workspaceDir, first, 'curated');
    const [secondSpan] = await readStoredLayer(workspaceDir, second, 'curated');
    let file = await curatedFile();
    expect(file.links.map((l) => [l.typeId, l.source, l.target, l.annotator, l.author])).toEqual([
      ['supports', { documentId: first, annotationId: firstSpan!.id }, { documentId: second, annotationId: secondSpan!.id }, 'curated', 'Cy Curator'],
    ]);
    const madeLink = file.links[0]!;
    // Kept once, apart from either article's decisions.
    expect(file.crossCuration?.decisions.map((d) => [d.id, d.choice, d.curatorId])).toEqual([[link.id, { kind: 'annotator', annotator: idOf(ANA) }, idOf(CY)]]);
    expect(file.curation?.[second]?.decisions).toEqual([]);
    expect(file.curation?.[first]?.decisions).toEqual([]);

    // Seen decided from the first article too; taken back there (undo), open again in both, the link gone.
    const again = await api.openCuration({ documentId: first });
    expect(again.decisions.map((d) => d.id)).toEqual([link.id]);
    expect(again.counts).toMatchObject({ done: 1, left: 0, elsewhere: 0 });
    // The first article was curated while the link waited: taken back, the link holds the second article back, not the first.
    expect(await api.settleDisagreement({ documentId: first, itemId: link.id, choice: null })).toMatchObject({ status: 'done', counts: { done: 0, left: 0, elsewhere: 1 } });
    file = await curatedFile();
    expect(file.links).toEqual([]);
    expect(file.crossCuration?.decisions).toEqual([]);
    expect((await api.openCuration({ documentId: second })).counts).toMatchObject({ done: 0, left: 1 });
    // Redo gives back the very same link.
    await api.settleDisagreement({ documentId: first, itemId: link.id, choice: { kind: 'annotator', annotator: idOf(ANA) } });
    expect((await curatedFile()).links).toEqual([{ ...madeLink, createdAt: expect.any(String), updatedAt: expect.any(String) }]);
    expect(await api.setCurationStatus({ documentId: second, status: 'done' })).toMatchObject({ status: 'done' });

    // Rewriting the first article's curated layer (its policy set again) writes the same link again, as it was.
    const kept = (await curatedFile()).links;
    await api.applyCurationPolicy({ documentId: first, policy: { kind: 'majority', fraction: 0.5 } });
    expect((await curatedFile()).links).toEqual(kept);

    // The curated export carries the link across the two articles.
    const destination = join(root, 'export');
    const { jobId } = await api.startExport({ format: 'jsonl', layer: { kind: 'curated' }, destination });
    const finished = await service.exports.waitForExport(jobId);
    expect(finished.error).toBeNull();
    const lines = (await readFile(join(destination, 'documents.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    const firstLine = lines.find((l) => l.documentId === first);
    expect(firstLine.layer).toBe('curated');
    expect(firstLine.links).toEqual([expect.objectContaining({ typeId: 'supports', role: 'source', spanId: firstSpan!.id })]);
    expect(JSON.stringify(firstLine.links[0])).toContain(secondSpan!.id);
  });

  it('does not hold back or reopen an article curated while its link waited, whichever article settles the link', async () => {
    await annotateAs(ANA, 'supports');
    await annotateAs(BOB, null);
    const { api } = await openAs(CY);
    const [link] = (await api.openCuration({ documentId: first })).items;
    await api.setCurationStatus({ documentId: first, status: 'done' });
    // The second article's curated layer is written: the link is now open in both articles.
    await api.applyCurationPolicy({ documentId: second, policy: { kind: 'unanimous', fraction: 1 } });
    expect((await api.openCuration({ documentId: second })).counts).toMatchObject({ left: 1, elsewhere: 0 });
    // The first article stays curated and says so without contradiction: the link holds the second back, not it.
    const fromFirst = await api.openCuration({ documentId: first });
    expect(fromFirst).toMatchObject({ status: 'done', counts: { done: 0, left: 0, elsewhere: 1 } });

    const take = { kind: 'annotator' as const, annotator: idOf(ANA) };
    const statusOf = async (documentId: string) => (await api.listCurationStatuses()).find((s) => s.documentId === documentId)?.status;
    // Settled from the second article, taken back and settled again: the first stays curated throughout.
    expect(await api.settleDisagreement({ documentId: second, itemId: link!.id, choice: take })).toMatchObject({ status: 'in-progress', counts: { done: 1, left: 0 } });
    expect(await statusOf(first)).toBe('done');
    await api.settleDisagreement({ documentId: second, itemId: link!.id, choice: null });
    expect(await statusOf(first)).toBe('done');
    expect((await api.openCuration({ documentId: first })).counts).toMatchObject({ left: 0, elsewhere: 1 });
    // Settled from the first (curated) article itself: it stays curated, and the link counts as done there.
    expect(await api.settleDisagreement({ documentId: first, itemId: link!.id, choice: take })).toMatchObject({ status: 'done', counts: { done: 1, left: 0, elsewhere: 0 } });
    expect(await api.settleDisagreement({ documentId: first, itemId: link!.id, choice: null })).toMatchObject({ status: 'done', counts: { done: 0, left: 0, elsewhere: 1 } });
    expect(await statusOf(first)).toBe('done');
    expect(await statusOf(second)).toBe('in-progress');
    // The second article is still held back by the link until it is settled.
    await expect(api.setCurationStatus({ documentId: second, status: 'done' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps a decision about another link across articles a sync brought in while a decision was being written', async () => {
    await annotateAs(ANA, 'supports');
    await annotateAs(BOB, null);
    const { api, store } = await openAs(CY);
    const [link] = (await api.openCuration({ documentId: first })).items;
    await api.setCurationStatus({ documentId: first, status: 'done' });
    await api.applyCurationPolicy({ documentId: second, policy: { kind: 'unanimous', fraction: 1 } });
    const computed = await computeDocumentCuration(store, second);
    // Another curator's decision about a link between two other articles lands (a sync) after the curation was computed.
    const synced = { id: 'xlink:[["doc-x","u1"],["doc-y","u2"]]', choice: { kind: 'none' as const }, curatorId: 'dee', curator: 'Dee', updatedAt: '2026-12-10T10:00:00.000Z' };
    await store.curated.updateLinkLayer((file) => void (file.crossCuration = { decisions: [...(file.crossCuration?.decisions ?? []), synced] }));
    const decision = { id: link!.id, choice: { kind: 'annotator' as const, annotator: idOf(ANA) }, curatorId: idOf(CY), curator: CY.annotator, updatedAt: '2026-12-10T10:01:00.000Z' };
    await writeCuratedLayer(store, computed, { policy: computed.storedPolicy, decisions: computed.decisions, crossChange: { id: link!.id, decision }, now: decision.updatedAt });
    expect((await curatedFile()).crossCuration?.decisions).toEqual([synced, decision]);
    // Taken back the same way, only that decision goes.
    await writeCuratedLayer(store, await computeDocumentCuration(store, second), { policy: computed.storedPolicy, decisions: computed.decisions, crossChange: { id: link!.id, decision: null }, now: decision.updatedAt });
    expect((await curatedFile()).crossCuration?.decisions).toEqual([synced]);
  });

  it('refuses to curate, naming the file, while an annotator’s link file is damaged, and writes nothing', async () => {
    await annotateAs(ANA, 'supports');
    await annotateAs(BOB, null);
    const { api } = await openAs(CY);
    const [link] = (await api.openCuration({ documentId: first })).items;
    await api.setCurationStatus({ documentId: first, status: 'done' });
    await api.settleDisagreement({ documentId: second, itemId: link!.id, choice: { kind: 'annotator', annotator: idOf(ANA) } });
    const before = await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8');
    expect(JSON.parse(before).links).toHaveLength(1);
    const curatedSpans = await readStoredLayer(workspaceDir, first, 'curated');
    await writeFile(join(workspaceDir, 'links', `${idOf(ANA)}.json`), '{ "schemaVersion": ');
    const refusal = { code: 'storage', message: expect.stringMatching(new RegExp(`^links/${idOf(ANA)}\\.json: .+\\. Nothing was curated, because that annotator's links would be missing\\.$`)) };
    await expect(api.openCuration({ documentId: first })).rejects.toMatchObject(refusal);
    await expect(api.applyCurationPolicy({ documentId: first, policy: { kind: 'majority', fraction: 0.5 } })).rejects.toMatchObject(refusal);
    await expect(api.settleDisagreement({ documentId: second, itemId: link!.id, choice: null })).rejects.toMatchObject(refusal);
    expect(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')).toBe(before);
    expect(await readStoredLayer(workspaceDir, first, 'curated')).toEqual(curatedSpans);
  });

  it('returns a decision about a link across articles no longer there with the articles it names, like their own, until it is taken back', async () => {
    await annotateAs(ANA, 'supports');
    await annotateAs(BOB, null);
    const { api, store } = await openAs(CY);
    const stale = { id: `xlink:[${JSON.stringify([first, 'gone/a1'])},${JSON.stringify([second, 'gone/b1'])}]`, choice: { kind: 'none' as const }, curatorId: idOf(CY), curator: CY.annotator, updatedAt: '2026-12-10T10:00:00.000Z' };
    const elsewhere = { ...stale, id: 'xlink:[["doc-x","u1"],["doc-y","u2"]]' };
    await store.curated.updateLinkLayer((file) => void (file.crossCuration = { decisions: [stale, elsewhere] }));
    const fromFirst = await api.openCuration({ documentId: first });
    expect(fromFirst.items.map((i) => i.id)).not.toContain(stale.id);
    expect(fromFirst.decisions).toEqual([stale]);
    expect((await api.openCuration({ documentId: second })).decisions).toEqual([stale]);
    // Taken back from either article, it is forgotten; the decision about other articles stays.
    expect((await api.settleDisagreement({ documentId: second, itemId: stale.id, choice: null })).decisions).toEqual([]);
    expect((await curatedFile()).crossCuration?.decisions).toEqual([elsewhere]);
    expect((await api.openCuration({ documentId: first })).decisions).toEqual([]);
  });
});
