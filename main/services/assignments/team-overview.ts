import type { Annotator, DocumentProgress, TeamOverview } from '../../../shared/api/contract/index.js';
import { assigneeIds, statusEntryOf, type DocumentStatusMap } from '../../../shared/model/assignment.js';
import { progressTotals } from '../../../shared/model/team-progress.js';
import { readLinkLayerFile } from '../../workspace/layer-reading.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { annotatorsOf, describeAnnotator, layerAnnotations, layersOf } from '../team/layer-queries.js';

/**
 * Who has done what: for every document (in document order) its assignees and every annotator's
 * status and annotation count, and each annotator's totals. My layer and statuses are as the store
 * holds them (unsaved edits included); everyone else's as they are on disk. A layer or link file
 * that cannot be read counts as empty rather than hiding the rest of the team.
 */
export async function teamOverview(store: WorkspaceStore): Promise<TeamOverview> {
  const identities = new Map((await annotatorsOf(store)).map((a) => [a.id, a]));
  const counts = new Map<string, Map<string, number>>();
  for (const meta of store.workspace.documents) {
    const perAnnotator = new Map<string, number>();
    for (const annotator of await layersOf(store, meta.id)) {
      perAnnotator.set(annotator, (await layerAnnotations(store, meta.id, annotator).catch(() => [])).length);
    }
    counts.set(meta.id, perAnnotator);
  }
  // Everyone with a layer or an assignment is a column, even without a link file naming them.
  const ids = new Set(identities.keys());
  for (const perAnnotator of counts.values()) for (const id of perAnnotator.keys()) ids.add(id);
  for (const meta of store.workspace.documents) for (const id of assigneeIds(meta)) ids.add(id);
  const annotators = [...ids].map((id) => describeAnnotator(store, identities.get(id) ?? { id, name: id, email: '' })).sort(meFirstThenByName);

  const statuses = new Map<string, DocumentStatusMap | undefined>();
  for (const { id } of annotators) {
    statuses.set(id, id === store.annotator.id ? store.linkLayer.documentStatus : (await readLinkLayerFile(store.dir, id).catch(() => null))?.documentStatus);
  }
  const documents: DocumentProgress[] = store.workspace.documents.map((meta) => ({
    documentId: meta.id,
    title: meta.title,
    assignees: assigneeIds(meta),
    progress: annotators.map(({ id }) => {
      const entry = statusEntryOf(statuses.get(id), meta.id);
      return { annotator: id, status: entry?.status ?? 'not-started', updatedAt: entry?.updatedAt ?? null, annotations: counts.get(meta.id)?.get(id) ?? 0 };
    }),
  }));
  return { annotators, documents, totals: progressTotals(annotators.map((a) => a.id), documents) };
}

function meFirstThenByName(a: Annotator, b: Annotator): number {
  return Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
