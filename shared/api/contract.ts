import { z } from 'zod';
import { AnnotationInputSchema, AnnotationSchema, AttributeValuesInputSchema, TextRangeSchema } from '../model/annotation.js';
import { DocumentMetaSchema, DocumentSummarySchema } from '../model/document.js';
import { LabelInputSchema, LabelSchema, LinkTypeInputSchema, LinkTypeSchema } from '../model/label-schema.js';
import { ClusterNameSchema, LinkEndSchema, LinkInputSchema, LinkSchema, ResolvedLinkSchema } from '../model/link.js';
import { limitedText } from '../model/text-limits.js';
import { ClusterViewSchema, QuoteSightingSchema } from '../model/link-views.js';
import { ANNOTATION_IMPORT_FORMAT_IDS, AnnotationImportSummarySchema, ExportOptionsSchema, ExportProgressSchema, ExportRequestSchema } from './export-schemas.js';
import { RecoveredEditsSchema, RestoredEditsSchema } from './recovery-schemas.js';
import {
  BegunImportSchema,
  DocumentMetaEditSchema,
  ImportFilePieceSchema,
  ImportResultSchema,
  StagedFileSchema,
} from './import-schemas.js';

/** One method of the contract: the schema its input is validated with and the shape it returns. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

const noInput = z.object({}).strict();
const documentId = z.string().min(1).max(200);

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

/** A document opened for reading and annotating. */
export const OpenedDocumentSchema = z.object({
  meta: DocumentMetaSchema,
  text: z.string(),
  annotations: z.array(AnnotationSchema),
});
/** A document opened for reading and annotating. */
export type OpenedDocument = z.infer<typeof OpenedDocumentSchema>;

/** Counts over a whole workspace (the CLI's `stats`). */
export const WorkspaceStatsSchema = z.object({
  documents: z.number().int(),
  annotations: z.number().int(),
  annotationsByLabel: z.record(z.string(), z.number().int()),
  links: z.number().int(),
  linksByType: z.record(z.string(), z.number().int()),
});
/** Counts over a whole workspace. */
export type WorkspaceStats = z.infer<typeof WorkspaceStatsSchema>;

const annotationId = z.string().min(1).max(200);
const labelId = z.string().min(1).max(100);

/** Annotations taken out of a workspace, with the links that went with them: what undo puts back. */
export const RemovedAnnotationsSchema = z.object({
  removedAnnotations: z.array(AnnotationSchema),
  removedLinks: z.array(LinkSchema),
});
/** Annotations taken out of a workspace, with the links that went with them. */
export type RemovedAnnotations = z.infer<typeof RemovedAnnotationsSchema>;

/** One place a workspace search found its text. */
export const SearchHitSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** A little text before the hit, the hit itself and a little after, for the results list. */
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
/** One place a workspace search found its text. */
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** What a workspace search found, grouped by article in workspace order. */
export const WorkspaceSearchResultSchema = z.object({
  documents: z.array(
    z.object({
      documentId: z.string(),
      title: z.string(),
      hits: z.array(SearchHitSchema),
      /** More hits exist in this article than are listed. */
      truncated: z.boolean(),
    }),
  ),
  totalHits: z.number().int().nonnegative(),
});
/** What a workspace search found, grouped by article. */
export type WorkspaceSearchResult = z.infer<typeof WorkspaceSearchResultSchema>;

/**
 * The one contract between the UI and the workspace services. The Electron preload, the IPC
 * handlers, the browser host's HTTP routes and the renderer's client are all derived from this
 * object: adding a method here plus its implementation is the whole change.
 */
