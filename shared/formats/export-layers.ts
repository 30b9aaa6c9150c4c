import { CURATED_ANNOTATOR, type AnnotatorIdentity } from '../model/annotator.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { scopeSnapshot } from './export-scope.js';
import { excerpt } from '../text/excerpt.js';

/**
 * Which layer(s) an export holds:
 * - `annotator`: one annotator's layer (by default the exporting annotator's own);
 * - `curated`: per document, the curated layer where the document has one, else `fallback`'s layer;
 * - `all`: every annotator's layer, each annotation, link and cluster name saying whose it is.
 */
export type ExportLayerChoice =
  | { kind: 'annotator'; annotator: string }
  | { kind: 'curated'; fallback: string }
  | { kind: 'all' };

/** What an export holds, layer by layer, so that exporters can say whose each annotation is. */
export interface ExportedLayers {
  choice: ExportLayerChoice;
  /** The annotators whose layers the export holds, by id, with their names (their files' names, else the id). */
  annotators: AnnotatorIdentity[];
  /** The layer each document's annotations come from, by document id; null for `all` (every layer). */
  documentLayers: ReadonlyMap<string, string> | null;
  /**
   * The titles of the documents taken from the curated layer whose curation is not done: what is
   * not decided there yet is not in the export (empty unless the choice is `curated`).
   */
  stillCurating: string[];
}

/** The part of a snapshot an export holds, and which layers it is. */
export interface LayerSelection {
  snapshot: WorkspaceSnapshot;
  layers: ExportedLayers;
}

/** How the curated layer is named when its file gives no name. */
const CURATED_NAME = 'Curated';

/**
 * Whether a document has a curated layer: a file of the curated layer (even an empty one: the
 * curator agreed there is nothing to mark), or, when the files were not listed, curated annotations.
 */
export function hasCuratedLayer(document: DocumentSnapshot): boolean {
  return document.layers ? document.layers.includes(CURATED_ANNOTATOR) : document.annotations.some((a) => a.annotator === CURATED_ANNOTATOR);
}

/**
 * The part of `snapshot` (which holds at least the layers `choice` needs; see `layersToRead`) that
 * an export of `choice` holds: each document's annotations of its chosen layer (every layer for
 * `all`), the links of those layers whose two ends are both in the export (a link whose document's
 * layer is another annotator's goes, as does one whose end is gone), and the cluster names of those
 * layers naming only the members kept. Dangling links and cluster members are dropped by the same
 * rule as a scope (`scopeSnapshot`). Offsets and texts are not touched. The input is not changed.
 */
export function selectExportLayers(snapshot: WorkspaceSnapshot, choice: ExportLayerChoice): LayerSelection {
  const documentLayers =
    choice.kind === 'all'
      ? null
      : new Map(
          snapshot.documents.map((d) => [
            d.meta.id,
            choice.kind === 'annotator' ? choice.annotator : hasCuratedLayer(d) ? CURATED_ANNOTATOR : choice.fallback,
          ]),
        );
  const inLayer = (documentId: string, annotator: string) => documentLayers === null || documentLayers.get(documentId) === annotator;
  const layerIds = documentLayers === null ? null : new Set(documentLayers.values());
  const chosen: WorkspaceSnapshot = {
    schemaVersion: snapshot.schemaVersion,
    labels: snapshot.labels,
    linkTypes: snapshot.linkTypes,
    documents: snapshot.documents.map((d) => ({ ...d, annotations: d.annotations.filter((a) => inLayer(d.meta.id, a.annotator)) })),
    links: snapshot.links.filter((l) => inLayer(l.source.documentId, l.annotator) && inLayer(l.target.documentId, l.annotator)),
    ...(snapshot.clusterNames ? { clusterNames: snapshot.clusterNames.filter((n) => layerIds === null || layerIds.has(n.annotator)) } : {}),
  };
  const selected = scopeSnapshot(chosen, {});
  if (snapshot.annotators) selected.annotators = snapshot.annotators;
  const ids = layerIds ?? annotatorsWithWork(snapshot);
  const curationStatus = snapshot.documentStatus?.[CURATED_ANNOTATOR] ?? {};
  const stillCurating = snapshot.documents
    .filter((d) => documentLayers?.get(d.meta.id) === CURATED_ANNOTATOR && curationStatus[d.meta.id]?.status !== 'done')
    .map((d) => d.meta.title);
  return { snapshot: selected, layers: { choice, annotators: [...ids].sort().map((id) => identityOf(snapshot, id)), documentLayers, stillCurating } };
}

