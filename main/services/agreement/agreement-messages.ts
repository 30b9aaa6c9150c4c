import type { AgreementCell, AgreementReport, AgreementScope, DisagreementList } from '../../../shared/api/contract/agreement.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Link } from '../../../shared/model/link.js';

/**
 * The messages between the agreement service and its worker thread: what to read (the workspace
 * folder, at which revision, with which of my files as the store holds them), what to compute,
 * and the answers (progress, then the result or why it failed). Plain data, cloned across threads.
 */

/** What the worker reads: the workspace on disk, plus what the store holds but could not save. */
export interface ReadOrder {
  /** The workspace folder. */
  dir: string;
  /** Names what is on disk now; a read of another revision is never reused. */
  revision: string;
  /** Annotators' names the store knows better than the files (mine: as I last gave it). */
  names: Record<string, string>;
  /** My layer's files whose last write failed, as the store holds them (null: everything is saved). */
  unsaved: UnsavedLayer | null;
  /** Where the annotation files read are cached between sessions, outside the workspace (null: not cached). */
  cacheFile: string | null;
}

/** My layer's edits held in memory only. */
export interface UnsavedLayer {
  annotator: string;
  /** Annotations of the documents whose file could not be written, by document id. */
  annotations: Record<string, Annotation[]>;
  /** My links, when my link file could not be written. */
  links: Link[] | null;
}

/** A request to the worker. */
export type AgreementRequest =
  | { id: number; kind: 'report'; read: ReadOrder; scope: AgreementScope }
  | { id: number; kind: 'disagreements'; read: ReadOrder; cell: AgreementCell }
  /** Finish what was asked before (writing the cache included), then answer `finished`: the worker is about to stop. */
  | { id: number; kind: 'finish' };

/** How far a request got. */
export interface AgreementProgress {
  phase: 'reading' | 'computing';
  done: number;
  total: number;
}

/** Why a request failed: the scope cannot be compared, the workspace cannot be read, or something else. */
export type AgreementFailureKind = 'scope' | 'read' | 'internal';

/** An answer from the worker. */
export type AgreementResponse =
  | ({ id: number; kind: 'progress' } & AgreementProgress)
  | { id: number; kind: 'report'; report: AgreementReport; durationMs: number; readMs: number }
  | { id: number; kind: 'disagreements'; list: DisagreementList }
  | { id: number; kind: 'finished' }
  /** A cache file was ignored or could not be written (the file and why): the request goes on without it. */
  | { id: number; kind: 'note'; message: string }
  | { id: number; kind: 'failed'; failure: AgreementFailureKind; message: string };
