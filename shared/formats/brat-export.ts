import type { Annotation } from '../model/annotation.js';
import type { Link } from '../model/link.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { CodePointIndex } from '../text/code-points.js';
import { bratAnnotationConf, bratVisualConf } from './brat-config.js';
import { bratPieces } from './brat-pieces.js';
import { encodeBratValue } from './brat-values.js';
import { CROSS_DOCUMENT_LINKS_FILE, crossDocumentLinkChunks, type CrossDocumentLinkRow } from './cross-document-links.js';
import { assignDocumentFileNames } from './document-file-names.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import { exportedAnnotator, layerOfAnnotator, type ExportedLayers } from './export-layers.js';
import { guardSpreadsheetCell } from './spreadsheet-formula-guard.js';

/** Line breaks and tabs in a note, which a `#` line cannot hold, become spaces. */
const NOTE_UNSAFE = /[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/g;

/**
 * Exports the workspace as a brat standoff collection that opens in brat as is:
 * - per document `NAME.txt` (exactly the stored text: LF, NFC) and `NAME.ann`, NAME from
 *   `assignDocumentFileNames` (safe, unique);
 * - `T` lines with the label id as type and offsets in Unicode code points, 0-based, end
 *   exclusive; a discontinuous annotation is `0 5;16 23` with its text pieces joined by one
 *   space; a fragment across lines is split at each line break (brat spans cannot hold one, see
 *   `bratPieces`), so it reads back joined (`joinBratPieces`);
 * - `A` lines: `A1 name T1` for true booleans (false ones are left out: in brat an absent binary
 *   attribute is false), `A1 name T1 value` otherwise, names and values percent-encoded where brat
 *   cannot keep a character (spaces, line breaks, `%`, `|`, `,`; see `encodeBratValue`);
 * - `#` AnnotatorNotes lines for notes (tabs and line breaks become spaces);
 * - `R` lines `type Arg1:Tn Arg2:Tm` for links inside one document (source is Arg1);
 * - `annotation.conf` and `visual.conf` from the schema, and `cross-document-links.tsv` with the
 *   links between documents as `NAME:Tn` ends.
 * T numbers follow the annotations' position order. Annotations whose offsets do not fit the text
 * are left out, with their links.
 *
 * Layers (`layers`): one annotator's layer is the collection above. Every layer is one folder per
 * annotator, named by their id (`<annotator>/`), each a complete collection of every document with
 * that annotator's annotations (brat keeps one set per collection, and compares two collections).
 * The curated layer is one collection plus `document-layers.tsv` (document name, annotator id,
 * annotator name, formula-guarded), since a `.ann` file cannot say whose it is.
 */
export function* exportBratStandoff(snapshot: WorkspaceSnapshot, layers?: ExportedLayers): Iterable<ExportedFile> {
  if (layers?.choice.kind === 'all') {
    for (const annotator of layers.annotators) {
      for (const file of bratCollection(layerOfAnnotator(snapshot, annotator.id))) yield { ...file, path: `${annotator.id}/${file.path}` };
    }
    return;
  }
  yield* bratCollection(snapshot);
  if (layers?.choice.kind === 'curated') yield { path: DOCUMENT_LAYERS_FILE, chunks: documentLayerChunks(snapshot, layers) };
}

/** The side file of a brat export of the curated layer that says which layer each document's annotations come from. */
export const DOCUMENT_LAYERS_FILE = 'document-layers.tsv';

function* documentLayerChunks(snapshot: WorkspaceSnapshot, layers: ExportedLayers): Iterable<string> {
  const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
  yield 'document\tannotator\tannotator_name\n';
  for (const { meta } of snapshot.documents) {
    const annotator = exportedAnnotator(layers, layers.documentLayers?.get(meta.id) ?? '');
    yield `${[names.get(meta.id)!, annotator.id, annotator.name.replace(/[\t\r\n]/g, ' ')].map(guardSpreadsheetCell).join('\t')}\n`;
  }
}

/** One brat collection of one layer (see `exportBratStandoff`). */
function* bratCollection(snapshot: WorkspaceSnapshot): Iterable<ExportedFile> {
  const cache = new Map<DocumentSnapshot, Annotation[]>();
  const exportable = (document: DocumentSnapshot): Annotation[] => {
    let list = cache.get(document);
    if (!list) cache.set(document, (list = exportableAnnotations(document)));
    return list;
  };
  const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
  const linksByDocument = new Map<string, Link[]>();
  for (const link of snapshot.links) {
    if (link.source.documentId !== link.target.documentId) continue;
    let list = linksByDocument.get(link.source.documentId);
    if (!list) linksByDocument.set(link.source.documentId, (list = []));
    list.push(link);
  }
  for (const document of snapshot.documents) {
    const name = names.get(document.meta.id)!;
    yield { path: `${name}.txt`, chunks: [document.text] };
    yield { path: `${name}.ann`, chunks: annChunks(document, exportable(document), linksByDocument.get(document.meta.id) ?? []) };
  }
  yield {
    path: 'annotation.conf',
    chunks: (function* () {
      yield bratAnnotationConf(snapshot.labels, snapshot.linkTypes, snapshot.documents.flatMap(exportable));
    })(),
  };
  yield { path: 'visual.conf', chunks: (function* () { yield bratVisualConf(snapshot.labels, snapshot.linkTypes); })() };
  yield { path: CROSS_DOCUMENT_LINKS_FILE, chunks: crossDocumentLinkChunks(crossDocumentRows(snapshot, names, exportable)) };
}

/**
 * The brat T id of each exported annotation of a document (`T1`, `T2`, … in position order),
 * keyed by annotation id. Annotations with no brat piece (only line breaks) get none.
 * `annotations` is the document's `exportableAnnotations`, passed when already computed.
 */
export function bratEntityIds(document: DocumentSnapshot, annotations = exportableAnnotations(document)): Map<string, string> {
  const ids = new Map<string, string>();
  for (const annotation of annotations) {
    if (bratPieces(document.text, annotation.fragments).length > 0) ids.set(annotation.id, `T${ids.size + 1}`);
  }
  return ids;
}

function* annChunks(document: DocumentSnapshot, annotations: readonly Annotation[], links: readonly Link[]): Iterable<string> {
  const index = new CodePointIndex(document.text);
  const text = document.text;
  const entities: Array<{ annotation: Annotation; tid: string }> = [];
  let lines: string[] = [];
  for (const annotation of annotations) {
    const pieces = bratPieces(text, annotation.fragments);
    if (pieces.length === 0) continue;
    const tid = `T${entities.length + 1}`;
    entities.push({ annotation, tid });
    const offsets = pieces.map((p) => `${index.toCodePoint(p.start)} ${index.toCodePoint(p.end)}`).join(';');
    lines.push(`${tid}\t${annotation.labelId} ${offsets}\t${pieces.map((p) => text.slice(p.start, p.end)).join(' ')}\n`);
    if (lines.length >= 256) {
      yield lines.join('');
      lines = [];
    }
  }
  let attributeCount = 0;
  let noteCount = 0;
  for (const { annotation, tid } of entities) {
    for (const [name, value] of Object.entries(annotation.attributes)) {
      if (value === false) continue;
      const valuePart = value === true ? '' : ` ${encodeBratValue(String(value))}`;
      lines.push(`A${++attributeCount}\t${encodeBratValue(name)} ${tid}${valuePart}\n`);
    }
  }
  for (const { annotation, tid } of entities) {
    if (annotation.note) lines.push(`#${++noteCount}\tAnnotatorNotes ${tid}\t${annotation.note.replace(NOTE_UNSAFE, ' ')}\n`);
  }
  const tids = new Map(entities.map((e) => [e.annotation.id, e.tid]));
  let relationCount = 0;
  for (const link of links) {
    const arg1 = tids.get(link.source.annotationId);
    const arg2 = tids.get(link.target.annotationId);
    if (arg1 && arg2 && arg1 !== arg2) lines.push(`R${++relationCount}\t${link.typeId} Arg1:${arg1} Arg2:${arg2}\n`);
  }
  if (lines.length > 0) yield lines.join('');
}

function* crossDocumentRows(
  snapshot: WorkspaceSnapshot,
  names: Map<string, string>,
  exportable: (document: DocumentSnapshot) => Annotation[],
): Iterable<CrossDocumentLinkRow> {
  const cross = snapshot.links.filter((l) => l.source.documentId !== l.target.documentId);
  if (cross.length === 0) return;
  const touched = new Set(cross.flatMap((l) => [l.source.documentId, l.target.documentId]));
  const tids = new Map<string, Map<string, string>>();
  for (const document of snapshot.documents) {
    if (touched.has(document.meta.id)) tids.set(document.meta.id, bratEntityIds(document, exportable(document)));
  }
  const directed = new Map(snapshot.linkTypes.map((t) => [t.id, t.directed]));
  for (const link of cross) {
    const source = tids.get(link.source.documentId)?.get(link.source.annotationId);
    const target = tids.get(link.target.documentId)?.get(link.target.annotationId);
    if (!source || !target) continue;
    yield {
      linkId: link.id,
      type: link.typeId,
      directed: directed.get(link.typeId) ?? true,
      source: { document: names.get(link.source.documentId)!, span: source },
      target: { document: names.get(link.target.documentId)!, span: target },
      note: link.note,
    };
  }
}
