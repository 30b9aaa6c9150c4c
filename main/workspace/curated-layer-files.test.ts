import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../../shared/model/annotation.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { fragmentAt } from '../../shared/text/text-quote.js';
import { makeTempDir, spawnTestChild, watchChild } from '../storage/test-support.js';
import { readStoredLayer } from './layer-files.test-support.js';
import { openWorkbench } from '../services/open-workbench.js';
import { recoveryDirOf } from './recovery-file.js';
import { shutDownWorkspace } from './shut-down-workspace.js';
import { WorkspaceStore } from './workspace-store.js';

// The curated layer as the store writes it: its own files beside mine, through the same edit gate,
// retries, refusals and durable writes.

const TEXT = 'Ana said the match was won. Bob said it was lost. 👩‍👩‍👧 Nobody agreed.\n';
const DOC = 'doc-1';
const CURATOR = { id: 'cy-curator-0a1b2c', name: 'Cy Curator', email: 'cy@example.org' };

let root: string;
let remove: () => Promise<void>;
let dir: string;
const open: WorkspaceStore[] = [];
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('curated-files'));
  dir = join(root, 'ws');
});
afterEach(async () => {
  vi.useRealTimers();
  for (const store of open.splice(0)) await store.close();
  await remove();
});

/** Opens the workspace as the curator, with one document. */
async function openStore(): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: CURATOR });
  open.push(store);
  if (!store.findDocument(DOC)) {
    const meta: DocumentMeta = {
      id: DOC,
      title: 'The match',
      outlet: null,
      date: null,
      url: null,
      sourceFile: null,
      contentHash: contentHash(TEXT),
      length: TEXT.length,
      normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
      importedAt: '2026-12-10T10:00:00.000Z',
    };
    await store.commitDocuments([{ meta, text: TEXT, annotations: [] }]);
  }
  return store;
}

