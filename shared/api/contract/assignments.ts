import { z } from 'zod';
import { AnnotatorIdSchema } from '../../model/annotator.js';
import { WorkStatusSchema } from '../../model/assignment.js';
import { type MethodSpec, method, noInput, documentId } from './ids.js';
import { AnnotatorSchema } from './team.js';

/** Who a document is assigned to, and where I stand with it: one article of the article list. */
export const MyAssignmentSchema = z.object({
  documentId: z.string(),
  /** The annotators it is assigned to, in the order they were assigned. */
  assignees: z.array(AnnotatorIdSchema),
  /** My status of it (not started when I never marked it). */
  myStatus: WorkStatusSchema,
  /** When I last set my status of it; null when I never did. */
  myStatusUpdatedAt: z.string().nullable(),
});
/** Who a document is assigned to, and where I stand with it. */
export type MyAssignment = z.infer<typeof MyAssignmentSchema>;

/** Every document's assignees and my status, in document order, and who I am. */
export const MyAssignmentsSchema = z.object({
  /** My annotator id: a document whose `assignees` hold it is in my queue until I mark it done. */
  me: AnnotatorIdSchema,
  documents: z.array(MyAssignmentSchema),
});
/** Every document's assignees and my status. */
export type MyAssignments = z.infer<typeof MyAssignmentsSchema>;

/** One annotator's progress with one document, as the team overview shows it. */
export const AnnotatorProgressSchema = z.object({
  annotator: AnnotatorIdSchema,
  status: WorkStatusSchema,
  /** When they last set their status; null when they never did. */
  updatedAt: z.string().nullable(),
  /** How many annotations their layer of the document holds. */
  annotations: z.number().int().nonnegative(),
});
/** One annotator's progress with one document. */
export type AnnotatorProgress = z.infer<typeof AnnotatorProgressSchema>;

/** One row of the team overview: a document, its assignees, and every annotator's progress with it. */
export const DocumentProgressSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  assignees: z.array(AnnotatorIdSchema),
  /** One entry per annotator of the overview, in its order. */
  progress: z.array(AnnotatorProgressSchema),
});
/** One row of the team overview. */
export type DocumentProgress = z.infer<typeof DocumentProgressSchema>;

/** One annotator's totals over the workspace: what they were given and what they did. */
export const AnnotatorTotalsSchema = z.object({
  annotator: AnnotatorIdSchema,
  /** Documents assigned to them. */
  assigned: z.number().int().nonnegative(),
  /** Of those, how many they marked done, and in progress. */
  assignedDone: z.number().int().nonnegative(),
  assignedInProgress: z.number().int().nonnegative(),
  /** Documents they marked done, assigned or not. */
  done: z.number().int().nonnegative(),
  /** Annotations in their layer, over every document. */
  annotations: z.number().int().nonnegative(),
});
/** One annotator's totals over the workspace. */
export type AnnotatorTotals = z.infer<typeof AnnotatorTotalsSchema>;

/** Who has done what: every document × every annotator, with each annotator's totals. */
export const TeamOverviewSchema = z.object({
  /** The annotators (me first, then by name): everyone with a layer, and everyone assigned anything. */
  annotators: z.array(AnnotatorSchema),
  /** One row per document, in document order. */
  documents: z.array(DocumentProgressSchema),
  /** One per annotator, in the order of `annotators`. */
  totals: z.array(AnnotatorTotalsSchema),
});
/** Who has done what. */
export type TeamOverview = z.infer<typeof TeamOverviewSchema>;

/** Which documents to assign to (or take from) which annotators. */
const AssignmentChangeSchema = z
  .object({
    documentIds: z.array(documentId).min(1).max(100_000),
    annotators: z.array(AnnotatorIdSchema).min(1).max(1000),
  })
  .strict();

/** The assignees of the documents a change touched, in the order asked. */
const ChangedAssigneesSchema = z.array(z.object({ documentId: z.string(), assignees: z.array(AnnotatorIdSchema) }));

/**
 * Assignment and status: who each document is assigned to (shared, in `workspace.json`, anyone may
 * change it) and where each annotator stands with it (each in their own link file, set only by them).
 */
export const assignmentsContract = {
  /** Every document's assignees and my status of it, in document order (for the article list and my queue). */
  listMyAssignments: method(noInput, MyAssignmentsSchema),

  /**
   * Assigns every listed document to every listed annotator (those already assigned stay as they
   * were). All or nothing: a document not in the workspace, or an annotator who is not one of it
   * (or the curated layer, which is no person), refuses the whole change naming it.
   */
  assignDocuments: method(AssignmentChangeSchema, ChangedAssigneesSchema),

  /** Takes the listed documents from the listed annotators (all or nothing, refused as `assignDocuments` is). */
  unassignDocuments: method(AssignmentChangeSchema, ChangedAssigneesSchema),

  /** Sets my status of a document (only mine: every annotator marks their own). */
  setMyDocumentStatus: method(
    z.object({ documentId, status: WorkStatusSchema }).strict(),
    z.object({ documentId: z.string(), status: WorkStatusSchema, updatedAt: z.string() }),
  ),

  /** Who has done what: per document its assignees, and every annotator's status and annotation count. */
  getTeamOverview: method(noInput, TeamOverviewSchema),
} satisfies Record<string, MethodSpec>;
