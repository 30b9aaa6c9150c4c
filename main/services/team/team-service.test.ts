import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { makeTempDir } from '../../storage/test-support.js';
import { ReadOnlyWorkspace } from '../../workspace/read-only-workspace.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { countWorkspace } from '../workspace/workspace-stats.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
const open: OpenWorkbench[] = [];
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('team'));
  workspaceDir = join(root, 'ws');
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.close();
  await remove();
});

const ana = { annotator: 'Ana López', email: 'ana@example.org' };
const bob = { annotator: 'Bob Stone', email: 'bob@example.org' };

/** Opens the workspace as someone (each with their own app-data folder, as on their own machine). */
async function openAs(who: { annotator?: string; email?: string }, appData = join(root, `appdata-${who.annotator ?? 'nobody'}`)): Promise<OpenWorkbench> {
  const workbench = await openWorkbench({ workspaceDir, env: { CORROBORATE_APP_DATA: appData }, samplesDir: join(process.cwd(), 'fixtures', 'seeds'), ...who });
  open.push(workbench);
  return workbench;
}

async function close(workbench: OpenWorkbench): Promise<void> {
  open.splice(open.indexOf(workbench), 1);
  await workbench.close();
}

/** Ana annotates the first article and links two of her annotations; resolves to them. */
async function anaAnnotates() {
  const first = await openAs(ana);
  await first.api.addSampleArticles();
  const documentId = (await first.api.listDocuments())[0]!.id;
  const claim = await first.api.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 0, end: 8 }] });
  const fact = await first.api.createAnnotation({ documentId, labelId: 'fact', ranges: [{ start: 20, end: 30 }] });
  await first.api.createLink({ typeId: 'supports', source: { documentId, annotationId: fact.id }, target: { documentId, annotationId: claim.id } });
  await close(first);
  return { documentId, claim, fact };
}

