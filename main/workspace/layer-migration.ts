import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnotatorIdentity } from '../../shared/model/annotator.js';
import {
  AnnotationFileSchema,
  CURRENT_SCHEMA_VERSION,
  LinkLayerFileSchema,
  WorkspaceFileSchema,
  type AnnotationFile,
  type LinkLayerFile,
  type WorkspaceFile,
} from '../../shared/model/workspace.js';
import { AnnotationFileV1Schema, annotationsOfV1, layerOfV1, SCHEMA_VERSION_BEFORE_LAYERS, WorkspaceFileV1Schema } from '../../shared/model/workspace-v1.js';
import { BackupRotation, JsonFileCodec, StoreFileError, syncDirectory, writeFileDurably } from '../storage/index.js';
import { WORKSPACE_LAYOUT, workspacePath } from './workspace-layout.js';
import { WORKSPACE_FILE } from './workspace-folder.js';

/** A version-1 annotation file the upgrade could not read: kept as it was, its annotations in no layer. */
export interface UnmigratedFile {
  /** Path relative to the workspace folder. */
  file: string;
  kind: 'invalid';
  /** What is wrong and what happens now, naming the file. */
  message: string;
}

/** What upgrading a workspace to layers did. */
export interface LayerMigrationReport {
  /** Whose layer the existing work went to. */
  owner: AnnotatorIdentity;
  /** Annotation files moved into the owner's layer. */
  documents: number;
  annotations: number;
  links: number;
}

/** Told of each step as it is done (the crash test kills the process at each of them). */
export type MigrationStepListener = (step: string) => void;

const v1WorkspaceCodec = new JsonFileCodec({ schema: WorkspaceFileV1Schema });
const v1AnnotationCodec = new JsonFileCodec({ schema: AnnotationFileV1Schema });
const workspaceCodec = new JsonFileCodec({ schema: WorkspaceFileSchema });
const annotationCodec = new JsonFileCodec({ schema: AnnotationFileSchema, keyOrder: ['schemaVersion', 'id'] });
const linksCodec = new JsonFileCodec({ schema: LinkLayerFileSchema, keyOrder: ['schemaVersion', 'id'] });

/**
 * Upgrades a version-1 workspace (one annotation file per document, everybody's links in
 * `workspace.json`) to layers: the existing work becomes the layer of `owner`. One way and
 * idempotent, under the workspace's lock, and safe against a crash at any point:
 *
 * 1. Backups of `workspace.json` and of every annotation file (into `.backups/`, as before any upgrade).
 * 2. Whatever an interrupted earlier attempt left of the new layout is removed (a version-1 workspace
 *    has no layer folders and no `links/`).
 * 3. The new files are written durably: `annotations/<document>/<owner>.json` for each annotation
 *    file, then `links/<owner>.json`; their folders are synced.
 * 4. The commit point: `workspace.json` is replaced atomically with version 2 (without the links).
 *    Until then the workspace is version 1 and opens as such (the upgrade runs again); from then on
 *    it is version 2.
 * 5. Only now, with the new files durable, the old annotation files are removed
 *    (`removeFilesBeforeLayers` finishes this on the next open if the process died meanwhile).
 *
 * An annotation file that cannot be read is left where it is, untouched, and named by
 * `removeFilesBeforeLayers` as a problem on every open; everything else is upgraded. A
 * `workspace.json` that cannot be read stops the upgrade before anything is written
 * (`StoreFileError`).
 */
