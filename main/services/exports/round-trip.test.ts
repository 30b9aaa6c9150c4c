import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Link } from '../../../shared/model/link.js';
import type { OpenWorkbench } from '../open-workbench.js';
import { fixtureWithoutAnnotations, fixtureWorkspace, workspaceHolding } from './export.test-support.js';
import { exportToFolder } from './export-to-folder.js';
import { importNativeWorkspace } from './import-native-workspace.js';
import { readWorkspaceSnapshot } from './read-workspace-snapshot.js';
import { openWorkbench } from '../open-workbench.js';

let root: string;
const open: OpenWorkbench[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-roundtrip-'));
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

async function track(workbench: Promise<OpenWorkbench>): Promise<OpenWorkbench> {
  const opened = await workbench;
  open.push(opened);
  return opened;
}

/** Everything about an annotation a round trip must keep, keyed by document and span. */
function spanKey(a: Annotation): string {
  return `${a.documentId}|${a.labelId}|${a.fragments.map((f) => `${f.start}-${f.end}`).join(';')}`;
}

function describeSpans(annotations: Annotation[], options: { notesOnOneLine?: boolean; dropFalse?: boolean } = {}) {
  return annotations
    .map((a) => ({
      key: spanKey(a),
      exact: a.fragments.map((f) => f.exact),
      attributes: Object.fromEntries(Object.entries(a.attributes).filter(([, v]) => !(options.dropFalse && v === false))),
      note: options.notesOnOneLine ? a.note.replace(/\s*\n\s*/g, ' ') : a.note,
    }))
    .sort((x, y) => x.key.localeCompare(y.key));
}

function describeLinks(links: Link[], annotations: Annotation[]) {
  const keyOf = new Map(annotations.map((a) => [a.id, spanKey(a)]));
  return links.map((l) => `${l.typeId}: ${keyOf.get(l.source.annotationId)} -> ${keyOf.get(l.target.annotationId)} (${l.note})`).sort();
}

async function allAnnotations(workbench: OpenWorkbench): Promise<Annotation[]> {
  return (await readWorkspaceSnapshot(workbench.store)).documents.flatMap((d) => d.annotations);
}

describe('native round trip', () => {
  it('export → import-workspace into an empty folder → export again gives byte-identical output and the same workspace', async () => {
    const original = await track(fixtureWorkspace(join(root, 'original')));
    // Also an annotation and a link made the way the app makes them.
    const [doc] = await original.service.listDocuments();
    const made = await original.service.createAnnotation({ documentId: doc!.id, labelId: 'claim', ranges: [{ start: 33, end: 39 }] });
    const first = (await original.service.openDocument({ documentId: doc!.id })).annotations[0]!;
    await original.service.createLink({ typeId: 'supports', source: { documentId: doc!.id, annotationId: made.id }, target: { documentId: doc!.id, annotationId: first.id } });

    const firstExport = await exportToFolder(original.store, { format: 'native', destination: join(root, 'export-1') });
    expect(firstExport.files.map((f) => f.path)).toEqual(['corroborate-workspace.json']);
    const file = join(root, 'export-1', 'corroborate-workspace.json');
    const recreated = await importNativeWorkspace(file, join(root, 'copy'));
    expect(recreated).toMatchObject({ documents: 3, annotations: 17, links: 8 });

    const copy = await track(openWorkbench({ workspaceDir: join(root, 'copy') }));
    await exportToFolder(copy.store, { format: 'native', destination: join(root, 'export-2') });
    const [a, b] = await Promise.all([readFile(file), readFile(join(root, 'export-2', 'corroborate-workspace.json'))]);
    expect(b.equals(a)).toBe(true);
    expect(await readWorkspaceSnapshot(copy.store)).toEqual(await readWorkspaceSnapshot(original.store));
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('carries cluster names and canonical texts through export and import', async () => {
    const original = await track(fixtureWorkspace(join(root, 'original')));
    const [doc] = await original.service.listDocuments();
    const a = await original.service.createAnnotation({ documentId: doc!.id, labelId: 'quote', ranges: [{ start: 0, end: 6 }] });
    const b = await original.service.createAnnotation({ documentId: doc!.id, labelId: 'quote', ranges: [{ start: 10, end: 16 }] });
    await original.service.createLink({ typeId: 'same', source: { documentId: doc!.id, annotationId: a.id }, target: { documentId: doc!.id, annotationId: b.id } });
    await original.service.nameCluster({ annotationId: a.id, name: 'Opening words', canonicalText: 'the canonical wording' });
    await exportToFolder(original.store, { format: 'native', destination: join(root, 'export-1') });
    const file = join(root, 'export-1', 'corroborate-workspace.json');
    expect(await readFile(file, 'utf8')).toContain('"clusterNames"');
    await importNativeWorkspace(file, join(root, 'copy'));
    const copy = await track(openWorkbench({ workspaceDir: join(root, 'copy') }));
    const named = (await copy.service.listClusters()).find((c) => c.members.some((m) => m.annotationId === a.id));
    expect(named).toMatchObject({ name: 'Opening words', canonicalText: 'the canonical wording' });
    await exportToFolder(copy.store, { format: 'native', destination: join(root, 'export-2') });
    expect((await readFile(join(root, 'export-2', 'corroborate-workspace.json'))).equals(await readFile(file))).toBe(true);
  });

  it('a native export of some articles keeps the name of a cluster partly among them', async () => {
    const original = await track(fixtureWorkspace(join(root, 'original')));
    const [one, two, three] = await original.service.listDocuments();
    const quote = (documentId: string) => original.service.createAnnotation({ documentId, labelId: 'quote', ranges: [{ start: 0, end: 6 }] });
    const [a, b, c] = [await quote(one!.id), await quote(two!.id), await quote(three!.id)];
    const end = (x: Annotation) => ({ documentId: x.documentId, annotationId: x.id });
    await original.service.createLink({ typeId: 'same', source: end(a), target: end(b) });
    await original.service.createLink({ typeId: 'same', source: end(b), target: end(c) });
    await original.service.nameCluster({ annotationId: a.id, name: 'Opening words', canonicalText: 'the canonical wording' });

    await exportToFolder(original.store, { format: 'native', destination: join(root, 'export'), scope: { documentIds: [one!.id, two!.id] } });
    await importNativeWorkspace(join(root, 'export', 'corroborate-workspace.json'), join(root, 'copy'));
    const copy = await track(openWorkbench({ workspaceDir: join(root, 'copy') }));
    const cluster = (await copy.service.listClusters()).find((c) => c.members.some((m) => m.annotationId === a.id));
    expect(cluster).toMatchObject({ name: 'Opening words', canonicalText: 'the canonical wording' });
    expect(cluster!.members.map((m) => m.annotationId)).toEqual([a.id, b.id]);
    expect(copy.store.linkLayer.clusterNames).toEqual([expect.objectContaining({ name: 'Opening words', members: [a.id, b.id] })]);
  });

  it('refuses a damaged native file or a non-empty folder, naming it, and creates nothing', async () => {
    const original = await track(fixtureWorkspace(join(root, 'original')));
    await exportToFolder(original.store, { format: 'native', destination: join(root, 'export') });
    const file = join(root, 'export', 'corroborate-workspace.json');
    const text = await readFile(file, 'utf8');
    await writeFile(join(root, 'tampered.json'), text.replace('Police confirmed 3 deaths', 'Police confirmed 4 deaths'));
    await expect(importNativeWorkspace(join(root, 'tampered.json'), join(root, 'copy'))).rejects.toThrow(
      /tampered\.json \(a0000000-0000-4000-8000-00000000000a\): its text does not match its content hash\. Nothing was imported/,
    );
    await expect(importNativeWorkspace(file, join(root, 'original'))).rejects.toThrow(/original already exists and is not empty/);
    expect((await readdir(root)).sort()).toEqual(['export', 'original', 'tampered.json']);
  });
});

describe('W3C round trip', () => {
  for (const format of ['w3c', 'w3c-jsonl'] as const) {
    it(`${format}: export → import onto the same articles in another workspace → the same spans, labels, attributes, notes and links`, async () => {
      const original = await track(fixtureWorkspace(join(root, 'original')));
      const summary = await exportToFolder(original.store, { format, destination: join(root, 'export') });
      const target = await track(workspaceHolding(join(root, 'target'), fixtureWithoutAnnotations()));
      const result = await target.service.importAnnotations({ format: 'w3c', path: join(summary.destination, summary.files[0]!.path) });
      expect(result).toMatchObject({ imported: true, annotationsAdded: 16, linksAdded: 7, alreadyPresent: 0, documentsTouched: 3, problems: [] });

      const before = await allAnnotations(original);
      const after = await allAnnotations(target);
      expect(describeSpans(after)).toEqual(describeSpans(before));
      expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
      expect(describeLinks([...target.store.linkLayer.links], after)).toEqual(describeLinks([...original.store.linkLayer.links], before));

      // Importing the same file again adds nothing.
      const again = await target.service.importAnnotations({ format: 'w3c', path: join(summary.destination, summary.files[0]!.path) });
      expect(again).toMatchObject({ imported: true, annotationsAdded: 0, linksAdded: 0, alreadyPresent: 23 });
    });
  }
});

describe('brat round trip', () => {
  it('export → import the folder onto the same articles → the same spans, labels, attributes, notes and links (in and across documents)', async () => {
    const original = await track(fixtureWorkspace(join(root, 'original')));
    const summary = await exportToFolder(original.store, { format: 'brat', destination: join(root, 'brat') });
    const target = await track(workspaceHolding(join(root, 'target'), fixtureWithoutAnnotations()));
    const result = await target.service.importAnnotations({ format: 'brat', path: summary.destination });
    expect(result).toMatchObject({ imported: true, annotationsAdded: 16, linksAdded: 7, documentsTouched: 3, problems: [] });

    const before = await allAnnotations(original);
    const after = await allAnnotations(target);
    // brat keeps what its format can: a false binary attribute is written as absent, a note on one line.
    expect(describeSpans(after)).toEqual(describeSpans(before, { dropFalse: true, notesOnOneLine: true }));
    expect(describeLinks([...target.store.linkLayer.links], after).map((l) => l.replace(/ \(.*\)$/, ''))).toEqual(
      describeLinks([...original.store.linkLayer.links], before).map((l) => l.replace(/ \(.*\)$/, '')),
    );
    const again = await target.service.importAnnotations({ format: 'brat', path: summary.destination });
    expect(again).toMatchObject({ imported: true, annotationsAdded: 0, linksAdded: 0 });
  });
});
