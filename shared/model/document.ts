import { z } from 'zod';
import { AssigneeSchema } from './assignment.js';

/** What import did to a file's text before storing it, recorded once (docs/GUARANTEES.md T2). */
export const TextNormalisationSchema = z.object({
  /** A byte-order mark was removed from the start. */
  bomRemoved: z.boolean(),
  /** The line endings found: CRLF and lone CR are rewritten to LF. */
  lineEndings: z.enum(['lf', 'crlf', 'cr', 'mixed', 'none']),
  /** The text changed when put in Unicode NFC. */
  nfcApplied: z.boolean(),
});
/** What import did to a file's text before storing it. */
export type TextNormalisation = z.infer<typeof TextNormalisationSchema>;

/** `sha256:` followed by 64 lower-case hex digits: the hash of a document's stored text (UTF-8). */
export const ContentHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);

/** Everything known about a document except its text (which lives in its own file). */
export const DocumentMetaSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** Outlet or source that published the article, where known. */
  outlet: z.string().nullable(),
  /** Publication date as given by the source (ISO `YYYY-MM-DD` where it parses), where known. */
  date: z.string().nullable(),
  url: z.string().nullable(),
  /**
   * Why the date should not be trusted as given (the date itself is kept as given); null when
   * nothing looks wrong. Absent in documents stored before it was recorded, which read as null.
   */
  dateWarning: z.string().nullable().optional(),
  /** The byline, where the source gives one. Absent in documents stored before it was recorded. */
  author: z.string().nullable().optional(),
  /** The file name the text was imported from, where it came from a file. */
  sourceFile: z.string().nullable(),
  contentHash: ContentHashSchema,
  /** Length of the stored text in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  normalisation: TextNormalisationSchema,
  importedAt: z.string(),
  /**
   * The annotators the document is assigned to (shared: anyone may assign), each once. Absent in
   * documents never assigned, which read as assigned to nobody.
   */
  assignees: z
    .array(AssigneeSchema)
    .refine((list) => new Set(list.map((a) => a.id)).size === list.length, 'an annotator is assigned to a document at most once')
    .optional(),
});
/** Everything known about a document except its text. */
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

/** A document as listed in the article list. */
export const DocumentSummarySchema = DocumentMetaSchema.pick({
  id: true,
  title: true,
  outlet: true,
  date: true,
  length: true,
}).extend({
  /** How many annotations it has, when known (null until its annotations have been read). */
  annotationCount: z.number().int().nonnegative().nullable(),
});
/** A document as listed in the article list. */
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;
