import type { Annotation } from '../../shared/model/annotation.js';
import type { AnnotatorIdentity } from '../../shared/model/annotator.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import type { StoreProblem as ReportedProblem } from '../../shared/api/contract/index.js';
import type { AnnotationFile, LinkLayerFile, WorkspaceFile } from '../../shared/model/workspace.js';
import type { WorkspaceLockHolder } from '../storage/index.js';
import type { WORKSPACE_FILE } from './workspace-folder.js';

/** An edit was refused because the workspace (or that file) is open read-only. */
export class ReadOnlyWorkspaceError extends Error {
  override readonly name = 'ReadOnlyWorkspaceError';
}

/** One document of a change made with `commitDocuments`. */
export interface CommittedDocument {
  meta: DocumentMeta;
  /** Its stored text (already normalised; its hash is `meta.contentHash`). */
  text: string;
  /** Its annotations (their `documentId` is `meta.id`). */
  annotations: readonly Annotation[];
  /** The id of the document this one replaces (a new version), if any. */
  replaces?: string;
}

/** A workspace file that could not be used, as `check` reports it (the UI adds whether a backup can replace it). */
export type StoreProblem = Omit<ReportedProblem, 'hasGoodBackup'>;

/** A file whose edits are only in memory: its last write failed. */
export type UnsavedFile =
  | { file: typeof WORKSPACE_FILE; kind: 'workspace'; content: WorkspaceFile; error: unknown }
  | { file: string; kind: 'annotations'; content: AnnotationFile; error: unknown }
  | { file: string; kind: 'links'; content: LinkLayerFile; error: unknown };

/** How a store is opened. */
export interface OpenStoreOptions {
  /** What is opening it, for the "open elsewhere" message another process would see. */
  holder: WorkspaceLockHolder;
  /**
   * Whether a missing or empty folder may be made a new workspace (default true). Only what writes
   * may create one; a command that only reads refuses such a folder, so a mistyped path is never
   * silently made an empty workspace.
   */
  create?: boolean;
  /**
   * Whose layer the store edits (the person using the app or the command line); the reserved owner
   * when absent. A workspace from before layers is upgraded with its work given to this annotator.
   */
  annotator?: AnnotatorIdentity;
  /** Told of each step of an upgrade to layers (for the crash test). */
  onMigrationStep?: (step: string) => void;
}
