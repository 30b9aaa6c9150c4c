import { z } from 'zod';

/**
 * Edits that could not be saved when the program last stopped on this workspace (a read-only or
 * full disk), kept in a recovery file outside it and offered back: restore or discard.
 */
export const RecoveredEditsSchema = z.object({
  /** Names these edits in `restoreRecoveredEdits` and `discardRecoveredEdits`. */
  id: z.string(),
  /** The recovery file's path. */
  file: z.string(),
  /** When they were kept (ISO 8601). */
  savedAt: z.string(),
  /** Why they could not be saved then. */
  reason: z.string(),
  /** The articles whose annotations they hold, with how many annotations each had. */
  documents: z.array(z.object({ documentId: z.string(), title: z.string(), annotations: z.number().int().nonnegative() })),
  /** Whether they also hold changes to the workspace's labels, link types, links or article list. */
  workspaceChanges: z.boolean(),
});
/** Edits kept in a recovery file and offered back. */
export type RecoveredEdits = z.infer<typeof RecoveredEditsSchema>;

/** What restoring recovered edits put back. */
export const RestoredEditsSchema = z.object({
  /** How many files' edits were saved again (workspace.json and annotation files). */
  restoredFiles: z.number().int().nonnegative(),
  /** Articles whose edits could not be put back because they are no longer in the workspace. */
  skippedDocuments: z.array(z.string()),
});
/** What restoring recovered edits put back. */
export type RestoredEdits = z.infer<typeof RestoredEditsSchema>;
