import type { Annotation } from '../model/annotation.js';
import { CURATED_ANNOTATOR } from '../model/annotator.js';
import type { AttributeDefinition, Label, LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { CROSS_DOCUMENT_LINKS_FILE, crossDocumentLinkChunks, type CrossDocumentLinkRow } from './cross-document-links.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import { carriesAnnotators, exportedAnnotator, type ExportedLayers } from './export-layers.js';
import { offsetConverter, type OffsetUnit } from './offset-unit.js';

/** Options of the Label Studio export. */
export interface LabelStudioExportOptions {
  /** Offset unit of `value.start`/`value.end` (default code points, what Label Studio stores). */
  offsetUnit?: OffsetUnit;
  /** The layers the snapshot holds; for the curated or every layer, a task has one annotation per layer (see `exportLabelStudio`). */
  layers?: ExportedLayers;
}

/**
 * Exports Label Studio JSON tasks (`label-studio-tasks.json`), the labeling config they fit
 * (`label-studio-config.xml`: a `Labels` control `label` over a `Text` object `text`, `Relations`
 * with the link type names, and one per-region `Choices`/`TextArea` per attribute), and the links
 * between documents (`cross-document-links.tsv`, ends as `TASK_ID:REGION_ID`).
 *
 * Offsets: Label Studio's frontend stores region offsets in Unicode code points since
 * label-studio-frontend PR #308 (label-studio PR #1559, "store code points instead of js length";
 * issue #4988 shows exported offsets matching Python slicing while the UI is off), so `start`/`end`
 * are code points by default, end exclusive, into `data.text`.
 *
 * Each task is `{id, data: {text, document_id, title, outlet, date, url, source_file,
 * content_hash}, annotations: [{result}]}` with task ids 1, 2, … in document order. A span is one
 * `labels` result per fragment (`value: {start, end, text, labels: [label name]}`): Label Studio
 * has no discontinuous regions, so the fragments of one annotation are tied by their ids — the
 * first fragment's region id is the annotation id, later ones `<annotation id>#2`, `#3`, … — and
 * by `meta.annotation_id`. The note goes in the first region's `meta.text` (the region note Label
 * Studio shows). Attributes are per-region results on the first region (`choices` for choice and
 * boolean, `textarea` for text and number, `from_name` = `attr_<name>`). Links inside a document
 * are `relation` results between first regions, `direction` `right` for directed types and `bi`
 * otherwise, `labels: [link type name]`.
 *
 * Layers: one annotator's layer is one annotation per task, `{result}`, as above. For the curated
 * or every layer, a task has one annotation per layer of its document (the curated choice: the one
 * its spans come from; every layer: each annotator with a layer of it, by id), each with that
 * layer's regions and relations: `{completed_by, ground_truth, corroborate_annotator, result}`.
 * `completed_by` is `{email, first_name}` (Label Studio's import gives the annotation to the member
 * with that email) and is left out for an annotator without an email (the import then gives it to
 * whoever imports); `ground_truth` is true for the curated layer only; `corroborate_annotator`
 * (`{id, name}`, which Label Studio ignores) names the layer in any case.
 */
export function* exportLabelStudio(snapshot: WorkspaceSnapshot, options: LabelStudioExportOptions = {}): Iterable<ExportedFile> {
  const unit = options.offsetUnit ?? 'codePoint';
  const layers = options.layers;
  const taskIds = new Map(snapshot.documents.map((d, i) => [d.meta.id, i + 1]));
  const exported = new Set<string>();
  const perDocument = snapshot.documents.map((d) => {
    const list = exportableAnnotations(d);
    for (const a of list) exported.add(`${d.meta.id}\u0000${a.id}`);
    return list;
  });
  const isExported = (end: { documentId: string; annotationId: string }) => exported.has(`${end.documentId}\u0000${end.annotationId}`);
  const links = snapshot.links.filter((l) => isExported(l.source) && isExported(l.target));
  yield {
    path: 'label-studio-tasks.json',
    chunks: (function* () {
      const labels = new Map(snapshot.labels.map((l) => [l.id, l]));
      const types = new Map(snapshot.linkTypes.map((t) => [t.id, t]));
      yield '[';
      for (let d = 0; d < snapshot.documents.length; d++) {
        const document = snapshot.documents[d]!;
        const { meta, text } = document;
        const toUnit = offsetConverter(text, unit);
        const resultOf = (annotations: readonly Annotation[], relations: readonly Link[]) => labelStudioResult(annotations, relations, labels, types, toUnit);
        const inDocument = links.filter((l) => l.source.documentId === meta.id && l.target.documentId === meta.id);
        const annotations = carriesAnnotators(layers)
          ? layersOfTask(document, layers).map((annotator) => ({
              ...completedBy(layers, annotator),
              result: resultOf(
                perDocument[d]!.filter((a) => a.annotator === annotator),
                inDocument.filter((l) => l.annotator === annotator),
              ),
            }))
          : [{ result: resultOf(perDocument[d]!, inDocument) }];
        const task = {
          id: d + 1,
          data: { text, document_id: meta.id, title: meta.title, outlet: meta.outlet, date: meta.date, url: meta.url, source_file: meta.sourceFile, content_hash: meta.contentHash },
          annotations,
        };
        yield `${d === 0 ? '\n' : ',\n'}${JSON.stringify(task)}`;
      }
      yield snapshot.documents.length === 0 ? ']\n' : '\n]\n';
    })(),
  };
  yield { path: 'label-studio-config.xml', chunks: [labelStudioConfig(snapshot.labels, snapshot.linkTypes)] };
  yield {
    path: CROSS_DOCUMENT_LINKS_FILE,
    chunks: crossDocumentLinkChunks(
      (function* (): Iterable<CrossDocumentLinkRow> {
        const directed = new Map(snapshot.linkTypes.map((t) => [t.id, t.directed]));
        for (const l of links) {
          if (l.source.documentId === l.target.documentId) continue;
          yield {
            linkId: l.id,
            type: l.typeId,
            directed: directed.get(l.typeId) ?? true,
            source: { document: String(taskIds.get(l.source.documentId)), span: l.source.annotationId },
            target: { document: String(taskIds.get(l.target.documentId)), span: l.target.annotationId },
            note: l.note,
          };
        }
      })(),
    ),
  };
}

/** The `result` of one Label Studio annotation: regions (and attribute results) of `annotations`, then `relations` between them. */
function labelStudioResult(
  annotations: readonly Annotation[],
  relations: readonly Link[],
  labels: ReadonlyMap<string, Label>,
  types: ReadonlyMap<string, LinkType>,
  toUnit: (offset: number) => number,
): unknown[] {
  const result: unknown[] = [];
  for (const a of annotations) {
    const label = labels.get(a.labelId);
    a.fragments.forEach((f, i) => {
      const value = { start: toUnit(f.start), end: toUnit(f.end), text: f.exact };
      const region: Record<string, unknown> = {
        id: regionId(a.id, i),
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        origin: 'manual',
        value: { ...value, labels: [label?.name ?? a.labelId] },
        meta: { annotation_id: a.id, fragment: i + 1, fragment_count: a.fragments.length, ...(i === 0 && a.note ? { text: [a.note] } : {}) },
      };
      result.push(region);
      if (i > 0) return;
      for (const [name, attribute] of Object.entries(a.attributes)) {
        const definition = label?.attributes.find((x) => x.name === name);
        const asChoice = definition ? definition.type === 'choice' || definition.type === 'boolean' : typeof attribute === 'boolean';
        result.push({
          id: region.id,
          from_name: controlName(name),
          to_name: 'text',
          type: asChoice ? 'choices' : 'textarea',
          origin: 'manual',
          value: { ...value, ...(asChoice ? { choices: [String(attribute)] } : { text: [String(attribute)] }) },
        });
      }
    });
  }
  for (const link of relations) {
    const type = types.get(link.typeId);
    result.push({
      from_id: link.source.annotationId,
      to_id: link.target.annotationId,
      type: 'relation',
      direction: type?.directed === false ? 'bi' : 'right',
      labels: [type?.name ?? link.typeId],
    });
  }
  return result;
}

/** The layers a task holds one annotation for: its document's layer, or (every layer) each annotator with a layer of it, by id. */
function layersOfTask(document: DocumentSnapshot, layers: ExportedLayers): string[] {
  const chosen = layers.documentLayers?.get(document.meta.id);
  if (chosen !== undefined) return [chosen];
  return [...new Set([...(document.layers ?? []), ...document.annotations.map((a) => a.annotator)])].sort();
}

/** Who completed a layer's annotation, as Label Studio reads it, and whose layer it is. */
function completedBy(layers: ExportedLayers, id: string): Record<string, unknown> {
  const annotator = exportedAnnotator(layers, id);
  return {
    ...(annotator.email ? { completed_by: { email: annotator.email, first_name: annotator.name } } : {}),
    ground_truth: id === CURATED_ANNOTATOR,
    corroborate_annotator: { id: annotator.id, name: annotator.name },
  };
}

/** The Label Studio region id of fragment `index` (0-based) of an annotation. */
export function regionId(annotationId: string, index: number): string {
  return index === 0 ? annotationId : `${annotationId}#${index + 1}`;
}

/** The labeling config (XML) the exported tasks fit. */
export function labelStudioConfig(labels: readonly Label[], linkTypes: readonly LinkType[]): string {
  const lines = ['<View>', '  <Labels name="label" toName="text">'];
  for (const label of labels) lines.push(`    <Label value="${xml(label.name)}" background="${label.colour}"/>`);
  lines.push('  </Labels>', '  <Text name="text" value="$text"/>', '  <Relations>');
  for (const type of linkTypes) lines.push(`    <Relation value="${xml(type.name)}"/>`);
  lines.push('  </Relations>');
  const seen = new Set<string>();
  for (const label of labels) {
    for (const definition of label.attributes) {
      const name = controlName(definition.name);
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(...attributeControl(name, definition));
    }
  }
  lines.push('</View>');
  return `${lines.join('\n')}\n`;
}

function attributeControl(name: string, definition: AttributeDefinition): string[] {
  if (definition.type === 'choice' || definition.type === 'boolean') {
    const options = definition.type === 'choice' ? definition.options : ['true', 'false'];
    return [
      `  <Choices name="${xml(name)}" toName="text" perRegion="true" choice="single" showInline="true">`,
      ...options.map((o) => `    <Choice value="${xml(o)}"/>`),
      '  </Choices>',
    ];
  }
  return [`  <TextArea name="${xml(name)}" toName="text" perRegion="true" maxSubmissions="1"/>`];
}

function controlName(attributeName: string): string {
  return `attr_${attributeName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function xml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
