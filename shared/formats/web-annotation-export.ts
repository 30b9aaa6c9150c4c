import type { Annotation } from '../model/annotation.js';
import { CURATED_ANNOTATOR } from '../model/annotator.js';
import type { Label, LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { CodePointIndex } from '../text/code-points.js';
import { contentHash } from '../text/content-hash.js';
import { fragmentAt } from '../text/text-quote.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import { carriesAnnotators, exportedAnnotator, type ExportedLayers } from './export-layers.js';
import { annotatorIri, documentIri, itemIri, labelIri, linkTypeIri, textSourceIri } from './web-annotation-iris.js';
import { ANNO_CONTEXT, type SpecificResourceTarget, type TextualBody, type WebAnnotation } from './web-annotation-types.js';

/** Options of the Web Annotation exports. */
export interface WebAnnotationExportOptions {
  /** The collection's IRI; by default derived from the documents' content hashes. */
  collectionId?: string;
  /** The collection's label (default `Corroborate export`). */
  label?: string;
  /** The layers the snapshot holds; for the curated or every layer each annotation's `creator` names its annotator. */
  layers?: ExportedLayers;
}

/**
 * Exports the workspace as one W3C Web Annotation `AnnotationCollection` (`annotations.jsonld`)
 * whose first (and only) `AnnotationPage` embeds every annotation, one per line.
 *
 * Each span is an Annotation (`motivation: classifying`, id `urn:uuid:<annotation id>`):
 * - targets: one `SpecificResource` per fragment, in document order (a discontinuous span has
 *   several targets; a List would be truer to "all pieces together" but is rejected by the MUST
 *   schemas unless it has no id, and by `validate-web-annotation` unless it has one). `source` is
 *   `urn:sha256:<hex>` of the stored text (the text the offsets index), `scope` the document
 *   `urn:corroborate:document:<id>`; selectors are a TextQuoteSelector (exact, and up to 32 UTF-16
 *   units of prefix/suffix) and a TextPositionSelector in Unicode code points of the stored
 *   (LF, NFC) text.
 * - bodies: the label as a `classifying` TextualBody (value = label name, id = `urn:corroborate:
 *   label:<id>`), each attribute as a `describing` TextualBody with `format: application/json` and
 *   value `{"name":…,"value":…}` (keeps booleans and numbers typed), the note as `commenting`.
 * - `created`/`modified` (xsd:dateTime) and `creator` (a Person named by the author, with the
 *   annotator's id as its `nickname`) when known. When `layers` are the curated or every layer,
 *   every annotation and link has a `creator`: the agent of its layer, with the annotator's IRI as
 *   `id` (`urn:corroborate:annotator:<id>`), their name and their id as `nickname`; the curated
 *   layer's agent is an `Organization` (the team that agreed on it), everyone else a `Person`.
 * Each link is an Annotation with `motivation: linking`, the link type as a `classifying` body
 * (`urn:corroborate:link-type:<id>`), its note as `commenting`, and the two linked annotations'
 * IRIs as targets, source first (JSON-LD treats `target` as a set, so readers that need the
 * direction of a directed type rely on this order or on the link type). Annotations whose offsets
 * do not fit the text are left out, and with them their links.
 */
export function* exportW3cAnnotationCollection(
  snapshot: WorkspaceSnapshot,
  options: WebAnnotationExportOptions = {},
): Iterable<ExportedFile> {
  yield { path: 'annotations.jsonld', chunks: collectionChunks(snapshot, options) };
}

/** Exports the same annotations as `exportW3cAnnotationCollection`, one complete annotation per line (`annotations.jsonl`). */
export function* exportW3cAnnotationJsonLines(snapshot: WorkspaceSnapshot, layers?: ExportedLayers): Iterable<ExportedFile> {
  yield { path: 'annotations.jsonl', chunks: jsonLinesChunks(snapshot, layers) };
}

function* jsonLinesChunks(snapshot: WorkspaceSnapshot, layers: ExportedLayers | undefined): Iterable<string> {
  for (const annotation of webAnnotationsOf(snapshot, layers)) {
    yield `${JSON.stringify({ '@context': ANNO_CONTEXT, ...annotation })}\n`;
  }
}

function* collectionChunks(snapshot: WorkspaceSnapshot, options: WebAnnotationExportOptions): Iterable<string> {
  const plan = planExport(snapshot);
  const total = plan.spanCount + plan.links.length;
  const id = options.collectionId ?? defaultCollectionId(snapshot);
  yield (
    `{\n  "@context": ${JSON.stringify(ANNO_CONTEXT)},\n  "id": ${JSON.stringify(id)},\n` +
    `  "type": "AnnotationCollection",\n  "label": ${JSON.stringify(options.label ?? 'Corroborate export')},\n` +
    `  "total": ${total},\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`
  );
  let first = true;
  for (const annotation of annotationsOfPlan(snapshot, plan, options.layers)) {
    yield `${first ? '\n' : ',\n'}      ${JSON.stringify(annotation)}`;
    first = false;
  }
  yield `${first ? '' : '\n    '}]\n  }\n}\n`;
}

/** Every span and link of the snapshot as a Web Annotation object (without `@context`), spans first. */
export function webAnnotationsOf(snapshot: WorkspaceSnapshot, layers?: ExportedLayers): Iterable<WebAnnotation> {
  return annotationsOfPlan(snapshot, planExport(snapshot), layers);
}

interface ExportPlan {
  exportable: Map<string, Annotation[]>;
  spanCount: number;
  links: Link[];
}

function planExport(snapshot: WorkspaceSnapshot): ExportPlan {
  const exportable = new Map<string, Annotation[]>();
  const keys = new Set<string>();
  let spanCount = 0;
  for (const document of snapshot.documents) {
    const list = exportableAnnotations(document);
    exportable.set(document.meta.id, list);
    spanCount += list.length;
    for (const a of list) keys.add(`${document.meta.id}\u0000${a.id}`);
  }
  const types = new Set(snapshot.linkTypes.map((t) => t.id));
  const links = snapshot.links.filter(
    (l) =>
      types.has(l.typeId) &&
      keys.has(`${l.source.documentId}\u0000${l.source.annotationId}`) &&
      keys.has(`${l.target.documentId}\u0000${l.target.annotationId}`),
  );
  return { exportable, spanCount, links };
}

function* annotationsOfPlan(snapshot: WorkspaceSnapshot, plan: ExportPlan, layers: ExportedLayers | undefined): Iterable<WebAnnotation> {
  const labels = new Map(snapshot.labels.map((l) => [l.id, l]));
  const creatorOf = carriesAnnotators(layers) ? (item: Provenance) => layerCreator(layers, item) : provenance;
  for (const document of snapshot.documents) {
    const index = new CodePointIndex(document.text);
    for (const annotation of plan.exportable.get(document.meta.id) ?? []) {
      yield spanAnnotation(document, index, annotation, labels.get(annotation.labelId), creatorOf);
    }
  }
  const types = new Map(snapshot.linkTypes.map((t) => [t.id, t]));
  for (const link of plan.links) yield linkAnnotation(link, types.get(link.typeId)!, creatorOf);
}

/** Who made an item and when, as the item says. */
type Provenance = { author: string; annotator: string; createdAt: string; updatedAt: string };

function spanAnnotation(
  document: DocumentSnapshot,
  index: CodePointIndex,
  annotation: Annotation,
  label: Label | undefined,
  creatorOf: (item: Provenance) => Partial<WebAnnotation>,
): WebAnnotation {
  const source = textSourceIri(document.meta.contentHash);
  const scope = documentIri(document.meta.id);
  const targets: SpecificResourceTarget[] = annotation.fragments.map((fragment) => {
    const quote = fragmentAt(document.text, fragment);
    return {
      type: 'SpecificResource',
      source,
      scope,
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: index.toCodePoint(fragment.start), end: index.toCodePoint(fragment.end) },
      ],
    };
  });
  const body: TextualBody[] = [
    { type: 'TextualBody', id: labelIri(annotation.labelId), purpose: 'classifying', value: label?.name ?? annotation.labelId },
  ];
  for (const [name, value] of Object.entries(annotation.attributes)) {
    body.push({ type: 'TextualBody', purpose: 'describing', format: 'application/json', value: JSON.stringify({ name, value }) });
  }
  if (annotation.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: annotation.note });
  return {
    id: itemIri(annotation.id),
    type: 'Annotation',
    motivation: 'classifying',
    ...creatorOf(annotation),
    body,
    target: targets.length === 1 ? targets[0]! : targets,
  };
}