describe('layers of several annotators', () => {
  it('keep each annotator’s work in their own files, and show the others’ read-only', async () => {
    const { documentId, claim } = await anaAnnotates();
    const anaId = annotatorIdOf({ name: ana.annotator, email: ana.email });
    const second = await openAs(bob);
    const bobId = annotatorIdOf({ name: bob.annotator, email: bob.email });
    expect((await second.api.getMyIdentity()).identity).toEqual({ id: bobId, name: 'Bob Stone', email: 'bob@example.org' });
    expect((await second.api.openDocument({ documentId })).annotations).toEqual([]);
    const mine = await second.api.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 0, end: 12 }] });
    expect(mine).toMatchObject({ annotator: bobId, author: 'Bob Stone' });

    expect((await second.api.listAnnotators()).map((a) => [a.id, a.name, a.initials, a.isMe])).toEqual(
      [
        [anaId, 'Ana López', 'AL', false],
        [bobId, 'Bob Stone', 'BS', true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const layers = await second.api.listLayers({ documentId });
    expect(layers.map((l) => [l.annotator.id, l.editable, l.annotations.length])).toEqual([
      [bobId, true, 1],
      [anaId, false, 2],
    ]);
    expect((await second.api.openLayer({ documentId, annotator: anaId })).annotations.map((a) => a.id)).toContain(claim.id);

    // Ana's files are hers: Bob's edits never touch them.
    const anaFile = await readFile(join(workspaceDir, 'annotations', documentId, `${anaId}.json`), 'utf8');
    const refusal = { code: 'read-only', message: expect.stringContaining('the layer of Ana López, which you can read but not change') };
    await expect(second.api.updateAnnotation({ documentId, annotationId: claim.id, labelId: 'fact' })).rejects.toMatchObject(refusal);
    await expect(second.api.deleteAnnotations({ documentId, annotationIds: [claim.id] })).rejects.toMatchObject(refusal);
    await expect(
      second.api.createLink({ typeId: 'same', source: { documentId, annotationId: mine.id }, target: { documentId, annotationId: claim.id } }),
    ).rejects.toMatchObject(refusal);
    await expect(second.api.restoreAnnotations({ annotations: [{ ...claim, note: 'mine now' }], links: [] })).rejects.toMatchObject(refusal);
    expect(await readFile(join(workspaceDir, 'annotations', documentId, `${anaId}.json`), 'utf8')).toBe(anaFile);

    // A label Ana uses cannot be removed by Bob; the shared schema stays as it was.
    const labels = (await second.api.getWorkspace()).labels;
    await expect(second.api.saveLabels({ labels: labels.filter((l) => l.id !== 'fact'), deleteAnnotationsOfRemovedLabels: true })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('still used in the layers of Ana López (1)'),
    });

    // Counting covers every layer, by annotator.
    const stats = await second.api.getStats();
    expect(stats).toMatchObject({ annotations: 3, links: 1, annotationsByAnnotator: { [anaId]: 2, [bobId]: 1 } });
    await close(second);
    const snapshot = await (await ReadOnlyWorkspace.open(workspaceDir)).readSnapshot({ texts: false });
    expect(countWorkspace(snapshot, snapshot.documents.map((d) => d.annotations))).toEqual(stats);
  });

  it('asks nobody’s name until it is given, then saves it outside the workspace and edits as them from then on', async () => {
    const first = await openAs({}, join(root, 'appdata'));
    await first.api.addSampleArticles();
    expect(await first.api.getMyIdentity()).toMatchObject({ source: 'none', changeable: true, identity: { id: 'owner' } });
    const documentId = (await first.api.listDocuments())[0]!.id;
    await expect(first.api.setMyIdentity({ name: '  ', email: '' })).rejects.toThrow();
    // Work done before saying who I am is the owner's…
    const early = await first.api.createAnnotation({ documentId, labelId: 'fact', ranges: [{ start: 20, end: 30 }] });
    expect(early.annotator).toBe('owner');
    const set = await first.api.setMyIdentity({ name: ' Ana López ', email: 'ana@example.org' });
    // …and becomes mine, editable, when I first say who I am; the owner's file is gone.
    expect((await first.api.openDocument({ documentId })).annotations).toEqual([{ ...early, annotator: set.identity.id }]);
    await first.api.updateAnnotation({ documentId, annotationId: early.id, note: 'mine' });
    await expect(readFile(join(workspaceDir, 'annotations', documentId, 'owner.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(set).toMatchObject({ source: 'settings', identity: { name: 'Ana López', email: 'ana@example.org', id: annotatorIdOf({ name: 'Ana López', email: 'ana@example.org' }) } });
    expect(JSON.parse(await readFile(join(root, 'appdata', 'identity.json'), 'utf8'))).toEqual({ schemaVersion: 1, name: 'Ana López', email: 'ana@example.org' });
    const made = await first.api.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 0, end: 8 }] });
    expect(made).toMatchObject({ annotator: set.identity.id, author: 'Ana López' });
    // A new name with the same email keeps the layer.
    const renamed = await first.api.setMyIdentity({ name: 'Ana L.', email: 'ana@example.org' });
    expect(renamed.identity.id).toBe(set.identity.id);
    expect((await first.api.openDocument({ documentId })).annotations.map((a) => a.id).sort()).toEqual([early.id, made.id].sort());
    await close(first);
    // The next start finds it in the user's settings.
    const again = await openAs({}, join(root, 'appdata'));
    expect(await again.api.getMyIdentity()).toMatchObject({ source: 'settings', identity: { name: 'Ana L.' } });
  });

  it('cannot change a name the command line or the environment set', async () => {
    const workbench = await openAs(ana);
    expect(await workbench.api.getMyIdentity()).toMatchObject({ source: 'command-line', changeable: false });
    await expect(workbench.api.setMyIdentity({ name: 'Someone', email: '' })).rejects.toMatchObject({ code: 'read-only' });
  });
});