async function closeStore(store: WorkspaceStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

function curated(id: string, phrase: string, annotator = 'curated'): Annotation {
  const start = TEXT.indexOf(phrase);
  return {
    id,
    documentId: DOC,
    labelId: 'claim',
    fragments: [fragmentAt(TEXT, { start, end: start + phrase.length })],
    contentHash: contentHash(TEXT),
    attributes: {},
    note: '',
    author: CURATOR.name,
    annotator,
    createdAt: '2026-12-10T10:00:00.000Z',
    updatedAt: '2026-12-10T10:00:00.000Z',
    orphaned: false,
  };
}

const curatedFile = () => join(dir, 'annotations', DOC, 'curated.json');

describe('the curated layer’s files', () => {
  it('are written beside my layer, name the curated layer, and only ever hold curated annotations', async () => {
    const store = await openStore();
    await store.curated.updateAnnotations(DOC, (list) => [...list, curated('c2', 'Bob said it was lost'), curated('c1', 'the match was won')]);
    await store.curated.updateLinkLayer((layer) => {
      layer.documentStatus = { [DOC]: { status: 'in-progress', updatedAt: '2026-12-10T10:00:00.000Z' } };
    });
    expect((await readStoredLayer(dir, DOC, 'curated')).map((a) => a.id)).toEqual(['c1', 'c2']);
    const links = JSON.parse(await readFile(join(dir, 'links', 'curated.json'), 'utf8'));
    expect(links.annotator).toEqual({ id: 'curated', name: 'Curated', email: '' });
    expect(links.documentStatus[DOC].status).toBe('in-progress');
    // Mine is untouched: my file (made with the document) holds nothing, and I have no link file.
    expect(await readStoredLayer(dir, DOC, CURATOR.id)).toEqual([]);
    await expect(readFile(join(dir, 'links', `${CURATOR.id}.json`))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.curated.updateAnnotations(DOC, (list) => [...list, curated('mine', 'Nobody', CURATOR.id)])).rejects.toMatchObject({ code: 'read-only' });
    await closeStore(store);

    const again = await openStore();
    expect((await again.curated.readAnnotations(DOC)).map((a) => a.id)).toEqual(['c1', 'c2']);
    expect(again.curated.linkLayer.documentStatus?.[DOC]?.status).toBe('in-progress');
  });

  it('keep an edit whose save failed in memory, say so, and retry it until it lands', async () => {
    const store = await openStore();
    await store.curated.updateAnnotations(DOC, () => [curated('c1', 'the match was won')]);
    // The file's place is taken by a folder: the next write cannot replace it.
    await rm(curatedFile());
    await mkdir(join(curatedFile(), 'blocker'), { recursive: true });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await expect(store.curated.updateAnnotations(DOC, (list) => [...list, curated('c2', 'Bob said it was lost')])).rejects.toThrow();
    expect(store.saveStatus.kind).toBe('failed');
    expect(store.unsavedFiles().map((f) => f.file)).toEqual([`annotations/${DOC}/curated.json`]);
    expect((await store.curated.readAnnotations(DOC)).map((a) => a.id)).toEqual(['c1', 'c2']);
    // A sync is refused while the curated edit is not on disk.
    await expect(store.whileFilesChange(async () => ({ result: null, changed: [] }))).rejects.toThrow(/annotations\/doc-1\/curated\.json holds edits that are not saved yet/);

    await rm(curatedFile(), { recursive: true });
    vi.advanceTimersByTime(5000);
    await store.flush();
    await vi.waitFor(() => expect(store.saveStatus.kind).toBe('saved'));
    expect((await readStoredLayer(dir, DOC, 'curated')).map((a) => a.id)).toEqual(['c1', 'c2']);
  });

  it('are read again when a sync changed them, and refused when damaged, bytes untouched', async () => {
    const store = await openStore();
    await store.curated.updateAnnotations(DOC, () => [curated('c1', 'the match was won')]);
    await store.curated.updateLinkLayer(() => undefined);
    // Another curator's work arrives with a sync.
    await store.whileFilesChange(async () => {
      const file = JSON.parse(await readFile(curatedFile(), 'utf8'));
      file.annotations.push(curated('c3', 'Nobody agreed'));
      await writeFile(curatedFile(), JSON.stringify(file));
      const links = JSON.parse(await readFile(join(dir, 'links', 'curated.json'), 'utf8'));
      links.documentStatus = { [DOC]: { status: 'done', updatedAt: '2026-12-10T11:00:00.000Z' } };
      await writeFile(join(dir, 'links', 'curated.json'), JSON.stringify(links));
      return { result: null, changed: [`annotations/${DOC}/curated.json`, 'links/curated.json'] };
    });
    expect((await store.curated.readAnnotations(DOC)).map((a) => a.id)).toEqual(['c1', 'c3']);
    expect(store.curated.linkLayer.documentStatus?.[DOC]?.status).toBe('done');
    await closeStore(store);

    await writeFile(curatedFile(), '{"schemaVersion": 2, "annotations": [');
    const damaged = await openStore();
    expect(await damaged.curated.readAnnotations(DOC)).toEqual([]);
    expect(damaged.curated.readOnlyReason(DOC)).toMatch(/curated\.json/);
    await expect(damaged.curated.updateAnnotations(DOC, () => [curated('c4', 'Nobody agreed')])).rejects.toMatchObject({ name: 'ReadOnlyWorkspaceError' });
    expect(damaged.problems).toEqual([expect.objectContaining({ file: `annotations/${DOC}/curated.json` })]);
    // My own layer stays editable.
    expect(damaged.documentReadOnlyReason(DOC)).toBeNull();
    await closeStore(damaged);
    expect(await readFile(curatedFile(), 'utf8')).toBe('{"schemaVersion": 2, "annotations": [');
  });

  it('are kept in a recovery file when the workspace stops with them unsaved, and come back into the curated layer', async () => {
    const store = await openStore();
    await store.curated.updateAnnotations(DOC, () => [curated('c1', 'the match was won')]);
    await store.curated.updateLinkLayer(() => undefined);
    const linkFile = join(dir, 'links', 'curated.json');
    for (const file of [curatedFile(), linkFile]) {
      await rm(file);
      await mkdir(join(file, 'blocker'), { recursive: true });
    }
    const decision = { id: 'u1', choice: { kind: 'none' as const }, curatorId: CURATOR.id, curator: CURATOR.name, updatedAt: '2026-12-10T10:00:00.000Z' };
    await expect(store.curated.updateAnnotations(DOC, (list) => [...list, curated('c2', 'Bob said it was lost')])).rejects.toThrow();
    await expect(store.curated.updateLinkLayer((layer) => void (layer.curation = { [DOC]: { decisions: [decision] } }))).rejects.toThrow();
    open.splice(open.indexOf(store), 1);
    const env = { CORROBORATE_APP_DATA: join(root, 'appdata') };
    const report = await shutDownWorkspace(store, recoveryDirOf(env));
    expect(report.messages.join('\n')).toMatch(/the annotations of 1 article \("The match"\) and to the curated layer’s links and decisions/);
    for (const file of [curatedFile(), linkFile]) await rm(file, { recursive: true });

    const workbench = await openWorkbench({ workspaceDir: dir, env, annotator: CURATOR.name, email: CURATOR.email });
    try {
      const [offer] = (await workbench.api.getWorkspace()).recoveredEdits;
      expect(offer).toMatchObject({ documents: [{ documentId: DOC, annotations: 2 }], workspaceChanges: true });
      await workbench.api.restoreRecoveredEdits({ id: offer!.id });
      expect((await readStoredLayer(dir, DOC, 'curated')).map((a) => a.id)).toEqual(['c1', 'c2']);
      expect(JSON.parse(await readFile(linkFile, 'utf8')).curation[DOC].decisions).toEqual([decision]);
      expect(await workbench.store.readAnnotations(DOC)).toEqual([]);
    } finally {
      await workbench.close();
    }
  });

  it('are one set of files when the store is opened as the curated layer itself', async () => {
    await closeStore(await openStore());
    const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: { id: 'curated', name: 'Curated', email: '' } });
    open.push(store);
    await store.updateAnnotations(DOC, () => [curated('c1', 'the match was won')]);
    await store.curated.updateAnnotations(DOC, (list) => [...list, curated('c2', 'Bob said it was lost')]);
    expect((await store.readAnnotations(DOC)).map((a) => a.id)).toEqual(['c1', 'c2']);
    expect((await readStoredLayer(dir, DOC, 'curated')).map((a) => a.id)).toEqual(['c1', 'c2']);
  });

  it('keep every acknowledged curated edit across kill -9 (the durable write path)', { timeout: 120_000 }, async () => {
    await closeStore(await openStore());
    let acknowledged = 0;
    for (let kill = 0; kill < 6; kill++) {
      const child = await spawnTestChild('curated-layer-writer.ts', [dir, DOC]);
      const watched = watchChild(child);
      await watched.nextLine((line) => line.startsWith('ready '));
      await watched.nextLine((line) => line.startsWith('ack '));
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 200));
      child.kill('SIGKILL');
      expect((await watched.exited).signal, watched.stderr()).toBe('SIGKILL');
      acknowledged = Math.max(acknowledged, ...watched.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))));
      const stored = await readStoredLayer(dir, DOC, 'curated');
      expect(Math.max(0, ...stored.map((a) => Number(a.id.slice('kill-'.length))))).toBeGreaterThanOrEqual(acknowledged);
      expect(stored.every((a) => a.annotator === 'curated' && TEXT.slice(a.fragments[0]!.start, a.fragments[0]!.end) === a.fragments[0]!.exact)).toBe(true);
    }
    expect(acknowledged).toBeGreaterThan(6);
  });
});
