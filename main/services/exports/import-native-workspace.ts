import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFormatProblem } from '../../../shared/formats/format-problem.js';
import { parseNativeExport } from '../../../shared/formats/native-json.js';
import type { AnnotatorIdentity } from '../../../shared/model/annotator.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { assignToAnnotator } from '../../../shared/model/workspace-v1.js';
import { syncDirectory } from '../../storage/index.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';

/** An import was refused before anything was written; the message names the file and the reason. */
export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
}

/** What a native import recreated. */
export interface NativeImportResult {
  workspaceDir: string;
  documents: number;
  annotations: number;
  links: number;
}

/**
 * Recreates a native export (`corroborate-workspace.json`) as a new workspace in `workspaceDir`,
 * which must not exist or be empty: the same ids, metadata, texts (checked against their hashes),
 * annotations, links, labels and link types, all in the layer of `annotator` (the owner's when
 * absent), so exporting it again as that annotator gives the same bytes. All or
 * nothing: the file is checked completely first, the workspace is built in a temp folder next to
 * `workspaceDir` and renamed into place only when complete.
 */
export async function importNativeWorkspace(file: string, workspaceDir: string, annotator?: AnnotatorIdentity): Promise<NativeImportResult> {
  const target = resolve(workspaceDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportRefusedError(`${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  const parsed = parseNativeExport(text, file);
  if (!parsed.ok) throw new ImportRefusedError(`${describeFormatProblem(parsed.error)}. Nothing was imported.`);
  const snapshot = parsed.value;

  const existing = await lstat(target).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(target)).length > 0)) {
    throw new ImportRefusedError(
      `${target} already exists and is not empty. A workspace export is recreated in a new or empty folder; ` +
        'to add annotations to an existing workspace use import-annotations.',
    );
  }
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.import-tmp`);
  try {
    const store = await WorkspaceStore.open(temp, { holder: 'cli', ...(annotator ? { annotator } : {}) });
    try {
      await writeSnapshotIntoStore(store, snapshot);
    } finally {
      await store.close();
    }
    if (existing) await rmdir(target);
    await rename(temp, target);
    await syncDirectory(dirname(target));
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return {
    workspaceDir: target,
    documents: snapshot.documents.length,
    annotations: snapshot.documents.reduce((sum, d) => sum + d.annotations.length, 0),
    links: snapshot.links.length,
  };
}

/**
 * Writes a whole snapshot into a store that holds no documents yet, as the store's annotator's
 * layer (an export holds one layer): the schema, then each document
 * with its annotations, then the links (so no link is ever saved before both its ends).
 */
export async function writeSnapshotIntoStore(store: WorkspaceStore, snapshot: WorkspaceSnapshot): Promise<void> {
  if (store.workspace.documents.length > 0) throw new ImportRefusedError(`${store.dir} already holds documents.`);
  await store.updateWorkspace((workspace) => {
    workspace.labels = structuredClone(snapshot.labels);
    workspace.linkTypes = structuredClone(snapshot.linkTypes);
  });
  const me = store.annotator.id;
  for (const document of snapshot.documents) {
    await store.commitDocuments([{ meta: structuredClone(document.meta), text: document.text, annotations: [] }]);
    if (document.annotations.length > 0) await store.updateAnnotations(document.meta.id, () => assignToAnnotator(structuredClone(document.annotations), me));
  }
  await store.updateLinkLayer((layer) => {
    layer.links = assignToAnnotator(structuredClone(snapshot.links), me);
    layer.clusterNames = assignToAnnotator(structuredClone(snapshot.clusterNames ?? []), me);
  });
}