/** One annotator's layer of a snapshot that holds several (what `all` exports per annotator where a format keeps layers apart). */
export function layerOfAnnotator(snapshot: WorkspaceSnapshot, annotator: string): WorkspaceSnapshot {
  return selectExportLayers(snapshot, { kind: 'annotator', annotator }).snapshot;
}

/**
 * Whether an export says whose each annotation is: for `curated` (documents come from different
 * layers) and `all`. An export of one annotator's layer is written exactly as before layers could
 * be chosen.
 */
export function carriesAnnotators(layers: ExportedLayers | undefined): layers is ExportedLayers {
  return layers !== undefined && layers.choice.kind !== 'annotator';
}

/** The identity of an annotator of the export (id as name when their file did not name them). */
export function exportedAnnotator(layers: ExportedLayers, id: string): AnnotatorIdentity {
  return layers.annotators.find((a) => a.id === id) ?? { id, name: id === CURATED_ANNOTATOR ? CURATED_NAME : id, email: '' };
}

/**
 * What an export holds, in one sentence for people: "Ana López’s layer.", "The curated layer of 2
 * of 5 articles; Ana López’s layer of the others.", "Every annotator’s layer (3: …), each
 * annotation saying whose it is."
 */
export function describeExportedLayers(layers: ExportedLayers): string {
  const name = (id: string) => exportedAnnotator(layers, id).name;
  if (layers.choice.kind === 'annotator') return `${possessive(name(layers.choice.annotator))} layer.`;
  if (layers.choice.kind === 'all') {
    const names = layers.annotators.map((a) => a.name);
    return `Every annotator’s layer (${names.length}${names.length > 0 ? `: ${names.join(', ')}` : ''}), each annotation saying whose it is.`;
  }
  const all = layers.documentLayers?.size ?? 0;
  const curated = [...(layers.documentLayers?.values() ?? [])].filter((id) => id === CURATED_ANNOTATOR).length;
  const fallback = `${possessive(name(layers.choice.fallback))} layer`;
  if (curated === 0) return `No article has a curated layer: ${fallback} of every article.`;
  const unfinished = stillCuratingNote(layers.stillCurating);
  if (curated === all) return `The curated layer of every article.${unfinished}`;
  return `The curated layer of ${curated} of ${all} articles; ${fallback} of the others.${unfinished}`;
}

/** The sentence that warns of curated layers still being curated (empty when none is). */
function stillCuratingNote(titles: readonly string[]): string {
  if (titles.length === 0) return '';
  const shown = titles.slice(0, 3).map((t) => `“${excerpt(t, 60)}”`);
  const more = titles.length > shown.length ? ` and ${titles.length - shown.length} more` : '';
  const which = titles.length === 1 ? 'One article is' : `${titles.length} articles are`;
  return ` ${which} still being curated (${shown.join(', ')}${more}): what is not decided there yet is not in the export.`;
}

function possessive(name: string): string {
  return `${name}’s`;
}

/** Every annotator with a layer of a document, or an annotation or link, in the snapshot. */
function annotatorsWithWork(snapshot: WorkspaceSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const d of snapshot.documents) {
    for (const id of d.layers ?? []) ids.add(id);
    for (const a of d.annotations) ids.add(a.annotator);
  }
  for (const l of snapshot.links) ids.add(l.annotator);
  return ids;
}

function identityOf(snapshot: WorkspaceSnapshot, id: string): AnnotatorIdentity {
  const known = snapshot.annotators?.find((a) => a.id === id);
  if (known && !(id === CURATED_ANNOTATOR && known.name === id)) return { ...known };
  return { id, name: id === CURATED_ANNOTATOR ? CURATED_NAME : (known?.name ?? id), email: known?.email ?? '' };
}
