import type { Annotation } from '../../../shared/model/annotation.js';
import type { Annotator } from '../../../shared/api/contract/index.js';
import { CURATED_ANNOTATOR, initialsOf, OWNER_ANNOTATOR, type AnnotatorIdentity } from '../../../shared/model/annotator.js';
import { layersOfDocument, readAnnotatorIdentities, readLayerAnnotations } from '../../workspace/layer-reading.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/**
 * The annotations of `annotator`'s layer of a document: mine and the curated layer as the store holds
 * them (unsaved edits included), anyone else's as they are on disk.
 */
export async function layerAnnotations(store: WorkspaceStore, documentId: string, annotator: string): Promise<readonly Annotation[]> {
  const meta = store.requireDocument(documentId);
  if (annotator === store.annotator.id) return store.readAnnotations(documentId);
  if (annotator === CURATED_ANNOTATOR) return store.curated.readAnnotations(documentId);
  return readLayerAnnotations(store.dir, meta, annotator);
}

/** The annotators with a layer of a document (mine and the curated layer included once they hold annotations), sorted by id. */
export async function layersOf(store: WorkspaceStore, documentId: string): Promise<string[]> {
  const ids = new Set(await layersOfDocument(store.dir, documentId));
  if ((await store.readAnnotations(documentId)).length > 0) ids.add(store.annotator.id);
  if ((await store.curated.readAnnotations(documentId)).length > 0) ids.add(CURATED_ANNOTATOR);
  return [...ids].sort();
}

/** Every annotator of the workspace with their name and email (me as I am now), sorted by id. */
export async function annotatorsOf(store: WorkspaceStore): Promise<AnnotatorIdentity[]> {
  const others = (await readAnnotatorIdentities(store.dir)).filter((a) => a.id !== store.annotator.id);
  return [...others, store.annotator].sort((a, b) => a.id.localeCompare(b.id));
}

/** An annotator as lists show them: initials, whether it is me, whether the id is reserved. */
export function describeAnnotator(store: WorkspaceStore, annotator: AnnotatorIdentity): Annotator {
  const reserved = annotator.id === CURATED_ANNOTATOR ? 'curated' : annotator.id === OWNER_ANNOTATOR ? 'owner' : null;
  const name = reserved === 'curated' && annotator.name === annotator.id ? 'Curated' : annotator.name;
  return { ...annotator, name, initials: initialsOf(name), isMe: annotator.id === store.annotator.id, reserved };
}
