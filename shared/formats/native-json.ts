import { z } from 'zod';
import { AnnotationSchema, type Annotation } from '../model/annotation.js';
import { AnnotatorIdSchema, OWNER_ANNOTATOR } from '../model/annotator.js';
import { DocumentMetaSchema } from '../model/document.js';
import { LabelSchema, LinkTypeSchema } from '../model/label-schema.js';
import { ClusterNameSchema, LinkSchema } from '../model/link.js';
import { CURRENT_SCHEMA_VERSION, type WorkspaceSnapshot } from '../model/workspace.js';
import { contentHash } from '../text/content-hash.js';
import { canonicalJson } from './canonical-json.js';
import type { ExportedFile } from './exported-file.js';
import type { FormatProblem, ParseOutcome } from './format-problem.js';
import { emptyImportText, excessiveJsonNesting } from './import-input-checks.js';

/** The `format` tag every native export starts with. */
export const NATIVE_FORMAT_TAG = 'corroborate-native';

/** The file name of a native export. */
export const NATIVE_FILE_NAME = 'corroborate-workspace.json';

/**
 * Exports written before layers (schema version 1) have no annotator on their annotations, links
 * and cluster names: they read as the workspace owner's.
 */
const annotatorOrOwner = AnnotatorIdSchema.default(OWNER_ANNOTATOR);

/** The shape of a native export file, validated with the model's own schemas. */
export const NativeExportSchema = z.object({
  format: z.literal(NATIVE_FORMAT_TAG),
  schemaVersion: z.number().int().positive(),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  documents: z.array(z.object({ meta: DocumentMetaSchema, text: z.string(), annotations: z.array(AnnotationSchema.extend({ annotator: annotatorOrOwner })) })),
  links: z.array(LinkSchema.extend({ annotator: annotatorOrOwner })),
  /** Written only when the workspace has named clusters. */
  clusterNames: z.array(ClusterNameSchema.extend({ annotator: annotatorOrOwner })).optional(),
});

/**
 * Exports the whole workspace, losslessly, as one canonical JSON file (`corroborate-workspace.json`):
 * `{format, schemaVersion, labels, linkTypes, documents: [{meta, text, annotations}], links}` in
 * that order and indented by two spaces, each label, link type, document meta, annotation and link
 * on one line as `canonicalJson` writes it (keys sorted, no spaces), LF line breaks, all items in
 * snapshot order. Offsets are the stored UTF-16 code-unit offsets. Nothing is left
 * out (orphaned annotations included), and export → `parseNativeExport` → export is byte-identical.
 */
export function* exportNativeJson(snapshot: WorkspaceSnapshot): Iterable<ExportedFile> {
  yield { path: NATIVE_FILE_NAME, chunks: nativeChunks(snapshot) };
}

function* nativeChunks(snapshot: WorkspaceSnapshot): Iterable<string> {
  yield `{\n  "format": ${JSON.stringify(NATIVE_FORMAT_TAG)},\n  "schemaVersion": ${JSON.stringify(snapshot.schemaVersion)},\n`;
  yield* jsonArray('labels', snapshot.labels, 2, canonicalJson);
  yield ',\n';
  yield* jsonArray('linkTypes', snapshot.linkTypes, 2, canonicalJson);
  yield ',\n';
  if (snapshot.documents.length === 0) yield '  "documents": []';
  else {
    yield '  "documents": [\n';
    for (let d = 0; d < snapshot.documents.length; d++) {
      const document = snapshot.documents[d]!;
      yield `    {\n      "meta": ${canonicalJson(document.meta)},\n      "text": ${JSON.stringify(document.text)},\n`;
      yield* jsonArray('annotations', document.annotations, 6, annotationJson);
      yield d + 1 < snapshot.documents.length ? '\n    },\n' : '\n    }\n';
    }
    yield '  ]';
  }
  yield ',\n';
  yield* jsonArray('links', snapshot.links, 2, canonicalJson);
  if (snapshot.clusterNames && snapshot.clusterNames.length > 0) {
    yield ',\n';
    yield* jsonArray('clusterNames', snapshot.clusterNames, 2, canonicalJson);
  }
  yield '\n}\n';
}

const ANNOTATION_KEYS = ['annotator', 'attributes', 'author', 'contentHash', 'createdAt', 'documentId', 'fragments', 'id', 'labelId', 'note', 'orphaned', 'updatedAt'];
const FRAGMENT_KEYS = ['end', 'exact', 'prefix', 'start', 'suffix'];

/**
 * `canonicalJson` of an annotation, written field by field when it has exactly the model's keys
 * (the common case, about twice as fast), otherwise by the generic writer, so nothing is ever lost.
 */
function annotationJson(a: Annotation): string {
  if (!hasExactly(a, ANNOTATION_KEYS) || !a.fragments.every((f) => hasExactly(f, FRAGMENT_KEYS))) return canonicalJson(a);
  let fragments = '';
  for (const f of a.fragments) {
    fragments += `${fragments ? ',' : ''}{"end":${f.end},"exact":${JSON.stringify(f.exact)},"prefix":${JSON.stringify(f.prefix)},"start":${f.start},"suffix":${JSON.stringify(f.suffix)}}`;
  }
  return (
    `{"annotator":${JSON.stringify(a.annotator)},"attributes":${canonicalJson(a.attributes)},"author":${JSON.stringify(a.author)},"contentHash":${JSON.stringify(a.contentHash)},` +
    `"createdAt":${JSON.stringify(a.createdAt)},"documentId":${JSON.stringify(a.documentId)},"fragments":[${fragments}],` +
    `"id":${JSON.stringify(a.id)},"labelId":${JSON.stringify(a.labelId)},"note":${JSON.stringify(a.note)},` +
    `"orphaned":${JSON.stringify(a.orphaned)},"updatedAt":${JSON.stringify(a.updatedAt)}}`
  );
}