function linkAnnotation(link: Link, type: LinkType, creatorOf: (item: Provenance) => Partial<WebAnnotation>): WebAnnotation {
  const body: TextualBody[] = [{ type: 'TextualBody', id: linkTypeIri(type.id), purpose: 'classifying', value: type.name }];
  if (link.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: link.note });
  return {
    id: itemIri(link.id),
    type: 'Annotation',
    motivation: 'linking',
    ...creatorOf(link),
    body,
    target: [itemIri(link.source.annotationId), itemIri(link.target.annotationId)],
  };
}

function provenance(item: Provenance): Partial<WebAnnotation> {
  const result: Partial<WebAnnotation> = {};
  if (item.createdAt) result.created = item.createdAt;
  if (item.updatedAt) result.modified = item.updatedAt;
  if (item.author) result.creator = { type: 'Person', name: item.author, nickname: item.annotator };
  return result;
}

/** `provenance`, with the creator always the agent of the item's layer (when the export holds the curated or every layer). */
function layerCreator(layers: ExportedLayers, item: Provenance): Partial<WebAnnotation> {
  const { creator: _byAuthor, ...times } = provenance(item);
  const annotator = exportedAnnotator(layers, item.annotator);
  const type = annotator.id === CURATED_ANNOTATOR ? 'Organization' : 'Person';
  return { ...times, creator: { id: annotatorIri(annotator.id), type, name: annotator.name, nickname: annotator.id } };
}

function defaultCollectionId(snapshot: WorkspaceSnapshot): string {
  const hashes = snapshot.documents.map((d) => d.meta.contentHash).join('\n');
  return `urn:corroborate:collection:${contentHash(hashes).slice('sha256:'.length)}`;
}
