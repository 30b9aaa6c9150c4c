import { z } from 'zod';
import { AnnotatorIdSchema, type AnnotatorId } from './annotator.js';

/**
 * Where an annotator stands with a document: not started, in progress, or done. Each annotator
 * says it of their own work only.
 */
export const WorkStatusSchema = z.enum(['not-started', 'in-progress', 'done']);
/** Where an annotator stands with a document. */
export type WorkStatus = z.infer<typeof WorkStatusSchema>;

/** The statuses in the order work goes through them (and the `m` key cycles through). */
export const WORK_STATUSES: readonly WorkStatus[] = WorkStatusSchema.options;

/** The status of a document an annotator never marked. */
export const DEFAULT_WORK_STATUS: WorkStatus = 'not-started';

/** How each status is named to people. */
export const WORK_STATUS_NAMES: Readonly<Record<WorkStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
};

/** One annotator's status of one document, with when they last set it. */
export const DocumentStatusEntrySchema = z.object({
  status: WorkStatusSchema,
  updatedAt: z.string(),
});
/** One annotator's status of one document. */
export type DocumentStatusEntry = z.infer<typeof DocumentStatusEntrySchema>;

/**
 * One annotator's statuses, by document id (in their own link file, `links/<annotator>.json`, so
 * nobody else ever writes them). A document missing from it is not started. An object keyed by
 * document, so that the annotator's two machines marking two documents merge without a conflict.
 */
export const DocumentStatusMapSchema = z.record(z.string().min(1), DocumentStatusEntrySchema);
/** One annotator's statuses, by document id. */
export type DocumentStatusMap = z.infer<typeof DocumentStatusMapSchema>;

/**
 * One annotator a document is assigned to, in the document's entry of `workspace.json`. A list of
 * these (rather than of bare ids) merges item by item: two people assigning two annotators to one
 * document at once both keep theirs, and where both assigned the same one the later time is kept.
 */
export const AssigneeSchema = z.object({
  /** The annotator's id. */
  id: AnnotatorIdSchema,
  /** When the assignment was made. */
  updatedAt: z.string(),
});
/** One annotator a document is assigned to. */
export type Assignee = z.infer<typeof AssigneeSchema>;

/** An annotator's entry for a document in their statuses, or null when they never marked it. */
export function statusEntryOf(statuses: DocumentStatusMap | undefined, documentId: string): DocumentStatusEntry | null {
  return statuses && Object.hasOwn(statuses, documentId) ? statuses[documentId]! : null;
}

/** An annotator's status of a document: as they marked it, or not started when they never did. */
export function statusOf(statuses: DocumentStatusMap | undefined, documentId: string): WorkStatus {
  return statusEntryOf(statuses, documentId)?.status ?? DEFAULT_WORK_STATUS;
}

/** The status after `status` in the order work goes (done wraps round to not started). */
export function nextWorkStatus(status: WorkStatus): WorkStatus {
  return WORK_STATUSES[(WORK_STATUSES.indexOf(status) + 1) % WORK_STATUSES.length]!;
}

/** The ids of the annotators a document is assigned to, in the order they were assigned. */
export function assigneeIds(meta: { assignees?: readonly Assignee[] | undefined }): AnnotatorId[] {
  return (meta.assignees ?? []).map((a) => a.id);
}

/**
 * The document statuses of a layer once a document was replaced by a new version (`from` → `to`):
 * my status follows my work to the new version, as my links do (in place).
 */
export function repointDocumentStatus(statuses: DocumentStatusMap | undefined, from: string, to: string): void {
  if (!statuses || !Object.hasOwn(statuses, from)) return;
  statuses[to] = statuses[from]!;
  delete statuses[from];
}
