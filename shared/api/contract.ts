import { z } from 'zod';
import { AnnotationSchema, TextRangeSchema } from '../model/annotation.js';
import { DocumentMetaSchema, DocumentSummarySchema } from '../model/document.js';
import { AttributeValueSchema } from '../model/annotation.js';
import { LabelSchema, LinkTypeSchema } from '../model/label-schema.js';
import { LinkSchema } from '../model/link.js';

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

  /** Opens one document: its metadata, its stored text and its annotations in document order. */
  openDocument: method(z.object({ documentId }).strict(), OpenedDocumentSchema),

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
        attributes: z.record(z.string(), AttributeValueSchema).optional(),
        note: z.string().max(100_000).optional(),
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
        annotations: z.array(AnnotationSchema).max(100_000),
        links: z.array(LinkSchema).max(100_000),
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
        labels: z.array(LabelSchema).min(1).max(100),
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

  /** Counts documents, annotations by label and links by type. */
  getStats: method(noInput, WorkspaceStatsSchema),
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