export async function migrateToLayers(dir: string, owner: AnnotatorIdentity, onStep: MigrationStepListener = () => undefined): Promise<LayerMigrationReport> {
  const workspacePathOnDisk = join(dir, WORKSPACE_FILE);
  const old = v1WorkspaceCodec.decode(await readFile(workspacePathOnDisk), workspacePathOnDisk).data;
  const annotationsDir = join(dir, WORKSPACE_LAYOUT.annotationsFolder);
  const oldFiles = (await readdir(annotationsDir, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name.slice(0, -'.json'.length));

  // 1. Backups first: the old bytes are kept whatever happens next.
  await backUp(dir, WORKSPACE_FILE, v1WorkspaceCodec);
  for (const documentId of oldFiles) await backUp(dir, WORKSPACE_LAYOUT.annotationsBeforeLayers(documentId), v1AnnotationCodec);
  onStep('backups');

  // 2. What an interrupted attempt wrote (perhaps for another owner) goes.
  for (const entry of await readdir(annotationsDir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) await rm(join(annotationsDir, entry.name), { recursive: true, force: true });
  }
  await rm(join(dir, WORKSPACE_LAYOUT.linksFolder), { recursive: true, force: true });

  // 3. The new files, durably.
  let documents = 0;
  let annotations = 0;
  for (const documentId of oldFiles) {
    const oldPath = workspacePath(dir, WORKSPACE_LAYOUT.annotationsBeforeLayers(documentId));
    let file;
    try {
      file = v1AnnotationCodec.decode(await readFile(oldPath), oldPath).data;
    } catch (error) {
      if (error instanceof StoreFileError || (error as NodeJS.ErrnoException).code !== undefined) continue;
      throw error;
    }
    const layer: AnnotationFile = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      documentId,
      annotator: owner.id,
      contentHash: file.contentHash,
      annotations: annotationsOfV1(file, owner.id),
    };
    const relativePath = WORKSPACE_LAYOUT.annotations(documentId, owner.id);
    await mkdir(workspacePath(dir, WORKSPACE_LAYOUT.documentLayers(documentId)), { recursive: true });
    await writeFileDurably(workspacePath(dir, relativePath), annotationCodec.encode(layer, relativePath));
    documents++;
    annotations += layer.annotations.length;
    onStep(relativePath);
  }
  await syncDirectory(annotationsDir);
  const links: LinkLayerFile = { schemaVersion: CURRENT_SCHEMA_VERSION, annotator: owner, ...layerOfV1(old, owner.id) };
  await mkdir(join(dir, WORKSPACE_LAYOUT.linksFolder), { recursive: true });
  await writeFileDurably(workspacePath(dir, WORKSPACE_LAYOUT.links(owner.id)), linksCodec.encode(links, WORKSPACE_LAYOUT.links(owner.id)));
  await syncDirectory(dir);
  onStep(WORKSPACE_LAYOUT.links(owner.id));

  // 4. The commit point.
  const upgraded: WorkspaceFile = { schemaVersion: CURRENT_SCHEMA_VERSION, labels: old.labels, linkTypes: old.linkTypes, documents: old.documents };
  await writeFileDurably(workspacePathOnDisk, workspaceCodec.encode(upgraded, WORKSPACE_FILE));
  onStep(WORKSPACE_FILE);

  // 5. The old files, now that nothing needs them.
  await removeFilesBeforeLayers(dir, onStep);
  return { owner, documents, annotations, links: links.links.length };
}

/**
 * Removes the version-1 annotation files of a workspace that was upgraded to layers (what an
 * upgrade interrupted after its commit point left), each only when its document's layer folder
 * exists. Resolves to those that were never upgraded because they could not be read: they stay,
 * and are reported each time the workspace is opened.
 */
export async function removeFilesBeforeLayers(dir: string, onStep: MigrationStepListener = () => undefined): Promise<UnmigratedFile[]> {
  const annotationsDir = join(dir, WORKSPACE_LAYOUT.annotationsFolder);
  const entries = await readdir(annotationsDir, { withFileTypes: true }).catch(() => []);
  const layerFolders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const unmigrated: UnmigratedFile[] = [];
  let removed = false;
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const documentId = entry.name.slice(0, -'.json'.length);
    const file = WORKSPACE_LAYOUT.annotationsBeforeLayers(documentId);
    if (layerFolders.has(documentId)) {
      await rm(join(annotationsDir, entry.name), { force: true });
      removed = true;
      onStep(`removed ${file}`);
      continue;
    }
    const reason = await readFile(join(annotationsDir, entry.name)).then(
      (bytes) => {
        try {
          v1AnnotationCodec.decode(bytes, file);
          return 'it was not upgraded';
        } catch (error) {
          return error instanceof StoreFileError ? error.reason : String(error);
        }
      },
      (error: NodeJS.ErrnoException) => `it cannot be read (${error.code ?? error.message})`,
    );
    const message = `${file} was written before layers and could not be moved into a layer: ${reason}. It is kept as it was (its backups are in .backups/${file}); its annotations are not shown.`;
    unmigrated.push({ file, kind: 'invalid', message });
  }
  if (removed) await syncDirectory(annotationsDir);
  return unmigrated;
}

/**
 * Upgrades the workspace in `dir` to layers if it is at the version before them, giving its work to
 * `annotator`. Resolves to null when it is (now) at the current layout, or to why the upgrade could
 * not be made, for a problem of `workspace.json` that makes the workspace read-only (it is left as
 * it was, and the next open tries again).
 */
export async function upgradeToLayersOnOpen(dir: string, annotator: AnnotatorIdentity, onStep?: MigrationStepListener): Promise<string | null> {
  if (!(await isBeforeLayers(dir))) return null;
  try {
    await migrateToLayers(dir, annotator, onStep);
    return null;
  } catch (error) {
    const why = error instanceof StoreFileError ? error.message : `${join(dir, WORKSPACE_FILE)}: ${(error as Error).message}`;
    return `The workspace could not be upgraded to layers, so it was left as it was and opens read-only: ${why}`;
  }
}

/** Whether the workspace in `dir` is at the version before layers (and so must be upgraded when opened for writing). */
export async function isBeforeLayers(dir: string): Promise<boolean> {
  try {
    const raw = JSON.parse(await readFile(join(dir, WORKSPACE_FILE), 'utf8')) as { schemaVersion?: unknown };
    return raw.schemaVersion === SCHEMA_VERSION_BEFORE_LAYERS;
  } catch {
    return false;
  }
}

async function backUp(dir: string, file: string, codec: JsonFileCodec<unknown>): Promise<void> {
  await new BackupRotation({ workspaceDir: dir, file: workspacePath(dir, file), validator: codec }).preserveCurrent({ force: true });
}