export const workbenchContract = {
  /** Describes the open workspace: where it is, its labels and link types, whether it is read-only. */
  getWorkspace: method(noInput, WorkspaceInfoSchema),

  /** Lists the workspace's documents in import order, each with its annotation count. */
  listDocuments: method(noInput, z.array(DocumentSummarySchema)),

  /**
   * Opens one document: its metadata, its stored text and its annotations in document order (it
   * travels in a compact form, `wire-codecs.ts`).
   */
  openDocument: method(z.object({ documentId }).strict(), OpenedDocumentSchema),

  /** A document's annotations in document order, without its text (read again after a save that failed). */
  listAnnotations: method(z.object({ documentId }).strict(), z.array(AnnotationSchema)),

  /**
   * Labels the given ranges of a document's stored text (UTF-16 offsets; several ranges make one
   * discontinuous annotation). Resolves once the annotation is durably saved.
   */
  createAnnotation: method(
    z
      .object({
        documentId,
        labelId: z.string().min(1).max(100),
        ranges: z.array(TextRangeSchema).min(1).max(50),
      })
      .strict(),
    AnnotationSchema,
  ),

  /** Deletes an annotation together with the links it has; resolves once that is durably saved. */
  deleteAnnotation: method(
    z.object({ documentId, annotationId: z.string().min(1).max(200) }).strict(),
    z.object({
      deletedLinks: z.number().int(),
      /** The links that were removed, exactly as they were (for undo). */
      removedLinks: z.array(LinkSchema).optional(),
    }),
  ),

  /**
   * Labels several sets of ranges of one document at once (one annotation per item), e.g. every hit
   * of a search. All are saved in one durable write.
   */
  createAnnotations: method(
    z
      .object({
        documentId,
        items: z
          .array(z.object({ labelId, ranges: z.array(TextRangeSchema).min(1).max(50) }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    z.array(AnnotationSchema),
  ),

  /**
   * Changes an annotation: its label, its ranges (resizing; several make it discontinuous), its
   * attribute values or its note. Only the fields given change; `updatedAt` is set.
   */
  updateAnnotation: method(
    z
      .object({
        documentId,
        annotationId,
        labelId: labelId.optional(),
        ranges: z.array(TextRangeSchema).min(1).max(50).optional(),
        attributes: AttributeValuesInputSchema.optional(),
        note: limitedText('annotationNote').optional(),
      })
      .strict(),
    AnnotationSchema,
  ),

  /** Deletes several annotations of one document and their links; returns exactly what was removed. */
  deleteAnnotations: method(
    z.object({ documentId, annotationIds: z.array(annotationId).min(1).max(10_000) }).strict(),
    RemovedAnnotationsSchema,
  ),

  /**
   * Puts annotations back exactly as given (id, fragments, attributes, note, author, timestamps),
   * replacing any with the same id, and re-adds the given links that are missing: how undo brings a
   * deleted annotation back and how an edit is undone.
   */
  restoreAnnotations: method(
    z
      .object({
        annotations: z.array(AnnotationInputSchema).max(100_000),
        links: z.array(LinkInputSchema).max(100_000),
      })
      .strict(),
    z.object({ restoredAnnotations: z.number().int(), restoredLinks: z.number().int() }),
  ),

  /**
   * Replaces the workspace's labels (names, colours, hotkeys, descriptions, attributes). A label
   * that is removed while annotations use it is refused unless `deleteAnnotationsOfRemovedLabels`
   * is set; then those annotations and their links are deleted and returned (for undo).
   */
  saveLabels: method(
    z
      .object({
        labels: z.array(LabelInputSchema).min(1).max(100),
        deleteAnnotationsOfRemovedLabels: z.boolean(),
      })
      .strict(),
    RemovedAnnotationsSchema.extend({ labels: z.array(LabelSchema) }),
  ),

  /** Finds text in every article of the workspace; hits are grouped by article. */
  searchWorkspace: method(
    z
      .object({
        query: z.string().min(1).max(1000),
        caseSensitive: z.boolean().optional(),
        /** Most hits listed per article (default 50). */
        hitsPerDocument: z.number().int().positive().max(10_000).optional(),
      })
      .strict(),
    WorkspaceSearchResultSchema,
  ),

  /** Adds the sample articles that are not in the workspace yet (copies; fixtures are never touched). */
  addSampleArticles: method(noInput, z.object({ added: z.number().int(), alreadyPresent: z.number().int() })),

  /**
   * Links two annotations (in one article or across articles) with a link type. Refused with a clear
   * message for a self-link, an identical existing link, or labels the type does not connect.
   */
  createLink: method(
    z.object({ typeId: z.string().min(1).max(100), source: LinkEndSchema.strict(), target: LinkEndSchema.strict(), note: limitedText('linkNote').optional() }).strict(),
    LinkSchema,
  ),

  /** Changes a link's type or note. */
  updateLink: method(
    z.object({ linkId: z.string().min(1).max(200), typeId: z.string().min(1).max(100).optional(), note: limitedText('linkNote').optional() }).strict(),
    LinkSchema,
  ),

  /**
   * Replaces the workspace's link types (names, colours, direction, descriptions, the labels each may
   * connect). Removing a type still used by links is refused unless `deleteLinksOfRemovedTypes`; the
   * links removed come back so the change can be undone.
   */
  saveLinkTypes: method(
    z.object({ linkTypes: z.array(LinkTypeInputSchema).max(100), deleteLinksOfRemovedTypes: z.boolean() }).strict(),
    z.object({ linkTypes: z.array(LinkTypeSchema), removedLinks: z.array(LinkSchema) }),
  ),

  /** Deletes a link and returns it as it was (so it can be restored). */
  deleteLink: method(z.object({ linkId: z.string().min(1).max(200) }).strict(), LinkSchema),

  /** Every link touching one article (or the whole workspace), with both ends resolved for display. */
  listLinks: method(z.object({ documentId: documentId.optional() }).strict(), z.array(ResolvedLinkSchema)),

  /**
   * Every cluster of annotations joined (transitively) by same/paraphrase links: one row per article
   * with its wording and the word-level differences between the variants.
   */
  listClusters: method(noInput, z.array(ClusterViewSchema)),

  /** Names the cluster an annotation belongs to and sets its canonical text. */
  nameCluster: method(
    z.object({ annotationId: z.string().min(1).max(200), name: limitedText('clusterName'), canonicalText: limitedText('canonicalText') }).strict(),
    ClusterNameSchema,
  ),

  /**
   * Where an annotation's text also appears in the other articles (small wording drift tolerated),
   * best match first: the candidates to link as same or paraphrase.
   */
  findQuoteElsewhere: method(
    z.object({ documentId, annotationId: z.string().min(1).max(200), maxErrorRate: z.number().min(0).max(0.5).optional() }).strict(),
    z.array(QuoteSightingSchema),
  ),

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

  /** Counts documents, annotations by label and links by type. */
  getStats: method(noInput, WorkspaceStatsSchema),

  /** The export formats (with the offset unit each writes) and a suggested destination folder for each. */
  getExportOptions: method(noInput, ExportOptionsSchema),

  /**
   * Starts exporting (a format, a scope, an absolute destination folder that must be new or empty,
   * or an earlier export of ours with `overwrite`; never inside a workspace but below its
   * `exports/`) and returns a job id at once; poll `getExportProgress`. Written all or nothing,
   * every byte checked: a temp folder renamed into place when complete.
   */
  startExport: method(ExportRequestSchema, z.object({ jobId: z.string() })),

  /** Where an export job stands; once finished, its summary (files, counts, what was left out and why) or its error. */
  getExportProgress: method(z.object({ jobId: z.string().min(1).max(100) }).strict(), ExportProgressSchema),

  /** Cancels a running export; resolves once nothing of it is left on disk. */
  cancelExport: method(z.object({ jobId: z.string().min(1).max(100) }).strict(), ExportProgressSchema),

  /**
   * Imports annotations and links from a W3C Web Annotation file or a brat folder (absolute path)
   * onto documents already in the workspace; all or nothing, with every problem reported.
   */
  importAnnotations: method(
    z.object({ format: z.enum(ANNOTATION_IMPORT_FORMAT_IDS), path: z.string().min(1).max(4096) }).strict(),
    AnnotationImportSummarySchema,
  ),

  /** Starts a staged import: files are read and checked first, and nothing is stored until it is committed. */
  beginImport: method(noInput, BegunImportSchema),

  /**
   * Sends files (or pieces of large ones) to a staged import. Each file whose bytes are complete is
   * read and classified (new, already in the workspace, new version of a document, or error) without
   * touching the workspace; those files come back.
   */
  addImportFiles: method(
    z.object({ importId: z.string().min(1).max(100), files: z.array(ImportFilePieceSchema).max(5000) }).strict(),
    z.object({ files: z.array(StagedFileSchema) }),
  ),

  /**
   * Stores a staged import as one change: every new article, and the new versions listed in `replace`
   * (their annotations re-anchored, those that cannot be placed exactly flagged orphaned). Duplicates
   * and refused files are reported, never stored. Either the whole import is in the workspace or none.
   */
  commitImport: method(
    z.object({ importId: z.string().min(1).max(100), replace: z.array(z.string().min(1).max(100)).max(100_000) }).strict(),
    ImportResultSchema,
  ),

  /** Discards a staged import; the workspace was never touched by it. */
  cancelImport: method(z.object({ importId: z.string().min(1).max(100) }).strict(), z.object({ cancelled: z.boolean() })),

  /** Changes a document's title, outlet, date, URL or author (the date's warning is worked out again). */
  updateDocumentMeta: method(DocumentMetaEditSchema, DocumentMetaSchema),
} satisfies Record<string, MethodSpec>;

/** The contract's type. */
export type WorkbenchContract = typeof workbenchContract;
/** The name of a contract method. */
export type MethodName = keyof WorkbenchContract;
/** What a method accepts. */
export type MethodInput<K extends MethodName> = z.input<WorkbenchContract[K]['input']>;
/** What a method resolves to. */
export type MethodOutput<K extends MethodName> = z.output<WorkbenchContract[K]['output']>;

/**
 * The workbench API as both sides see it: one async function per contract method (methods without
 * input may be called without an argument).
 */
export type WorkbenchApi = {
  [K in keyof WorkbenchContract]: Record<never, never> extends MethodInput<K>
    ? (input?: MethodInput<K>) => Promise<MethodOutput<K>>
    : (input: MethodInput<K>) => Promise<MethodOutput<K>>;
};

/** Every method name, in contract order. */
export const methodNames = Object.keys(workbenchContract) as MethodName[];

/** Whether a string names a contract method. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(workbenchContract, name);
}
