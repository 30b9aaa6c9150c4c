import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER_ANNOTATOR, type AnnotatorIdentity } from '../../shared/model/annotator.js';
import { AnnotationFileSchema, LinkLayerFileSchema, WorkspaceFileSchema } from '../../shared/model/workspace.js';
import { AnnotationFileV1Schema, WorkspaceFileV1Schema } from '../../shared/model/workspace-v1.js';
import { makeTempDir, spawnTestChild, watchChild } from '../storage/test-support.js';
import { checkWorkspace } from './check-workspace.js';
import { readStoredLayer, readStoredLinkLayer } from './layer-files.test-support.js';
import { ReadOnlyWorkspace } from './read-only-workspace.js';
import { writeWorkspaceV1, type WorkspaceV1 } from './workspace-v1.test-support.js';
import { WorkspaceStore } from './workspace-store.js';

const ANA: AnnotatorIdentity = { id: 'ana-lopez-3f9a2c', name: 'Ana López', email: 'ana@example.org' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const { dir, remove } = await makeTempDir('layers');
  cleanups.push(remove);
  return dir;
}

/** Every file of the workspace (relative, sorted), without backups and the lock. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .filter((f) => !f.startsWith('.backups') && !f.startsWith('workspace.lock'))
    .sort();
}

/** Checks that `dir` holds exactly the work of `v1`, upgraded to the layer of `owner`. */
async function expectUpgraded(dir: string, v1: WorkspaceV1, owner: AnnotatorIdentity): Promise<void> {
  const workspace = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')));
  expect(workspace).toEqual({ schemaVersion: 2, labels: v1.workspace.labels, linkTypes: v1.workspace.linkTypes, documents: v1.workspace.documents });
  for (const file of v1.annotationFiles) {
    expect(await readStoredLayer(dir, file.documentId, owner.id)).toEqual(file.annotations.map((a) => ({ ...a, annotator: owner.id })));
  }
  const links = await readStoredLinkLayer(dir, owner.id);
  expect(links.links).toEqual(v1.workspace.links.map((l) => ({ ...l, annotator: owner.id })));
  expect(links.clusterNames).toEqual(v1.workspace.clusterNames.map((c) => ({ ...c, annotator: owner.id })));
  expect(LinkLayerFileSchema.parse(JSON.parse(await readFile(join(dir, 'links', `${owner.id}.json`), 'utf8'))).annotator).toEqual(owner);
  expect(await filesOf(dir)).toEqual(
    [
      'workspace.json',
      `links/${owner.id}.json`,
      ...v1.annotationFiles.map((f) => `annotations/${f.documentId}/${owner.id}.json`),
      ...v1.workspace.documents.map((d) => `documents/${d.id}.txt`),
    ].sort(),
  );
  expect(await checkWorkspace(dir)).toEqual([]);
}

