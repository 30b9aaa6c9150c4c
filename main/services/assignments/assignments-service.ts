import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import { assigneeIds, statusEntryOf, statusOf, WORK_STATUSES } from '../../../shared/model/assignment.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { ServiceContext } from '../service-context.js';
import { annotatorsOf } from '../team/layer-queries.js';
import { teamOverview } from './team-overview.js';

/** The assignments domain: who each article is assigned to, my status of each, and who has done what. */
export type AssignmentsService = Pick<
  WorkbenchApi,
  'listMyAssignments' | 'assignDocuments' | 'unassignDocuments' | 'setMyDocumentStatus' | 'getTeamOverview'
>;

/** The assignment and status services of the workspace in `context`. */
export function assignmentsService({ store, now }: ServiceContext): AssignmentsService {
  return {
    async listMyAssignments() {
      const statuses = store.linkLayer.documentStatus;
      return {
        me: store.annotator.id,
        documents: store.workspace.documents.map((meta) => ({
          documentId: meta.id,
          assignees: assigneeIds(meta),
          myStatus: statusOf(statuses, meta.id),
          myStatusUpdatedAt: statusEntryOf(statuses, meta.id)?.updatedAt ?? null,
        })),
      };
    },

    async assignDocuments({ documentIds, annotators }) {
      refuseIfReadOnly(store);
      const documents = requireDocuments(store, documentIds, 'assigned');
      await refuseUnknownAnnotators(store, annotators);
      const updatedAt = now().toISOString();
      const adding = (meta: DocumentMeta) => annotators.filter((id) => !assigneeIds(meta).includes(id));
      if (documents.some((meta) => adding(meta).length > 0)) {
        const chosen = new Set(documentIds);
        await store.updateWorkspace((workspace) => {
          for (const meta of workspace.documents) {
            if (!chosen.has(meta.id)) continue;
            const added = [...new Set(adding(meta))].map((id) => ({ id, updatedAt }));
            if (added.length > 0) meta.assignees = [...(meta.assignees ?? []), ...added];
          }
        });
      }
      return changedAssignees(store, documentIds);
    },

    async unassignDocuments({ documentIds, annotators }) {
      refuseIfReadOnly(store);
      const documents = requireDocuments(store, documentIds, 'unassigned');
      const removing = new Set(annotators);
      if (documents.some((meta) => assigneeIds(meta).some((id) => removing.has(id)))) {
        const chosen = new Set(documentIds);
        await store.updateWorkspace((workspace) => {
          for (const meta of workspace.documents) {
            if (!chosen.has(meta.id) || !meta.assignees) continue;
            const kept = meta.assignees.filter((a) => !removing.has(a.id));
            // A document assigned to nobody is stored as it was before it was ever assigned.
            if (kept.length > 0) meta.assignees = kept;
            else delete meta.assignees;
          }
        });
      }
      return changedAssignees(store, documentIds);
    },

    async setMyDocumentStatus({ documentId, status }) {
      refuseIfReadOnly(store);
      store.requireDocument(documentId);
      if (!WORK_STATUSES.includes(status)) throw new WorkbenchError('invalid-input', `"${String(status)}" is not a status: it is one of ${WORK_STATUSES.join(', ')}.`);
      const updatedAt = now().toISOString();
      await store.updateLinkLayer((layer) => {
        layer.documentStatus = { ...layer.documentStatus, [documentId]: { status, updatedAt } };
      });
      return { documentId, status, updatedAt };
    },

    getTeamOverview: () => teamOverview(store),
  };
}

/**
 * Refuses a change while the workspace is open read-only, before anything else (a workspace file it
 * could not read lists no articles, and "no such article" would hide why).
 */
function refuseIfReadOnly(store: WorkspaceStore): void {
  if (store.readOnlyReason) throw new WorkbenchError('read-only', `This workspace is open read-only: ${store.readOnlyReason}`);
}

/** The listed documents' metadata; refuses the whole change, naming the first document not in the workspace. */
function requireDocuments(store: WorkspaceStore, documentIds: readonly string[], done: string): DocumentMeta[] {
  return documentIds.map((id) => {
    const meta = store.findDocument(id);
    if (!meta) throw new WorkbenchError('not-found', `There is no article "${id}" in this workspace; nothing was ${done}.`);
    return meta;
  });
}

/**
 * Refuses assigning to anyone who is not an annotator of the workspace (a mistyped id would give
 * work to nobody), or to the curated layer, which is no person.
 */
async function refuseUnknownAnnotators(store: WorkspaceStore, annotators: readonly string[]): Promise<void> {
  if (annotators.includes(CURATED_ANNOTATOR)) {
    throw new WorkbenchError('invalid-input', 'The curated layer is not a person: articles are assigned to annotators; nothing was assigned.');
  }
  const known = new Set((await annotatorsOf(store)).map((a) => a.id));
  const unknown = annotators.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new WorkbenchError(
      'not-found',
      `There is no annotator "${unknown}" in this workspace (someone becomes one with their first annotation or status); nothing was assigned.`,
    );
  }
}

/** Each listed document's assignees as they are now, in the order asked (each document once). */
function changedAssignees(store: WorkspaceStore, documentIds: readonly string[]) {
  return [...new Set(documentIds)].map((documentId) => ({ documentId, assignees: assigneeIds(store.requireDocument(documentId)) }));
}