function hasExactly(value: object, sortedKeys: readonly string[]): boolean {
  const keys = Object.keys(value);
  if (keys.length !== sortedKeys.length) return false;
  for (const key of keys) {
    if (!sortedKeys.includes(key) || (value as Record<string, unknown>)[key] === undefined) return false;
  }
  return true;
}

/** A JSON array under `key`, one item per line; items are batched into chunks of about 64k characters. */
function* jsonArray<T>(key: string, items: readonly T[], indent: number, render: (item: T) => string): Iterable<string> {
  const pad = ' '.repeat(indent);
  if (items.length === 0) {
    yield `${pad}${JSON.stringify(key)}: []`;
    return;
  }
  let batch = `${pad}${JSON.stringify(key)}: [\n`;
  for (let i = 0; i < items.length; i++) {
    batch += `${pad}  ${render(items[i]!)}${i + 1 < items.length ? ',\n' : '\n'}`;
    if (batch.length > 65536) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}${pad}]`;
}

/**
 * Reads a native export back into a snapshot. Refuses (with the file name and the reason) anything
 * that is not JSON, does not match the model's schemas, was written by a newer schema version, or
 * is inconsistent: duplicate ids, a text whose hash or length differs from its metadata, an
 * annotation filed under another document or with an unknown label, a link to a missing
 * annotation or of an unknown type. An empty file, one nested deeper than any export, or one that
 * holds no documents (nothing to recreate) is refused too.
 */
export function parseNativeExport(text: string, fileName: string): ParseOutcome<WorkspaceSnapshot> {
  const fail = (reason: string, itemId?: string): ParseOutcome<WorkspaceSnapshot> => ({
    ok: false,
    error: itemId === undefined ? { fileName, reason } : { fileName, itemId, reason },
  });
  const empty = emptyImportText(text);
  if (empty) return fail(empty);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`it is not valid JSON (${(error as Error).message})`);
  }
  const tooDeep = excessiveJsonNesting(raw);
  if (tooDeep) return fail(tooDeep);
  if (raw === null || typeof raw !== 'object' || (raw as { format?: unknown }).format !== NATIVE_FORMAT_TAG) {
    return fail(`it is not a Corroborate workspace export (no "format": "${NATIVE_FORMAT_TAG}")`);
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
    return fail(`it was written by a newer version (schema ${version}; this build reads up to ${CURRENT_SCHEMA_VERSION})`);
  }
  const parsed = NativeExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const file = parsed.data;
  if (file.documents.length === 0) return fail('it holds no documents; there is nothing to recreate');
  const problem = findInconsistency(file);
  if (problem) return fail(problem.reason, problem.itemId);
  return {
    ok: true,
    problems: [],
    value: {
      schemaVersion: file.schemaVersion,
      labels: file.labels,
      linkTypes: file.linkTypes,
      documents: file.documents,
      links: file.links,
      ...(file.clusterNames ? { clusterNames: file.clusterNames } : {}),
    },
  };
}

function findInconsistency(file: z.infer<typeof NativeExportSchema>): Omit<FormatProblem, 'fileName'> | null {
  const labelIds = new Set<string>();
  for (const label of file.labels) {
    if (labelIds.has(label.id)) return { itemId: label.id, reason: 'two labels have this id' };
    labelIds.add(label.id);
  }
  const typeIds = new Set<string>();
  for (const type of file.linkTypes) {
    if (typeIds.has(type.id)) return { itemId: type.id, reason: 'two link types have this id' };
    typeIds.add(type.id);
  }
  const annotationKeys = new Set<string>();
  const documentIds = new Set<string>();
  for (const { meta, text, annotations } of file.documents) {
    if (documentIds.has(meta.id)) return { itemId: meta.id, reason: 'two documents have this id' };
    documentIds.add(meta.id);
    if (text.length !== meta.length) return { itemId: meta.id, reason: `its text has length ${text.length}, not ${meta.length}` };
    if (contentHash(text) !== meta.contentHash) return { itemId: meta.id, reason: 'its text does not match its content hash' };
    for (const annotation of annotations) {
      const key = `${meta.id}\u0000${annotation.id}`;
      if (annotationKeys.has(key)) return { itemId: annotation.id, reason: 'two annotations have this id' };
      annotationKeys.add(key);
      if (annotation.documentId !== meta.id) {
        return { itemId: annotation.id, reason: `it is filed under document ${meta.id} but names ${annotation.documentId}` };
      }
      if (!labelIds.has(annotation.labelId)) return { itemId: annotation.id, reason: `unknown label "${annotation.labelId}"` };
    }
  }
  const linkIds = new Set<string>();
  for (const link of file.links) {
    if (linkIds.has(link.id)) return { itemId: link.id, reason: 'two links have this id' };
    linkIds.add(link.id);
    if (!typeIds.has(link.typeId)) return { itemId: link.id, reason: `unknown link type "${link.typeId}"` };
    for (const end of [link.source, link.target]) {
      if (!annotationKeys.has(`${end.documentId}\u0000${end.annotationId}`)) {
        return { itemId: link.id, reason: `it points to a missing annotation ${end.annotationId} in document ${end.documentId}` };
      }
    }
  }
  return null;
}