describe('the upgrade of a workspace from before layers', () => {
  it('gives all existing work to the identity that opens it, backs the old files up first, and removes them', async () => {
    const dir = await tempDir();
    const v1 = await writeWorkspaceV1(dir, 4, 3);
    const oldWorkspaceBytes = await readFile(join(dir, 'workspace.json'));
    const counted = await (await ReadOnlyWorkspace.open(dir)).readSnapshot({ texts: false });

    const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA });
    expect(store.problems).toEqual([]);
    expect((await store.readAnnotations('doc-001')).map((a) => a.annotator)).toEqual([ANA.id, ANA.id, ANA.id]);
    expect(store.linkLayer.links).toHaveLength(3);
    await store.close();
    await expectUpgraded(dir, v1, ANA);

    // The old bytes are in the backups, readable as what they were.
    const backups = join(dir, '.backups');
    const [workspaceBackup] = await readdir(join(backups, 'workspace.json'));
    expect((await readFile(join(backups, 'workspace.json', workspaceBackup!))).equals(oldWorkspaceBytes)).toBe(true);
    for (const file of v1.annotationFiles) {
      const [backup] = await readdir(join(backups, 'annotations', `${file.documentId}.json`));
      expect(AnnotationFileV1Schema.parse(JSON.parse(await readFile(join(backups, 'annotations', `${file.documentId}.json`, backup!), 'utf8')))).toEqual(file);
    }
    // What is counted is the same before and after: the work only moved.
    const after = await (await ReadOnlyWorkspace.open(dir)).readSnapshot({ texts: false });
    expect(after.documents.flatMap((d) => d.annotations).map((a) => ({ ...a, annotator: OWNER_ANNOTATOR }))).toEqual(counted.documents.flatMap((d) => d.annotations));
  });

  it('is idempotent: opening the upgraded workspace again changes no byte', async () => {
    const dir = await tempDir();
    const v1 = await writeWorkspaceV1(dir, 3, 2);
    await (await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA })).close();
    const snapshot = await Promise.all((await filesOf(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
    await (await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA })).close();
    expect(await Promise.all((await filesOf(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')]))).toEqual(snapshot);
    await expectUpgraded(dir, v1, ANA);
  });

  it('gives the work to the reserved owner when nobody said who they are', async () => {
    const dir = await tempDir();
    const v1 = await writeWorkspaceV1(dir, 2, 2);
    await (await WorkspaceStore.open(dir, { holder: 'cli' })).close();
    await expectUpgraded(dir, v1, { id: OWNER_ANNOTATOR, name: 'Owner', email: '' });
  });

  it('keeps an annotation file it cannot read where it is, untouched and named, and upgrades the rest', async () => {
    const dir = await tempDir();
    const v1 = await writeWorkspaceV1(dir, 3, 2);
    await writeFile(join(dir, 'annotations', 'doc-001.json'), '{"schemaVersion": 1, "cut');
    const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA });
    expect(store.readOnlyReason).toBeNull();
    expect(store.problems).toEqual([
      expect.objectContaining({ file: 'annotations/doc-001.json', message: expect.stringContaining('annotations/doc-001.json was written before layers and could not be moved into a layer') }),
    ]);
    expect(await store.readAnnotations('doc-000')).toHaveLength(2);
    await store.close();
    expect(await readFile(join(dir, 'annotations', 'doc-001.json'), 'utf8')).toBe('{"schemaVersion": 1, "cut');
    expect(await readStoredLayer(dir, 'doc-002', ANA.id)).toEqual(v1.annotationFiles[2]!.annotations.map((a) => ({ ...a, annotator: ANA.id })));
  });

  it('leaves a workspace.json it cannot read as it was, and opens read-only saying why', async () => {
    const dir = await tempDir();
    await writeWorkspaceV1(dir, 2, 1);
    const broken = (await readFile(join(dir, 'workspace.json'), 'utf8')).replace('"labels"', '"labelz"');
    await writeFile(join(dir, 'workspace.json'), broken);
    const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA });
    expect(store.readOnlyReason).toMatch(/could not be upgraded to layers, so it was left as it was and opens read-only: .*workspace\.json/);
    await store.close();
    expect(await readFile(join(dir, 'workspace.json'), 'utf8')).toBe(broken);
    expect(await readdir(join(dir, 'annotations'))).toEqual(['doc-000.json', 'doc-001.json']);
  });

  it('survives kill -9 at every step: the old layout or the new one, never a mix, and the next open finishes it', { timeout: 240_000 }, async () => {
    const documents = 6;
    // One kill after each step the upgrader reports: backups, each layer file, the link file, the commit, each removal.
    const steps = 1 + documents + 1 + 1 + documents;
    for (let kill = 0; kill < steps; kill++) {
      const dir = await tempDir();
      const v1 = await writeWorkspaceV1(dir, documents, 4);
      const oldFiles = Object.fromEntries(await Promise.all((await filesOf(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
      const child = await spawnTestChild('layer-upgrader.ts', [dir, ANA.id, ANA.name, ANA.email]);
      const watched = watchChild(child);
      let seen = 0;
      await watched.nextLine((line) => line.startsWith('step ') && seen++ === kill);
      child.kill('SIGKILL');
      expect((await watched.exited).signal, watched.stderr()).toBe('SIGKILL');

      // Right after the kill: either the old layout, whole and unchanged, or the new one, whole.
      const version = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')).schemaVersion as number;
      if (version === 1) {
        WorkspaceFileV1Schema.parse(JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')));
        for (const [file, text] of Object.entries(oldFiles)) expect(await readFile(join(dir, file), 'utf8'), `${file} after kill ${kill}`).toBe(text);
      } else {
        expect(version, `after kill ${kill}`).toBe(2);
        for (const file of v1.annotationFiles) AnnotationFileSchema.parse(JSON.parse(await readFile(join(dir, 'annotations', file.documentId, `${ANA.id}.json`), 'utf8')));
        LinkLayerFileSchema.parse(JSON.parse(await readFile(join(dir, 'links', `${ANA.id}.json`), 'utf8')));
      }
      // The next open (by anyone: the lock of the killed process is recovered) finishes the upgrade.
      const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator: ANA });
      expect(store.problems, `after kill ${kill}`).toEqual([]);
      await store.close();
      await expectUpgraded(dir, v1, ANA);
    }
  });
});
