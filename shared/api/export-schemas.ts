import { z } from 'zod';
import { EXPORT_FORMAT_IDS } from '../formats/export-formats.js';
import { AnnotatorIdSchema } from '../model/annotator.js';

/** The formats annotations can be imported from onto documents already in a workspace. */
export const ANNOTATION_IMPORT_FORMAT_IDS = ['w3c', 'brat'] as const;
/** A format annotations can be imported from. */
export type AnnotationImportFormatId = (typeof ANNOTATION_IMPORT_FORMAT_IDS)[number];

/** An export format as a picker shows it. */
export const ExportFormatInfoSchema = z.object({
  id: z.enum(EXPORT_FORMAT_IDS),
  description: z.string(),
  /** The unit its offsets count, stated next to the format. */
  offsetUnit: z.string(),
  /** Why the format cannot hold every annotator's layer, and what to choose instead; null when it can. */
  refusesAllLayers: z.string().nullable(),
});
/** An export format as a picker shows it. */
export type ExportFormatInfo = z.infer<typeof ExportFormatInfoSchema>;

/** What the export dialog needs before the user picks anything. */
export const ExportOptionsSchema = z.object({
  formats: z.array(ExportFormatInfoSchema),
  /** The suggested destination folder per format: `<workspace>/exports/<format>-<date-time>`. */
  defaultDestinations: z.record(z.string(), z.string()),
  /** The layers there are to choose from. */
  layers: z.object({
    /** My annotator id: my layer is exported unless another is chosen, and is the curated layer's default fallback. */
    me: AnnotatorIdSchema,
    /** Every annotator with a layer (me included, the curated layer not), sorted by id. */
    annotators: z.array(z.object({ id: AnnotatorIdSchema, name: z.string() })),
    /** How many articles have a curated layer (none: the curated layer is not the default). */
    curatedDocuments: z.number().int().nonnegative(),
    documentCount: z.number().int().nonnegative(),
  }),
});
/** What the export dialog needs before the user picks anything. */
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** Which part of the workspace to export; an absent list means all. */
export const ExportScopeSchema = z
  .object({
    documentIds: z.array(z.string().min(1).max(200)).min(1).max(100_000).optional(),
    labelIds: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
  })
  .strict();

/**
 * Which layer(s) an export holds (see `shared/formats/export-layers.ts`): one annotator's, the
 * curated layer with another's where an article has none (mine when `fallback` is absent), or
 * every layer.
 */
export const ExportLayerRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotator'), annotator: AnnotatorIdSchema }).strict(),
  z.object({ kind: z.literal('curated'), fallback: AnnotatorIdSchema.optional() }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);
/** Which layer(s) an export holds, as asked. */
export type ExportLayerRequest = z.infer<typeof ExportLayerRequestSchema>;

/** What to export and where. */
export const ExportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMAT_IDS),
    scope: ExportScopeSchema.optional(),
    /** Which layer(s); my own layer when absent. */
    layer: ExportLayerRequestSchema.optional(),
    /** An absolute folder path on the machine running the workspace; created, never merged into. */
    destination: z.string().min(1).max(4096),
    /** Replace an earlier export of ours at the destination (otherwise refused; anything else always is). */
    overwrite: z.boolean().optional(),
  })
  .strict();
/** What to export and where. */
export type ExportRequestInput = z.input<typeof ExportRequestSchema>;

/** One file an export wrote, relative to its destination folder. */
export const WrittenFileSchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative() });
/** One file an export wrote. */
export type WrittenFile = z.infer<typeof WrittenFileSchema>;

/** Something in scope that an export did not write, and why. */
export const LeftOutItemSchema = z.object({
  kind: z.enum(['annotation', 'link']),
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  reason: z.string(),
});
/** Something in scope that an export did not write, and why. */
export type LeftOutItem = z.infer<typeof LeftOutItemSchema>;

/** What a finished export wrote. */
export const ExportSummarySchema = z.object({
  format: z.enum(EXPORT_FORMAT_IDS),
  offsetUnit: z.string(),
  /** The absolute path of the folder written. */
  destination: z.string(),
  files: z.array(WrittenFileSchema),
  totalBytes: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  links: z.number().int().nonnegative(),
  leftOut: z.array(LeftOutItemSchema),
  /** What a user of this format should know (where cross-document links went, what is not written). */
  notes: z.array(z.string()),
});
/** What a finished export wrote. */
export type ExportSummary = z.infer<typeof ExportSummarySchema>;

/** Where an export job stands. `running` jobs are polled until another state is reached. */
export const ExportProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** What it is doing now, for people ("Reading articles", "Writing annotations.jsonld"). */
  phase: z.enum(['reading', 'writing', 'finishing', 'finished']),
  documentsRead: z.number().int().nonnegative(),
  documentCount: z.number().int().nonnegative(),
  filesWritten: z.number().int().nonnegative(),
  bytesWritten: z.number().int().nonnegative(),
  currentFile: z.string().nullable(),
  /** Annotations in scope that the export writes, once known. */
  annotationCount: z.number().int().nonnegative().nullable(),
  summary: ExportSummarySchema.nullable(),
  /** Why it failed, naming the file where there is one. */
  error: z.string().nullable(),
});
/** Where an export job stands. */
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

/** One problem found reading annotations to import: file, line where there is one, item, reason. */
export const ImportProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().nullable(),
  itemId: z.string().nullable(),
  reason: z.string(),
});
/** One problem found reading annotations to import. */
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** What importing annotations did (all or nothing: with any problem, nothing is imported). */
export const AnnotationImportSummarySchema = z.object({
  imported: z.boolean(),
  annotationsAdded: z.number().int().nonnegative(),
  linksAdded: z.number().int().nonnegative(),
  /** Identical annotations and links already in the workspace, not added twice. */
  alreadyPresent: z.number().int().nonnegative(),
  documentsTouched: z.number().int().nonnegative(),
  problems: z.array(ImportProblemSchema),
});
/** What importing annotations did. */
export type AnnotationImportSummary = z.infer<typeof AnnotationImportSummarySchema>;
