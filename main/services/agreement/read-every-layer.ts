import { resolve } from 'node:path';
import type { ArticleParts } from '../../../shared/agreement/article-parts.js';
import { sameList } from '../../../shared/agreement/same-list.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { readAnnotatorIdentities } from '../../workspace/layer-reading.js';
import { ALL_LAYERS, ReadOnlyWorkspace, unusableFileError } from '../../workspace/read-only-workspace.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import { sameIdentity } from './agreement-layer-cache.js';
import type { AgreementLayerFiles } from './agreement-layer-files.js';
import type { ReadOrder } from './agreement-messages.js';
import { schemaKey, type CachedParts } from './agreement-parts-cache.js';

/** Every layer of a workspace as agreement reads it, with the annotators' names. */
export interface EveryLayer {
  /** Every layer; an article in `prepared` has no annotations here (its files were not read). */
  snapshot: WorkspaceSnapshot;
  /** Display names by annotator id. */
  names: Record<string, string>;
  /** The cached parts standing in for the articles whose files were not read, by article id. */
  prepared: Map<string, ArticleParts>;
  /** The articles where what the store could not save replaced a layer read from disk. */
  unsavedArticles: ReadonlySet<string>;
}

/** An annotation file changed after the snapshot was read, while an article's files were read for it: the snapshot must be read again. */
export class SnapshotMovedOn extends Error {
  override readonly name = 'SnapshotMovedOn';
}

/** When more than this share of the articles must be read after all, the annotation cache is read for them. */
const MANY_ARTICLES = 0.25;

/**
 * Reads every annotator's layer of the workspace in `order.dir` as one consistent snapshot
 * (`ReadOnlyWorkspace`, lock-free: the app may be writing meanwhile), without the texts, then puts
 * in what the store holds but could not save. `onDocumentRead` is told after each article.
 * `layerFiles` reads the annotation files (what agreement uses of them, each kept until it changes;
 * in a new session, from its cache where a file is still the one cached). With `cached` parts, an
 * article whose files are all still the ones its parts were cached for is not read: its parts
 * stand in for it (`prepared`), unless the label schema changed or my unsaved work is in it.
 */
export async function readEveryLayer(order: ReadOrder, layerFiles: AgreementLayerFiles, onDocumentRead?: (read: number, total: number) => void, cached: CachedParts | null = null): Promise<EveryLayer> {
  const workspace = await ReadOnlyWorkspace.open(order.dir, ALL_LAYERS);
  await layerFiles.useCache();
  let snapshot: WorkspaceSnapshot;
  try {
    snapshot = await workspace.readSnapshot({ texts: false, onDocumentRead, readAnnotationFile: layerFiles.read });
  } finally {
    layerFiles.doneReading();
  }
  const { unsaved } = order;
  const unsavedArticles = new Set(Object.keys(unsaved?.annotations ?? {}));
  const layers: EveryLayer = { snapshot, names: {}, prepared: new Map(), unsavedArticles };
  const sameSchema = cached?.schema === schemaKey(snapshot.labels);
  const toRead: string[] = [];
  for (const document of snapshot.documents) {
    const paths = filesOf(workspace.dir, document.meta.id, document.layers ?? []);
    if (!paths.some((path) => layerFiles.isDeferred(path))) continue;
    const article = cached?.articles.get(document.meta.id);
    const fits = sameSchema && article && sameList(article.layers, document.layers ?? []) && paths.every((path) => layerFiles.isDeferred(path));
    if (fits && !unsavedArticles.has(document.meta.id)) layers.prepared.set(document.meta.id, article.parts);
    else toRead.push(document.meta.id);
  }
  await readArticles(workspace.dir, layers, toRead, layerFiles);
  if (unsaved) {
    for (const document of snapshot.documents) {
      const mine = unsaved.annotations[document.meta.id];
      if (mine) document.annotations = [...document.annotations.filter((a) => a.annotator !== unsaved.annotator), ...mine];
    }
    if (unsaved.links) snapshot.links = [...snapshot.links.filter((l) => l.annotator !== unsaved.annotator), ...unsaved.links];
  }
  const names: Record<string, string> = {};
  for (const identity of await readAnnotatorIdentities(order.dir)) names[identity.id] = identity.name;
  layers.names = { ...names, ...order.names };
  return layers;
}

/**
 * Reads the annotation files of the articles `ids` whose parts stood in for them (or some of whose
 * files were not read), in the snapshot's order of layers, so they are worked out from their
 * annotations. Throws `SnapshotMovedOn` when a file is no longer the one the snapshot was read with.
 */
export async function readArticles(dir: string, layers: EveryLayer, ids: Iterable<string>, layerFiles: AgreementLayerFiles): Promise<void> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return;
  if (wanted.size > MANY_ARTICLES * layers.snapshot.documents.length) await layerFiles.useCache(true);
  try {
    for (const document of layers.snapshot.documents) {
      if (!wanted.has(document.meta.id)) continue;
      const annotations = [];
      for (const [k, path] of filesOf(resolve(dir), document.meta.id, document.layers ?? []).entries()) {
        const before = layerFiles.identityOf(path);
        const read = await layerFiles.read(path, document.meta, document.layers![k]!, false);
        if (typeof read === 'string') throw unusableFileError(read);
        const after = layerFiles.identityOf(path);
        if (!before || !after || !sameIdentity(before, after)) throw new SnapshotMovedOn(`${path} changed while the workspace was read.`);
        annotations.push(...read);
      }
      document.annotations = annotations;
      layers.prepared.delete(document.meta.id);
    }
  } finally {
    layerFiles.doneReading();
  }
}

/** The annotation files of an article, one per layer of `layers` (the annotators with a file of it), in their order. */
export function filesOf(dir: string, documentId: string, layers: readonly string[]): string[] {
  return layers.map((annotator) => workspacePath(dir, WORKSPACE_LAYOUT.annotations(documentId, annotator)));
}
