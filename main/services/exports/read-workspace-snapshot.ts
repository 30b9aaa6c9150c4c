import { join } from 'node:path';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import { CURATED_ANNOTATOR, type AnnotatorIdentity } from '../../../shared/model/annotator.js';
import type { DocumentSnapshot, LinkLayerFile, WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { StoreFileError } from '../../storage/index.js';
import { layersOfDocument, readAnnotatorIdentities, readLayerAnnotations, readLinkLayerFile } from '../../workspace/layer-reading.js';
import { WORKSPACE_LAYOUT } from '../../workspace/workspace-layout.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { contentHash } from '../../../shared/text/content-hash.js';

/** The workspace cannot be exported as it is on disk; the message names the file and what to do. */
export class WorkspaceNotExportableError extends Error {
  override readonly name = 'WorkspaceNotExportableError';
}

/**
 * Reads the whole open workspace into a snapshot, in document order, with my layer's annotations and
 * links as the store holds them (unsaved edits included), and with `allLayers` every other layer as
 * it is on disk (never written by this process), each document listing the annotators with a layer
 * of it, and the snapshot naming every annotator. Refuses, naming the file, when a file could not be
 * read (its annotations would silently be missing) or a text is not the one that was imported (its
 * offsets would be wrong). `onDocumentRead` is told after each document; the loop yields to the
 * event loop between documents, so a large read never blocks other calls.
 */
export async function readWorkspaceSnapshot(
  store: WorkspaceStore,
  onDocumentRead?: (read: number, total: number) => void,
  signal?: AbortSignal,
  allLayers = false,
): Promise<WorkspaceSnapshot> {
  // First load every file (slow, with progress and chances for other calls to run)...
  const metas = [...store.workspace.documents];
  const others = new Map<string, { layers: string[]; annotations: Annotation[] }>();
  let read = 0;
  for (const meta of metas) {
    signal?.throwIfAborted();
    const text = await store.readText(meta.id);
    await store.readAnnotations(meta.id);
    if (allLayers) others.set(meta.id, await otherLayersOf(store, meta.id));
    if (text.length !== meta.length || contentHash(text) !== meta.contentHash) {
      throw new WorkspaceNotExportableError(
        `${join(store.dir, 'documents', `${meta.id}.txt`)}: the text of "${meta.title}" is not the text that was imported ` +
          '(its hash differs), so its offsets cannot be trusted. Nothing was exported; run `corroborate check` on the workspace.',
      );
    }
    onDocumentRead?.(++read, metas.length);
  }
  const problems = store.problems;
  if (problems.length > 0) {
    throw new WorkspaceNotExportableError(
      `${problems.map((p) => `${join(store.dir, p.file)}: ${p.message}`).join('\n')}\n` +
        'Nothing was exported, because what is in that file would be missing. Restore it from its backup first.',
    );
  }
  // ...then take the snapshot from what is now in memory, without waiting on I/O in between, so
  // an edit arriving meanwhile is either wholly in it or wholly out (never a link without its end).
  const workspace = store.workspace;
  const current = [...workspace.documents];
  const documents = await Promise.all(
    current.map(async (meta): Promise<DocumentSnapshot> => {
      const mine = [...(await store.readAnnotations(meta.id))];
      const other = others.get(meta.id);
      if (!other) return { meta, text: await store.readText(meta.id), annotations: mine };
      const layers = mine.length > 0 ? [...new Set([...other.layers, store.annotator.id])].sort() : other.layers;
      return { meta, text: await store.readText(meta.id), annotations: [...mine, ...other.annotations], layers };
    }),
  );
  const snapshot: WorkspaceSnapshot = {
    schemaVersion: workspace.schemaVersion,
    labels: structuredClone(workspace.labels),
    linkTypes: structuredClone(workspace.linkTypes),
    documents,
    links: [...store.linkLayer.links],
    clusterNames: structuredClone(store.linkLayer.clusterNames),
  };
  if (!allLayers) return snapshot;
  const { files, annotators } = await otherLinkLayers(store);
  // Each person's status of each article, the curation's among them (the store's copies are the newest).
  const documentStatus = Object.fromEntries([
    ...files.map((f) => [f.annotator.id, structuredClone(f.documentStatus ?? {})] as const),
    [CURATED_ANNOTATOR, structuredClone(store.curated.linkLayer.documentStatus ?? {})] as const,
    [store.annotator.id, structuredClone(store.linkLayer.documentStatus ?? {})] as const,
  ]);
  return {
    ...snapshot,
    links: [...snapshot.links, ...files.flatMap((f) => f.links)],
    clusterNames: [...(snapshot.clusterNames ?? []), ...files.flatMap((f) => f.clusterNames)],
    annotators,
    documentStatus,
  };
}

/** Every annotator with a file of a document (me included), and the annotations of the others, as they are on disk. */
async function otherLayersOf(store: WorkspaceStore, documentId: string): Promise<{ layers: string[]; annotations: Annotation[] }> {
  const meta = store.requireDocument(documentId);
  const layers = await layersOfDocument(store.dir, documentId);
  const annotations: Annotation[] = [];
  for (const annotator of layers) {
    if (annotator === store.annotator.id) continue;
    try {
      annotations.push(...(await readLayerAnnotations(store.dir, meta, annotator)));
    } catch (error) {
      if (!(error instanceof WorkbenchError)) throw error;
      throw new WorkspaceNotExportableError(`In ${store.dir}: ${error.message} Nothing was exported, because that layer's annotations would be missing.`);
    }
  }
  return { layers, annotations };
}

/** Every other annotator's link file as on disk, and who every annotator is (me as the store knows me). */
async function otherLinkLayers(store: WorkspaceStore): Promise<{ files: LinkLayerFile[]; annotators: AnnotatorIdentity[] }> {
  const annotators = (await readAnnotatorIdentities(store.dir)).filter((a) => a.id !== store.annotator.id);
  const files: LinkLayerFile[] = [];
  for (const { id } of annotators) {
    try {
      const file = await readLinkLayerFile(store.dir, id);
      if (file) files.push(file);
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      throw new WorkspaceNotExportableError(
        `${join(store.dir, WORKSPACE_LAYOUT.links(id))}: ${error.reason}. Nothing was exported, because that layer's links would be missing.`,
      );
    }
  }
  return { files, annotators: [...annotators, { ...store.annotator }].sort((a, b) => a.id.localeCompare(b.id)) };
}
