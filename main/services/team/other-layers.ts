import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { CURATED_ANNOTATOR, OWNER_ANNOTATOR } from '../../../shared/model/annotator.js';
import { layersOfDocument, readAnnotatorIdentities, readLayerAnnotations } from '../../workspace/layer-reading.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/** How an annotator is named to people: their display name, or what their reserved id means. */
export async function annotatorName(store: WorkspaceStore, annotator: string): Promise<string> {
  if (annotator === store.annotator.id) return store.annotator.name;
  const known = (await readAnnotatorIdentities(store.dir)).find((a) => a.id === annotator);
  if (known && known.name !== annotator) return known.name;
  if (annotator === CURATED_ANNOTATOR) return 'the curated layer';
  if (annotator === OWNER_ANNOTATOR) return 'the workspace owner';
  return annotator;
}

/**
 * The refusal of an edit to another annotator's layer: every layer is edited only by its annotator
 * (so that two people never write the same file), and everyone else sees it read-only.
 */
export async function refusalOfOtherLayer(store: WorkspaceStore, annotator: string): Promise<WorkbenchError> {
  if (annotator === CURATED_ANNOTATOR) {
    return new WorkbenchError('read-only', `That is in the curated layer, which changes only through Curate (one disagreement at a time). Your edits go to your own layer (${store.annotator.name}).`);
  }
  const name = await annotatorName(store, annotator);
  return new WorkbenchError(
    'read-only',
    `That is in the layer of ${name}, which you can read but not change: only ${name} edits it. Your edits go to your own layer (${store.annotator.name}).`,
  );
}

/** The annotator other than me whose layer of a document holds `annotationId`, or null. */
export async function otherLayerHolding(store: WorkspaceStore, documentId: string, annotationId: string): Promise<string | null> {
  const meta = store.findDocument(documentId);
  if (!meta) return null;
  for (const annotator of await layersOfDocument(store.dir, documentId)) {
    if (annotator === store.annotator.id) continue;
    const annotations = await readLayerAnnotations(store.dir, meta, annotator).catch(() => []);
    if (annotations.some((a) => a.id === annotationId)) return annotator;
  }
  return null;
}

/**
 * Throws the right refusal for an annotation id that is not in my layer of a document: read-only
 * when another annotator's layer holds it, not found otherwise.
 */
export async function refuseMissingAnnotation(store: WorkspaceStore, documentId: string, annotationIds: readonly string[]): Promise<never> {
  for (const id of annotationIds) {
    const other = await otherLayerHolding(store, documentId, id);
    if (other !== null) throw await refusalOfOtherLayer(store, other);
  }
  throw new WorkbenchError('not-found', annotationIds.length === 1 ? 'That annotation no longer exists.' : 'Those annotations no longer exist.');
}
