import { z } from 'zod';
import { AnnotationSchema } from '../model/annotation.js';
import { DocumentMetaSchema } from '../model/document.js';
import { LabelSchema, LinkTypeSchema } from '../model/label-schema.js';
import { LinkSchema } from '../model/link.js';
import { CURRENT_SCHEMA_VERSION, type WorkspaceSnapshot } from '../model/workspace.js';
import { contentHash } from '../text/content-hash.js';
import { canonicalJson } from './canonical-json.js';
import type { ExportedFile } from './exported-file.js';
import type { FormatProblem, ParseOutcome } from './format-problem.js';

/** The `format` tag every native export starts with. */
export const NATIVE_FORMAT_TAG = 'corroborate-native';

/** The file name of a native export. */
export const NATIVE_FILE_NAME = 'corroborate-workspace.json';

/** The shape of a native export file, validated with the model's own schemas. */
export const NativeExportSchema = z.object({
  format: z.literal(NATIVE_FORMAT_TAG),
  schemaVersion: z.number().int().positive(),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  documents: z.array(z.object({ meta: DocumentMetaSchema, text: z.string(), annotations: z.array(AnnotationSchema) })),
  links: z.array(LinkSchema),
});

/**
 * Exports the whole workspace, losslessly, as one canonical JSON file (`corroborate-workspace.json`):
 * `{format, schemaVersion, labels, linkTypes, documents: [{meta, text, annotations}], links}` in
 * that order, every other object with its keys sorted, two-space indentation, LF line breaks, and
 * all items in snapshot order. Offsets are the stored UTF-16 code-unit offsets. Nothing is left
 * out (orphaned annotations included), and export → `parseNativeExport` → export is byte-identical.
 */
export function* exportNativeJson(snapshot: WorkspaceSnapshot): Iterable<ExportedFile> {
  yield { path: NATIVE_FILE_NAME, chunks: nativeChunks(snapshot) };
}

function* nativeChunks(snapshot: WorkspaceSnapshot): Iterable<string> {
  yield `{\n  "format": ${JSON.stringify(NATIVE_FORMAT_TAG)},\n  "schemaVersion": ${JSON.stringify(snapshot.schemaVersion)},\n`;
  yield* jsonArray('labels', snapshot.labels, 2, (label) => canonicalJson(label, 4));
  yield ',\n';
  yield* jsonArray('linkTypes', snapshot.linkTypes, 2, (type) => canonicalJson(type, 4));
  yield ',\n';
  yield* jsonArray('documents', snapshot.documents, 2, (document) => {
    const annotations =
      document.annotations.length === 0
        ? '[]'
        : `[\n${document.annotations.map((a) => `        ${canonicalJson(a, 8)}`).join(',\n')}\n      ]`;
    return (
      `{\n      "meta": ${canonicalJson(document.meta, 6)},\n` +
      `      "text": ${JSON.stringify(document.text)},\n` +
      `      "annotations": ${annotations}\n    }`
    );
  });
  yield ',\n';
  yield* jsonArray('links', snapshot.links, 2, (link) => canonicalJson(link, 4));
  yield '\n}\n';
}

function* jsonArray<T>(key: string, items: readonly T[], indent: number, render: (item: T) => string): Iterable<string> {
  const pad = ' '.repeat(indent);
  if (items.length === 0) {
    yield `${pad}${JSON.stringify(key)}: []`;
    return;
  }
  yield `${pad}${JSON.stringify(key)}: [\n`;
  for (let i = 0; i < items.length; i++) {
    yield `${pad}  ${render(items[i]!)}${i + 1 < items.length ? ',\n' : '\n'}`;
  }
  yield `${pad}]`;
}

/**
 * Reads a native export back into a snapshot. Refuses (with the file name and the reason) anything
 * that is not JSON, does not match the model's schemas, was written by a newer schema version, or
 * is inconsistent: duplicate ids, a text whose hash or length differs from its metadata, an
 * annotation filed under another document or with an unknown label, a link to a missing
 * annotation or of an unknown type.
 */
export function parseNativeExport(text: string, fileName: string): ParseOutcome<WorkspaceSnapshot> {
  const fail = (reason: string, itemId?: string): ParseOutcome<WorkspaceSnapshot> => ({
    ok: false,
    error: itemId === undefined ? { fileName, reason } : { fileName, itemId, reason },
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail(`it is not valid JSON (${(error as Error).message})`);
  }
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
