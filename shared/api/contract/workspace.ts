import { z } from 'zod';
import { LabelSchema, LinkTypeSchema } from '../../model/label-schema.js';
import { RecoveredEditsSchema, RestoredEditsSchema } from '../recovery-schemas.js';
import { type MethodSpec, method, noInput } from './ids.js';

/** A workspace file that could not be used (broken, or written by a newer version). */
export const StoreProblemSchema = z.object({
  /** Path relative to the workspace folder. */
  file: z.string(),
  kind: z.enum(['unparseable', 'invalid', 'newer-version', 'unreadable']),
  /** What is wrong and what happens now, naming the file. */
  message: z.string(),
  /** Whether a valid backup exists that could replace it. */
  hasGoodBackup: z.boolean(),
});
/** A workspace file that could not be used. */
export type StoreProblem = z.infer<typeof StoreProblemSchema>;

/** Where saving stands across the workspace. */
export const SaveStatusSchema = z.object({
  state: z.enum(['saved', 'saving', 'failed']),
  /** Why the last write failed, when it did. */
  message: z.string().nullable(),
});
/** Where saving stands across the workspace. */
export type SaveStatusInfo = z.infer<typeof SaveStatusSchema>;

/** The open workspace as the UI needs to know it. */
export const WorkspaceInfoSchema = z.object({
  /** Absolute path of the workspace folder. */
  path: z.string(),
  /** The folder's name, for window titles. */
  name: z.string(),
  /** Whether this is the default workspace in the user's app-data folder. */
  isDefault: z.boolean(),
  /** When true every edit is refused; `readOnlyReason` says why. */
  readOnly: z.boolean(),
  readOnlyReason: z.string().nullable(),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  /** Whether the sample articles can be added (some are not in the workspace yet). */
  canAddSampleArticles: z.boolean(),
  /** Workspace files that could not be read; their bytes are left untouched. */
  problems: z.array(StoreProblemSchema),
  /** Edits that could not be saved when the program last stopped, offered back (oldest first). */
  recoveredEdits: z.array(RecoveredEditsSchema),
});
/** The open workspace as the UI needs to know it. */
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

/** Counts over a whole workspace (the CLI's `stats`). */
export const WorkspaceStatsSchema = z.object({
  documents: z.number().int(),
  annotations: z.number().int(),
  annotationsByLabel: z.record(z.string(), z.number().int()),
  links: z.number().int(),
  linksByType: z.record(z.string(), z.number().int()),
  /** Annotations per annotator id, over every layer (`annotations` counts them all too). */
  annotationsByAnnotator: z.record(z.string(), z.number().int()),
  /** Per annotator id, how many of the workspace's documents they marked done (annotators with none are left out). */
  documentsDoneByAnnotator: z.record(z.string(), z.number().int()),
});
/** Counts over a whole workspace. */
export type WorkspaceStats = z.infer<typeof WorkspaceStatsSchema>;

/** What the workspace is and how it stands: its description, counts, saving, repairs from backups, recovered edits, the sample articles. */
export const workspaceContract = {
  /** Describes the open workspace: where it is, its labels and link types, whether it is read-only. */
  getWorkspace: method(noInput, WorkspaceInfoSchema),

  /** Counts documents, annotations by label and by annotator, and links by type, over every layer. */
  getStats: method(noInput, WorkspaceStatsSchema),

  /** Where saving stands: saved, saving, or failed (edits kept in memory and retried). */
  getSaveStatus: method(noInput, SaveStatusSchema),

  /**
   * Replaces a file that could not be read with its newest valid backup (the damaged bytes are kept
   * as a copy) and reads it again.
   */
  restoreLastGoodBackup: method(z.object({ file: z.string().min(1).max(500) }).strict(), z.object({ restoredFrom: z.string() })),

  /**
   * Saves the recovered edits again through the normal save path (the annotation files, and the
   * workspace's labels, link types and links as they were), then removes their recovery file.
   */
  restoreRecoveredEdits: method(z.object({ id: z.string().min(1).max(500) }).strict(), RestoredEditsSchema),

  /** Removes a recovery file without restoring its edits. */
  discardRecoveredEdits: method(z.object({ id: z.string().min(1).max(500) }).strict(), z.object({ discarded: z.boolean() })),

  /** Adds the sample articles that are not in the workspace yet (copies; fixtures are never touched). */
  addSampleArticles: method(noInput, z.object({ added: z.number().int(), alreadyPresent: z.number().int() })),
} satisfies Record<string, MethodSpec>;
