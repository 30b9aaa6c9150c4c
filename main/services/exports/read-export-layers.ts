import type { ExportLayerRequest } from '../../../shared/api/export-schemas.js';
import { layerChoiceRefusal, type ExportFormatId } from '../../../shared/formats/export-formats.js';
import { selectExportLayers, type ExportLayerChoice, type LayerSelection } from '../../../shared/formats/export-layers.js';
import { CURATED_ANNOTATOR, type AnnotatorIdentity } from '../../../shared/model/annotator.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { layersOfDocument, readAnnotatorIdentities } from '../../workspace/layer-reading.js';
import { ALL_LAYERS, ReadOnlyWorkspace } from '../../workspace/read-only-workspace.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { readWorkspaceSnapshot } from './read-workspace-snapshot.js';

/** What an export reads: the open store (with its unsaved edits) or a workspace opened read-only. */
export type ExportSource = WorkspaceStore | ReadOnlyWorkspace;

/** The layer choice cannot be exported: an annotator the workspace does not have, or a format that cannot hold every layer. */
export class InvalidExportLayerError extends Error {
  override readonly name = 'InvalidExportLayerError';
}

/** Whose layer is "mine" for a source: the store's annotator, or the layer a read-only workspace was opened for (null: every layer). */
export function myLayerOf(source: ExportSource): string | null {
  if (source instanceof ReadOnlyWorkspace) return source.layer === ALL_LAYERS ? null : source.layer;
  return source.annotator.id;
}

/**
 * The layer choice a request means: my layer when it names none, and me as the curated layer's
 * fallback when it names none. Null only for a read-only workspace opened for every layer and
 * asked for none (it is exported as read).
 */
export function resolveLayerChoice(source: ExportSource, requested: ExportLayerRequest | undefined): ExportLayerChoice | null {
  const me = myLayerOf(source);
  if (!requested) return me === null ? null : { kind: 'annotator', annotator: me };
  if (requested.kind !== 'curated') return requested;
  const fallback = requested.fallback ?? me;
  if (fallback === null) throw new InvalidExportLayerError('Say whose layer to export where an article has no curated layer (--fallback ANNOTATOR).');
  return { kind: 'curated', fallback };
}

/** Every annotator with a layer in the workspace (their link file names them), me included, sorted by id. */
export async function workspaceAnnotators(source: ExportSource): Promise<AnnotatorIdentity[]> {
  const found = await readAnnotatorIdentities(source.dir);
  const mine = myLayerOf(source);
  if (mine !== null && !found.some((a) => a.id === mine)) found.push({ id: mine, name: mine, email: '' });
  const me = source instanceof ReadOnlyWorkspace ? null : source.annotator;
  return found.map((a) => (me && a.id === me.id ? { ...me } : a)).sort((a, b) => a.id.localeCompare(b.id));
}

/** How many of `documentIds` have a curated layer (a file of the curated layer). */
export async function countCuratedDocuments(dir: string, documentIds: readonly string[]): Promise<number> {
  let count = 0;
  for (const id of documentIds) if ((await layersOfDocument(dir, id)).includes(CURATED_ANNOTATOR)) count++;
  return count;
}

/**
 * Refuses, before anything is read, a choice `format` cannot hold (naming the format and what to
 * choose instead) or one naming an annotator the workspace does not have (listing those it has).
 */
export async function checkLayerChoice(source: ExportSource, format: ExportFormatId, choice: ExportLayerChoice | null): Promise<void> {
  if (choice === null) return;
  const refusal = layerChoiceRefusal(format, choice);
  if (refusal) throw new InvalidExportLayerError(refusal);
  const named = choice.kind === 'annotator' ? choice.annotator : choice.kind === 'curated' ? choice.fallback : null;
  if (named === null || named === myLayerOf(source)) return;
  const annotators = await workspaceAnnotators(source);
  if (annotators.some((a) => a.id === named)) return;
  const list = annotators.map((a) => (a.name && a.name !== a.id ? `${a.id} (${a.name})` : a.id)).join(', ');
  throw new InvalidExportLayerError(`There is no annotator "${named}" in ${source.dir}; its annotators are: ${list || 'none yet'}.`);
}

/**
 * Reads what an export of `choice` needs and picks the layers it holds: one annotator's layer is
 * read alone (mine from the store with its unsaved edits), the curated and every layer read every
 * layer. With no choice (a read-only workspace opened for every layer) the snapshot is exported as read.
 */
export async function readExportLayers(
  source: ExportSource,
  choice: ExportLayerChoice | null,
  options: { onDocumentRead?: (read: number, total: number) => void; signal?: AbortSignal | undefined } = {},
): Promise<{ snapshot: WorkspaceSnapshot; selection: LayerSelection | null }> {
  const oneLayer = choice?.kind === 'annotator' ? choice.annotator : null;
  let snapshot: WorkspaceSnapshot;
  if (source instanceof ReadOnlyWorkspace) {
    snapshot = await source.readSnapshot({ ...options, ...(choice ? { layer: oneLayer ?? ALL_LAYERS } : {}) });
  } else {
    snapshot = await readWorkspaceSnapshot(source, options.onDocumentRead, options.signal, oneLayer !== source.annotator.id);
    snapshot.annotators ??= [{ ...source.annotator }];
  }
  return { snapshot, selection: choice ? selectExportLayers(snapshot, choice) : null };
}
