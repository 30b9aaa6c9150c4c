import { resolve } from 'node:path';
import type { ExportLayerRequest, ExportSummary, LeftOutItem } from '../../../shared/api/export-schemas.js';
import { exportFormats, exportWorkspace, type ExportFormatId } from '../../../shared/formats/export-formats.js';
import { describeExportedLayers } from '../../../shared/formats/export-layers.js';
import { scopeSnapshot, type ExportScope } from '../../../shared/formats/export-scope.js';
import { findUnexportableAnnotations } from '../../../shared/formats/exportable-annotation.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { checkExportDestination } from './export-destination.js';
import { checkLayerChoice, readExportLayers, resolveLayerChoice, type ExportSource } from './read-export-layers.js';
import { writeExportFolder, type WriteProgress } from './write-export-folder.js';

/** The scope names a document or label the workspace does not have. */
export class InvalidExportScopeError extends Error {
  override readonly name = 'InvalidExportScopeError';
}

/** What to export and where. */
export interface ExportToFolderRequest {
  format: ExportFormatId;
  /** Which documents and labels (all when absent). */
  scope?: ExportScope | undefined;
  /** Which layer(s): my layer when absent (see `resolveLayerChoice`). */
  layer?: ExportLayerRequest | undefined;
  /** The folder to create; relative paths are resolved against the current directory. */
  destination: string;
  /** Replace an earlier export of ours at the destination (anything else there is always refused). */
  overwrite?: boolean | undefined;
}

/** How far an export has got, as `exportToFolder` reports it. */
export type ExportStep =
  | { phase: 'reading'; documentsRead: number; documentCount: number }
  | ({ phase: 'writing'; annotationCount: number } & WriteProgress);

/** Options of `exportToFolder`. */
export interface ExportToFolderOptions {
  signal?: AbortSignal;
  onProgress?: (step: ExportStep) => void;
}

/**
 * Exports a workspace (or the part in scope, of the layers chosen: `readExportLayers`): an open store, with its unsaved edits, or a workspace
 * opened read-only, as saved on disk, while another process may be writing it, in one format into a new folder, streamed and
 * all or nothing (see `writeExportFolder`), and says what was written: every file with its size,
 * the counts, and every annotation or link in scope that the format left out, with the reason.
 * Refuses a destination that holds the workspace, lies inside any workspace (but below its
 * `exports/` folder), or is anything but a new or empty folder or an earlier export of ours
 * (see `checkExportDestination`), and a layer choice the format cannot hold or naming an annotator
 * the workspace does not have (`checkLayerChoice`). The summary's notes say which layers it holds.
 */
export async function exportToFolder(source: ExportSource, request: ExportToFolderRequest, options: ExportToFolderOptions = {}): Promise<ExportSummary> {
  const destination = resolve(request.destination);
  const choice = resolveLayerChoice(source, request.layer);
  // Checked before the (possibly long) read, and again by the writer just before writing.
  await checkLayerChoice(source, request.format, choice);
  await checkExportDestination(destination, { overwrite: request.overwrite ?? false, openWorkspaceDir: source.dir });
  const onDocumentRead = (documentsRead: number, documentCount: number) => options.onProgress?.({ phase: 'reading', documentsRead, documentCount });
  const { snapshot, selection } = await readExportLayers(source, choice, { onDocumentRead, signal: options.signal });
  refuseUnknownScope(snapshot, request.scope);
  const chosen = selection?.snapshot ?? snapshot;
  const scoped = request.scope ? scopeSnapshot(chosen, request.scope) : chosen;
  const plan = planSummary(scoped, request.format);
  const files = await writeExportFolder(exportWorkspace(scoped, request.format, undefined, selection?.layers), destination, {
    overwrite: request.overwrite ?? false,
    format: request.format,
    ...(selection ? { layers: selection.layers } : {}),
    openWorkspaceDir: source.dir,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (progress) => options.onProgress?.({ phase: 'writing', annotationCount: plan.annotations, ...progress }),
  });
  return {
    format: request.format,
    offsetUnit: exportFormats[request.format].offsetUnit,
    destination,
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    documents: scoped.documents.length,
    annotations: plan.annotations,
    links: plan.links,
    leftOut: plan.leftOut,
    notes: [...(selection ? [describeExportedLayers(selection.layers)] : []), ...formatNotes(request.format)],
  };
}

/** What an export of `snapshot` in `format` writes and leaves out, before writing anything. */
export function planSummary(snapshot: WorkspaceSnapshot, format: ExportFormatId): Pick<ExportSummary, 'annotations' | 'links' | 'leftOut'> {
  const total = snapshot.documents.reduce((sum, d) => sum + d.annotations.length, 0);
  if (format === 'native') return { annotations: total, links: snapshot.links.length, leftOut: [] };
  const titles = new Map(snapshot.documents.map((d) => [d.meta.id, d.meta.title || d.meta.sourceFile || d.meta.id]));
  const leftOut: LeftOutItem[] = findUnexportableAnnotations(snapshot).map((u) => ({
    kind: 'annotation',
    id: u.annotationId,
    documentId: u.documentId,
    documentTitle: titles.get(u.documentId) ?? u.documentId,
    reason: u.reason,
  }));
  const missing = new Set(leftOut.map((u) => `${u.documentId}\u0000${u.id}`));
  const types = new Set(snapshot.linkTypes.map((t) => t.id));
  let links = 0;
  for (const link of snapshot.links) {
    const gone = [link.source, link.target].find((end) => missing.has(`${end.documentId}\u0000${end.annotationId}`));
    if (gone) {
      leftOut.push({
        kind: 'link',
        id: link.id,
        documentId: link.source.documentId,
        documentTitle: titles.get(link.source.documentId) ?? link.source.documentId,
        reason: `it links annotation ${gone.annotationId}, which is left out`,
      });
    } else if (types.has(link.typeId)) links++;
  }
  return { annotations: total - missing.size, links, leftOut };
}

function formatNotes(format: ExportFormatId): string[] {
  const side = 'Links between different articles are in cross-document-links.tsv (the format holds links inside one article only).';
  switch (format) {
    case 'brat':
      return [side, 'Offsets count Unicode code points; a span across a line break is written as pieces joined by a space.'];
    case 'labelstudio':
    case 'doccano':
      return [side];
    case 'conll-coref':
      return ['Only annotations linked as same or paraphrase are written, as coreference clusters; spans are snapped to tokens (mentions.tsv maps them back).'];
    default:
      return [];
  }
}

function refuseUnknownScope(snapshot: WorkspaceSnapshot, scope: ExportScope | undefined): void {
  const documentIds = new Set(snapshot.documents.map((d) => d.meta.id));
  const unknownDocument = scope?.documentIds?.find((id) => !documentIds.has(id));
  if (unknownDocument) throw new InvalidExportScopeError(`There is no document ${unknownDocument} in this workspace to export.`);
  const labelIds = new Set(snapshot.labels.map((l) => l.id));
  const unknownLabel = scope?.labelIds?.find((id) => !labelIds.has(id));
  if (unknownLabel) throw new InvalidExportScopeError(`There is no label "${unknownLabel}" in this workspace to export.`);
}
