import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { Link } from '../../../shared/model/link.js';
import { AnnotationFileSchema, WorkspaceFileSchema } from '../../../shared/model/workspace.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';
import { createWorkbenchService } from '../index.js';
import { sampleArticlesDir } from '../workspace/sample-articles.js';
import { readStoredLinks } from '../../workspace/layer-files.test-support.js';
import { environmentCredentials } from '../sync/git-credentials.js';

let root: string;
let workbench: OpenWorkbench;
let documentId: string;
let text: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-editing-'));
  workbench = await openWorkbench({ env: { CORROBORATE_APP_DATA: join(root, 'appdata') } });
  const doc = (await workbench.service.listDocuments())[0]!;
  documentId = doc.id;
  text = (await workbench.service.openDocument({ documentId })).text;
});
afterEach(async () => {
  await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

/** Reads a document's annotations the way a fresh process would: from disk. */
async function storedAnnotations(id = documentId) {
  const raw = await readFile(join(workbench.workspaceDir, 'annotations', id, 'owner.json'), 'utf8');
  return AnnotationFileSchema.parse(JSON.parse(raw)).annotations;
}

function workspaceDir(): string {
  return workbench.workspaceDir;
}

async function storedWorkspace() {
  return WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8')));
}

function linkBetween(sourceId: string, targetId: string, id = 'link-1'): Link {
  return {
    id,
    typeId: 'same',
    source: { documentId, annotationId: sourceId },
    target: { documentId, annotationId: targetId },
    note: 'n',
    author: 'tester',
    annotator: 'owner',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('editing annotations', () => {
  it('relabels, resizes, sets attributes and a note, and stores each change', async () => {
    const { service } = workbench;
    const created = await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 10, end: 20 }] });
    const relabelled = await service.updateAnnotation({ documentId, annotationId: created.id, labelId: 'quote' });
    expect(relabelled).toMatchObject({ id: created.id, labelId: 'quote', createdAt: created.createdAt });
    const resized = await service.updateAnnotation({ documentId, annotationId: created.id, ranges: [{ start: 8, end: 12 }, { start: 14, end: 22 }] });
    expect(resized.fragments.map((f) => f.exact)).toEqual([text.slice(8, 12), text.slice(14, 22)]);
    await service.updateAnnotation({ documentId, annotationId: created.id, attributes: { speaker: 'Russell', verbatim: true }, note: 'check' });
    const [stored] = await storedAnnotations();
    expect(stored).toMatchObject({ labelId: 'quote', attributes: { speaker: 'Russell', verbatim: true }, note: 'check' });
    expect(stored!.fragments).toHaveLength(2);
  });

  it('refuses an unknown label, overlapping pieces and a missing annotation', async () => {
    const { service } = workbench;
    const created = await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 10, end: 20 }] });
    await expect(service.updateAnnotation({ documentId, annotationId: created.id, labelId: 'nope' })).rejects.toThrow(WorkbenchError);
    await expect(
      service.updateAnnotation({ documentId, annotationId: created.id, ranges: [{ start: 1, end: 5 }, { start: 4, end: 9 }] }),
    ).rejects.toThrow(/must not overlap/);
    await expect(service.updateAnnotation({ documentId, annotationId: 'gone', note: 'x' })).rejects.toThrow(/no longer exists/);
  });

  it('creates a batch in one call and deletes it in another, returning exactly what went', async () => {
    const { service } = workbench;
    const created = await service.createAnnotations({
      documentId,
      items: [
        { labelId: 'fact', ranges: [{ start: 0, end: 5 }] },
        { labelId: 'fact', ranges: [{ start: 30, end: 40 }] },
      ],
    });
    expect(await storedAnnotations()).toHaveLength(2);
    const removed = await service.deleteAnnotations({ documentId, annotationIds: created.map((a) => a.id) });
    expect(removed.removedAnnotations.map((a) => a.id).sort()).toEqual(created.map((a) => a.id).sort());
    expect(await storedAnnotations()).toEqual([]);
  });

  it('restores a deleted annotation with its id, attributes, timestamps and links', async () => {
    const { service, store } = workbench;
    const a = await service.createAnnotation({ documentId, labelId: 'quote', ranges: [{ start: 10, end: 20 }] });
    const b = await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 30, end: 40 }] });
    const withAttributes = await service.updateAnnotation({ documentId, annotationId: a.id, attributes: { speaker: 'Hamilton' } });
    await store.updateLinkLayer((w) => {
      w.links.push(linkBetween(a.id, b.id));
    });
    const deleted = await service.deleteAnnotation({ documentId, annotationId: a.id });
    expect(deleted.deletedLinks).toBe(1);
    expect((await readStoredLinks(workspaceDir()))).toEqual([]);

    await service.restoreAnnotations({ annotations: [withAttributes], links: deleted.removedLinks ?? [] });
    const stored = await storedAnnotations();
    expect(stored.find((x) => x.id === a.id)).toEqual(withAttributes);
    expect((await readStoredLinks(workspaceDir()))).toEqual([linkBetween(a.id, b.id)]);
    // Restoring again changes nothing (undo may be replayed after a reconnect).
    await service.restoreAnnotations({ annotations: [withAttributes], links: deleted.removedLinks ?? [] });
    expect(await storedAnnotations()).toHaveLength(2);
    expect((await readStoredLinks(workspaceDir()))).toHaveLength(1);
  });

  it('refuses to restore an annotation that does not fit the text', async () => {
    const { service } = workbench;
    const a = await service.createAnnotation({ documentId, labelId: 'quote', ranges: [{ start: 10, end: 20 }] });
    const forged = { ...a, fragments: [{ ...a.fragments[0]!, exact: 'something else' }] };
    await expect(service.restoreAnnotations({ annotations: [forged], links: [] })).rejects.toThrow(/no longer fits/);
  });

  it('survives a reopen: edits are on disk, not only in memory', async () => {
    const { service } = workbench;
    const a = await service.createAnnotation({ documentId, labelId: 'quote', ranges: [{ start: 10, end: 20 }] });
    await service.updateAnnotation({ documentId, annotationId: a.id, note: 'kept' });
    await workbench.store.close();
    const store = await WorkspaceStore.open(workbench.workspaceDir, { holder: 'cli' });
    const reopened = createWorkbenchService(store, { isDefault: true, samplesDir: sampleArticlesDir(), gitCredentials: environmentCredentials({}) });
    const { annotations } = await reopened.openDocument({ documentId });
    expect(annotations[0]).toMatchObject({ id: a.id, note: 'kept' });
    await store.close();
    workbench = await openWorkbench({ workspaceDir: workbench.workspaceDir });
  });
});

