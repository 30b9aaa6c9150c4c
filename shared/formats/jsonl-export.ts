import type { Link } from '../model/link.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { CodePointIndex } from '../text/code-points.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import { carriesAnnotators, type ExportedLayers } from './export-layers.js';

/**
 * Exports `documents.jsonl`: one JSON object per document and line (LF), in snapshot order:
 * `{documentId, title, outlet, date, url, sourceFile, contentHash, text, spans, links}`.
 * Each span gives `id`, `labelId`, `label` (name), `attributes`, `note`, `text` (its fragments'
 * texts joined by one space) and `fragments`, each with both offset units:
 * `utf16Start`/`utf16End` (JavaScript, Java, C#: `text.slice`) and `codePointStart`/`codePointEnd`
 * (Python: `text[start:end]`), end exclusive, plus its `text`. `links` lists every link touching
 * the document: `{id, typeId, type, directed, role: "source"|"target", spanId, otherDocumentId,
 * otherSpanId, note}`. Annotations whose offsets do not fit the text are left out, with their links.
 * When `layers` are the curated or every layer, each span and link also gives its `annotator` (the
 * id of the layer it is in, after `id`), and for the curated layer each line gives the `layer` its
 * spans come from (before `spans`); one annotator's layer is written without them.
 */
export function* exportJsonLines(snapshot: WorkspaceSnapshot, layers?: ExportedLayers): Iterable<ExportedFile> {
  yield { path: 'documents.jsonl', chunks: jsonLinesChunks(snapshot, carriesAnnotators(layers) ? layers : null) };
}

function* jsonLinesChunks(snapshot: WorkspaceSnapshot, layers: ExportedLayers | null): Iterable<string> {
  const whose = (item: { annotator: string }) => (layers ? { annotator: item.annotator } : {});
  const labels = new Map(snapshot.labels.map((l) => [l.id, l]));
  const types = new Map(snapshot.linkTypes.map((t) => [t.id, t]));
  const exported = new Set<string>();
  const perDocument = snapshot.documents.map((document) => {
    const annotations = exportableAnnotations(document);
    for (const a of annotations) exported.add(`${document.meta.id}\u0000${a.id}`);
    return annotations;
  });
  const linksByDocument = new Map<string, Link[]>();
  for (const link of snapshot.links) {
    if (!exported.has(`${link.source.documentId}\u0000${link.source.annotationId}`)) continue;
    if (!exported.has(`${link.target.documentId}\u0000${link.target.annotationId}`)) continue;
    for (const documentId of new Set([link.source.documentId, link.target.documentId])) {
      let list = linksByDocument.get(documentId);
      if (!list) linksByDocument.set(documentId, (list = []));
      list.push(link);
    }
  }
  for (let d = 0; d < snapshot.documents.length; d++) {
    const { meta, text } = snapshot.documents[d]!;
    const index = new CodePointIndex(text);
    const spans = perDocument[d]!.map((a) => ({
      id: a.id,
      ...whose(a),
      labelId: a.labelId,
      label: labels.get(a.labelId)?.name ?? a.labelId,
      attributes: a.attributes,
      note: a.note,
      text: a.fragments.map((f) => f.exact).join(' '),
      fragments: a.fragments.map((f) => ({
        utf16Start: f.start,
        utf16End: f.end,
        codePointStart: index.toCodePoint(f.start),
        codePointEnd: index.toCodePoint(f.end),
        text: f.exact,
      })),
    }));
    const links = (linksByDocument.get(meta.id) ?? []).flatMap((link) => {
      const type = types.get(link.typeId);
      const common = { id: link.id, ...whose(link), typeId: link.typeId, type: type?.name ?? link.typeId, directed: type?.directed ?? true, note: link.note };
      const rows = [];
      if (link.source.documentId === meta.id) {
        rows.push({ ...common, role: 'source', spanId: link.source.annotationId, otherDocumentId: link.target.documentId, otherSpanId: link.target.annotationId });
      }
      if (link.target.documentId === meta.id) {
        rows.push({ ...common, role: 'target', spanId: link.target.annotationId, otherDocumentId: link.source.documentId, otherSpanId: link.source.annotationId });
      }
      return rows;
    });
    yield `${JSON.stringify({
      documentId: meta.id,
      title: meta.title,
      outlet: meta.outlet,
      date: meta.date,
      url: meta.url,
      sourceFile: meta.sourceFile,
      contentHash: meta.contentHash,
      text,
      ...(layers?.documentLayers ? { layer: layers.documentLayers.get(meta.id) } : {}),
      spans,
      links,
    })}\n`;
  }
}
