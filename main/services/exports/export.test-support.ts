import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { layerOfAnnotator } from '../../../shared/formats/export-layers.js';
import { ANA, BOB, buildLayeredSnapshot } from '../../../shared/formats/layered-test-fixtures.js';
import { buildFixtureSnapshot } from '../../../shared/formats/test-fixtures.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { writeSnapshotIntoStore } from './import-native-workspace.js';

// Shared by the export tests and the export benchmark; not part of the export API.

/** Opens a new workspace in `dir` holding `snapshot` (written through the real store). */
export async function workspaceHolding(dir: string, snapshot: WorkspaceSnapshot, who: { annotator?: string; email?: string } = {}): Promise<OpenWorkbench> {
  const workbench = await openWorkbench({ workspaceDir: dir, samplesDir: join(dir, 'no-samples'), ...who });
  await writeSnapshotIntoStore(workbench.store, snapshot);
  return workbench;
}

/**
 * The format tests' fixture (astral emoji, combining marks, RTL, a CRLF-imported text, a span
 * across a line break, a discontinuous span, attributes of every type, notes, links inside and
 * across documents), as a real workspace on disk.
 */
export function fixtureWorkspace(dir: string): Promise<OpenWorkbench> {
  return workspaceHolding(dir, buildFixtureSnapshot());
}

/**
 * The layered fixture (`buildLayeredSnapshot`) as a real workspace in `dir`, closed: Ana's layer,
 * Bob's and the curated layer, each written through the store opened as its annotator (the curated
 * layer as the store would write it for a curator, with its own link file).
 */
export async function layeredWorkspace(dir: string): Promise<void> {
  const snapshot = buildLayeredSnapshot();
  for (const annotator of [ANA, BOB, { id: CURATED_ANNOTATOR, name: 'Curated', email: '' }]) {
    const store = await WorkspaceStore.open(dir, { holder: 'cli', annotator });
    try {
      const layer = layerOfAnnotator(snapshot, annotator.id);
      if (annotator === ANA) await writeSnapshotIntoStore(store, layer);
      else {
        for (const d of layer.documents) if (d.annotations.length > 0) await store.updateAnnotations(d.meta.id, () => structuredClone(d.annotations));
        await store.updateLinkLayer((mine) => {
          mine.links = structuredClone(layer.links);
          mine.clusterNames = structuredClone(layer.clusterNames ?? []);
        });
      }
    } finally {
      await store.close();
    }
  }
}

/** The fixture's documents and schema without any annotation or link: where imports land. */
export function fixtureWithoutAnnotations(): WorkspaceSnapshot {
  const snapshot = buildFixtureSnapshot();
  return { ...snapshot, documents: snapshot.documents.map((d) => ({ ...d, annotations: [] })), links: [] };
}

/**
 * Everything under `dir`, by relative path: each file's bytes, each folder as `<folder>`, each
 * symbolic link as `-> target`; to check a folder was left exactly as it was. `except` names
 * top-level entries to leave out (a workspace's lock, which opening it adds and closing removes).
 */
export async function readFolderBytes(dir: string, except: readonly string[] = []): Promise<Map<string, Buffer | string>> {
  const found = new Map<string, Buffer | string>();
  const pending = [''];
  while (pending.length > 0) {
    const at = pending.pop()!;
    for (const name of (await readdir(join(dir, at))).sort()) {
      const path = at ? join(at, name) : name;
      if (!at && except.includes(name)) continue;
      const stats = await lstat(join(dir, path));
      if (stats.isDirectory()) {
        found.set(path, '<folder>');
        pending.push(path);
      } else if (stats.isSymbolicLink()) found.set(path, `-> ${await readlink(join(dir, path))}`);
      else found.set(path, await readFile(join(dir, path)));
    }
  }
  return found;
}