describe('editing the label schema', () => {
  it('renames and recolours a label without touching annotations', async () => {
    const { service } = workbench;
    const a = await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 10, end: 20 }] });
    const labels = (await service.getWorkspace()).labels.map((l) => (l.id === 'claim' ? { ...l, name: 'Assertion', colour: '#123456' } : l));
    const result = await service.saveLabels({ labels, deleteAnnotationsOfRemovedLabels: false });
    expect(result.removedAnnotations).toEqual([]);
    expect((await storedWorkspace()).labels.find((l) => l.id === 'claim')).toMatchObject({ name: 'Assertion', colour: '#123456' });
    expect((await storedAnnotations())[0]).toEqual(a);
  });

  it('refuses to remove a label in use unless told to, then returns what it deleted', async () => {
    const { service, store } = workbench;
    const a = await service.createAnnotation({ documentId, labelId: 'fact', ranges: [{ start: 10, end: 20 }] });
    const b = await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 30, end: 40 }] });
    await store.updateLinkLayer((w) => {
      w.links.push(linkBetween(a.id, b.id));
    });
    const before = (await service.getWorkspace()).labels;
    const withoutFact = before.filter((l) => l.id !== 'fact');
    await expect(service.saveLabels({ labels: withoutFact, deleteAnnotationsOfRemovedLabels: false })).rejects.toThrow(/1 annotation uses/);
    expect((await storedWorkspace()).labels).toHaveLength(3);
    const result = await service.saveLabels({ labels: withoutFact, deleteAnnotationsOfRemovedLabels: true });
    expect(result.removedAnnotations).toEqual([a]);
    expect(result.removedLinks).toHaveLength(1);
    expect((await storedAnnotations()).map((x) => x.id)).toEqual([b.id]);
    // Undo: the old schema and the annotation come back.
    await service.saveLabels({ labels: before, deleteAnnotationsOfRemovedLabels: false });
    await service.restoreAnnotations({ annotations: result.removedAnnotations, links: result.removedLinks });
    expect((await storedAnnotations()).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await readStoredLinks(workspaceDir()))).toHaveLength(1);
  });

  it('refuses repeated hotkeys and names', async () => {
    const { service } = workbench;
    const labels = (await service.getWorkspace()).labels;
    await expect(
      service.saveLabels({ labels: labels.map((l) => ({ ...l, hotkey: '1' })), deleteAnnotationsOfRemovedLabels: false }),
    ).rejects.toThrow(/use the key "1"/);
    await expect(
      service.saveLabels({ labels: labels.map((l) => ({ ...l, name: 'Same' })), deleteAnnotationsOfRemovedLabels: false }),
    ).rejects.toThrow(/are called/);
  });
});

describe('searching the workspace', () => {
  it('finds text in every article, grouped by article, with context', async () => {
    const result = await workbench.service.searchWorkspace({ query: 'russell' });
    expect(result.documents.length).toBeGreaterThan(1);
    for (const doc of result.documents) {
      const { text: docText } = await workbench.service.openDocument({ documentId: doc.documentId });
      for (const hit of doc.hits) expect(docText.slice(hit.start, hit.end).toLowerCase()).toBe('russell');
    }
    expect(result.totalHits).toBe(result.documents.reduce((n, d) => n + d.hits.length, 0));
    const limited = await workbench.service.searchWorkspace({ query: 'the', hitsPerDocument: 2 });
    expect(limited.documents.every((d) => d.hits.length <= 2 && d.truncated)).toBe(true);
    expect((await workbench.service.searchWorkspace({ query: 'zzzqqq' })).documents).toEqual([]);
  });
});
