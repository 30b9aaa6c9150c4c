import type { WorkspaceSnapshot } from '../model/workspace.js';
import { CodePointIndex } from '../text/code-points.js';
import { csvRecord } from './csv-field.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import { carriesAnnotators, type ExportedLayers } from './export-layers.js';

/** Options of the CSV export. */
export interface CsvExportOptions {
  /**
   * Guard text cells against spreadsheet formulas with `guardSpreadsheetCell` (default true; see
   * `csvField`). Turn off for pipelines that read raw CSV.
   */
  guardFormulas?: boolean;
  /** Start each file with a UTF-8 byte-order mark, which Excel needs to detect UTF-8 (default false). */
  byteOrderMark?: boolean;
  /** The layers the snapshot holds; for the curated or every layer, annotations and links get an `annotator` column. */
  layers?: ExportedLayers;
}

/**
 * Exports three RFC 4180 CSV files (UTF-8, CRLF record ends, header row, fields quoted when needed;
 * line breaks inside a quoted text stay LF, as stored):
 * - `documents.csv`: `document_id, title, outlet, date, url, source_file, content_hash,
 *   length_utf16, length_code_points, imported_at, text`;
 * - `annotations.csv`: one row per fragment: `annotation_id, document_id, label_id, label,
 *   fragment_index, fragment_count, start_utf16, end_utf16, start_code_point, end_code_point,
 *   text, attributes` (a JSON object), `note, author, created_at, updated_at`; offsets end
 *   exclusive, in both units, into the document's `text`;
 * - `links.csv`: `link_id, type_id, type, directed, source_document_id, source_annotation_id,
 *   target_document_id, target_annotation_id, note, author, created_at, updated_at`.
 * When `options.layers` are the curated or every layer, `annotations.csv` and `links.csv` have an
 * `annotator` column after `author` (the id of the layer each row is in).
 * Formula guarding is on by default (see `CsvExportOptions`), so a reader must undo it
 * (`unguardSpreadsheetCell`) on text cells before slicing `text`. Annotations whose offsets do not fit the
 * text are left out, with their links.
 */
export function* exportCsv(snapshot: WorkspaceSnapshot, options: CsvExportOptions = {}): Iterable<ExportedFile> {
  const guard = options.guardFormulas ?? true;
  const bom = options.byteOrderMark ? '\ufeff' : '';
  const withAnnotator = carriesAnnotators(options.layers);
  /** The columns up to `author`, the `annotator` column when the export carries one, then the rest. */
  const columns = <T>(upToAuthor: T[], annotator: T, rest: T[]): T[] => (withAnnotator ? [...upToAuthor, annotator, ...rest] : [...upToAuthor, ...rest]);
  const exported = new Set<string>();
  const perDocument = snapshot.documents.map((d) => {
    const list = exportableAnnotations(d);
    for (const a of list) exported.add(`${d.meta.id}\u0000${a.id}`);
    return list;
  });
  yield {
    path: 'documents.csv',
    chunks: (function* () {
      yield bom + csvRecord(['document_id', 'title', 'outlet', 'date', 'url', 'source_file', 'content_hash', 'length_utf16', 'length_code_points', 'imported_at', 'text'], false);
      for (const { meta, text } of snapshot.documents) {
        const codePoints = new CodePointIndex(text).codePointLength;
        yield csvRecord([meta.id, meta.title, meta.outlet, meta.date, meta.url, meta.sourceFile, meta.contentHash, text.length, codePoints, meta.importedAt, text], guard);
      }
    })(),
  };
  yield {
    path: 'annotations.csv',
    chunks: (function* () {
      yield bom + csvRecord(columns(['annotation_id', 'document_id', 'label_id', 'label', 'fragment_index', 'fragment_count', 'start_utf16', 'end_utf16', 'start_code_point', 'end_code_point', 'text', 'attributes', 'note', 'author'], 'annotator', ['created_at', 'updated_at']), false);
      const labels = new Map(snapshot.labels.map((l) => [l.id, l.name]));
      for (let d = 0; d < snapshot.documents.length; d++) {
        const index = new CodePointIndex(snapshot.documents[d]!.text);
        let rows = '';
        for (const a of perDocument[d]!) {
          const attributes = JSON.stringify(a.attributes);
          a.fragments.forEach((f, i) => {
            rows += csvRecord(
              columns(
                [a.id, a.documentId, a.labelId, labels.get(a.labelId) ?? a.labelId, i, a.fragments.length, f.start, f.end, index.toCodePoint(f.start), index.toCodePoint(f.end), f.exact, attributes, a.note, a.author],
                a.annotator,
                [a.createdAt, a.updatedAt],
              ),
              guard,
            );
          });
          if (rows.length > 65536) {
            yield rows;
            rows = '';
          }
        }
        if (rows) yield rows;
      }
    })(),
  };
  yield {
    path: 'links.csv',
    chunks: (function* () {
      yield bom + csvRecord(columns(['link_id', 'type_id', 'type', 'directed', 'source_document_id', 'source_annotation_id', 'target_document_id', 'target_annotation_id', 'note', 'author'], 'annotator', ['created_at', 'updated_at']), false);
      const types = new Map(snapshot.linkTypes.map((t) => [t.id, t]));
      for (const l of snapshot.links) {
        if (!exported.has(`${l.source.documentId}\u0000${l.source.annotationId}`) || !exported.has(`${l.target.documentId}\u0000${l.target.annotationId}`)) continue;
        const type = types.get(l.typeId);
        yield csvRecord(
          columns([l.id, l.typeId, type?.name ?? l.typeId, type?.directed ?? true, l.source.documentId, l.source.annotationId, l.target.documentId, l.target.annotationId, l.note, l.author], l.annotator, [l.createdAt, l.updatedAt]),
          guard,
        );
      }
    })(),
  };
}
