import type { WorkspaceSnapshot } from '../model/workspace.js';
import { CROSS_DOCUMENT_LINKS_FILE, crossDocumentLinkChunks, type CrossDocumentLinkRow } from './cross-document-links.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import type { ExportedLayers } from './export-layers.js';
import { offsetConverter, type OffsetUnit } from './offset-unit.js';

/** Options of the doccano export. */
export interface DoccanoExportOptions {
  /** Offset unit (default UTF-16 code units, what doccano's frontend counts). */
  offsetUnit?: OffsetUnit;
  /** The layers the snapshot holds; for the curated layer each line says whose its labels are. */
  layers?: ExportedLayers;
}

/**
 * Exports doccano sequence-labelling JSONL (`doccano.jsonl`), one document per line:
 * `{"id", "text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
 * [{"id", "from_id", "to_id", "type"}], "document_id", "title", "outlet", "date", "url",
 * "source_file", "content_hash", "corroborate_spans"}` plus `cross-document-links.tsv` (ends as
 * `LINE_ID:ENTITY_ID`). Line ids are 1, 2, … in document order; entity and relation ids run
 * across the whole export, so each is unique.
 *
 * Offsets: doccano computes offsets in the browser, in UTF-16 code units (doccano issue #2290: an
 * emoji counts 2, unlike Python), unless the project counts grapheme clusters; the default is
 * therefore UTF-16, end exclusive, and `offsetUnit: 'codePoint'` gives Python-style offsets (for
 * doccano's old emoji-corrected exports, PR #108). Grapheme offsets are not offered.
 *
 * Labels and relation types are written by name. doccano has no discontinuous entities: each
 * fragment is its own entity with the same label, and `corroborate_spans` (`[{annotation_id,
 * entity_ids}]`, kept by doccano as metadata) ties them together; relations join the first
 * fragments' entities.
 *
 * Layers: doccano's JSONL has no annotator (its own export writes one file per user), so it holds
 * one layer or the curated layer, never every layer (`refusesAllLayers`). For the curated layer
 * each line ends with `annotator`, the id of the layer its labels come from (kept by doccano as
 * metadata).
 */
export function* exportDoccano(snapshot: WorkspaceSnapshot, options: DoccanoExportOptions = {}): Iterable<ExportedFile> {
  const unit = options.offsetUnit ?? 'utf16';
  const documentLayers = options.layers?.choice.kind === 'curated' ? options.layers.documentLayers : null;
  yield {
    path: 'doccano.jsonl',
    chunks: (function* () {
      const labels = new Map(snapshot.labels.map((l) => [l.id, l.name]));
      const types = new Map(snapshot.linkTypes.map((t) => [t.id, t]));
      const firstEntity = new Map<string, number>();
      let entityId = 0;
      let relationId = 0;
      for (let d = 0; d < snapshot.documents.length; d++) {
        const { meta, text } = snapshot.documents[d]!;
        const toUnit = offsetConverter(text, unit);
        const entities: Array<{ id: number; start_offset: number; end_offset: number; label: string }> = [];
        const spans: Array<{ annotation_id: string; entity_ids: number[] }> = [];
        for (const a of exportableAnnotations(snapshot.documents[d]!)) {
          const ids = a.fragments.map((f) => {
            entities.push({ id: ++entityId, start_offset: toUnit(f.start), end_offset: toUnit(f.end), label: labels.get(a.labelId) ?? a.labelId });
            return entityId;
          });
          firstEntity.set(a.id, ids[0]!);
          spans.push({ annotation_id: a.id, entity_ids: ids });
        }
        const relations = [];
        for (const link of snapshot.links) {
          if (link.source.documentId !== meta.id || link.target.documentId !== meta.id) continue;
          const from = firstEntity.get(link.source.annotationId);
          const to = firstEntity.get(link.target.annotationId);
          if (from && to) relations.push({ id: ++relationId, from_id: from, to_id: to, type: types.get(link.typeId)?.name ?? link.typeId });
        }
        firstEntity.clear();
        yield `${JSON.stringify({
          id: d + 1,
          text,
          entities,
          relations,
          document_id: meta.id,
          title: meta.title,
          outlet: meta.outlet,
          date: meta.date,
          url: meta.url,
          source_file: meta.sourceFile,
          content_hash: meta.contentHash,
          corroborate_spans: spans,
          ...(documentLayers ? { annotator: documentLayers.get(meta.id) } : {}),
        })}\n`;
      }
    })(),
  };
  yield { path: CROSS_DOCUMENT_LINKS_FILE, chunks: crossDocumentLinkChunks(crossDocumentRows(snapshot)) };
}

/**
 * Where each exported annotation's first entity is in a doccano export: its line (1-based) and
 * entity id, by `documentId` NUL `annotationId`. Mirrors the numbering of `exportDoccano`.
 */
export function doccanoEntityPositions(snapshot: WorkspaceSnapshot): Map<string, { line: number; entity: number }> {
  const positions = new Map<string, { line: number; entity: number }>();
  let entityId = 0;
  snapshot.documents.forEach((document, d) => {
    for (const a of exportableAnnotations(document)) {
      positions.set(`${document.meta.id}\u0000${a.id}`, { line: d + 1, entity: entityId + 1 });
      entityId += a.fragments.length;
    }
  });
  return positions;
}

function* crossDocumentRows(snapshot: WorkspaceSnapshot): Iterable<CrossDocumentLinkRow> {
  const cross = snapshot.links.filter((l) => l.source.documentId !== l.target.documentId);
  if (cross.length === 0) return;
  const positions = doccanoEntityPositions(snapshot);
  const directed = new Map(snapshot.linkTypes.map((t) => [t.id, t.directed]));
  for (const link of cross) {
    const from = positions.get(`${link.source.documentId}\u0000${link.source.annotationId}`);
    const to = positions.get(`${link.target.documentId}\u0000${link.target.annotationId}`);
    if (!from || !to) continue;
    yield {
      linkId: link.id,
      type: link.typeId,
      directed: directed.get(link.typeId) ?? true,
      source: { document: String(from.line), span: String(from.entity) },
      target: { document: String(to.line), span: String(to.entity) },
      note: link.note,
    };
  }
}
