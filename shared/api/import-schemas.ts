import { z } from 'zod';
import { limitedText, type TextField } from '../model/text-limits.js';

/**
 * The most raw bytes one `addImportFiles` call carries. Larger files are sent in pieces of this
 * size; as base64 a full batch stays well under the browser host's 16 MB request limit.
 */
export const IMPORT_BATCH_MAX_BYTES = 4 * 1024 * 1024;

/** Longest base64 text one batch may hold: IMPORT_BATCH_MAX_BYTES encoded, plus padding. */
const MAX_BATCH_BASE64 = Math.ceil(IMPORT_BATCH_MAX_BYTES / 3) * 4 + 4;

/** One piece of a file sent to a staged import (a whole file when it fits in one batch). */
export const ImportFilePieceSchema = z
  .object({
    /** The sender's key for the file, unique within the import; the pieces of one file share it. */
    fileKey: z.string().min(1).max(200),
    /** How messages name the file: its name, or its path inside a chosen folder (`news/2021/a.txt`). */
    path: z.string().min(1).max(4096),
    /** Whether the file was found inside a chosen or dropped folder (then only article files are read). */
    fromFolder: z.boolean(),
    /** The whole file's size in bytes, known before reading: the size limit is checked on it first. */
    size: z.number().int().nonnegative(),
    /** Where this piece starts in the file. */
    offset: z.number().int().nonnegative(),
    /** The piece's bytes as base64; empty for a file refused unread (too large, not an article file). */
    base64: z.string().max(MAX_BATCH_BASE64),
  })
  .strict();
/** One piece of a file sent to a staged import. */
export type ImportFilePiece = z.infer<typeof ImportFilePieceSchema>;

/** How a staged article relates to the workspace. */
export const StagedArticleStatusSchema = z.enum(['new', 'duplicate', 'new-version']);
/** How a staged article relates to the workspace. */
export type StagedArticleStatus = z.infer<typeof StagedArticleStatusSchema>;

/** One article a staged file holds, classified against the workspace; nothing is stored yet. */
export const StagedArticleSchema = z.object({
  /** Names the article in `commitImport`'s `replace` list. */
  stagedId: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  dateWarning: z.string().nullable(),
  url: z.string().nullable(),
  /** Line of the corpus file where its record starts; null for single-article files. */
  sourceLine: z.number().int().nullable(),
  /** Length of its text in UTF-16 code units. */
  length: z.number().int().nonnegative(),
  status: StagedArticleStatusSchema,
  /** The document it duplicates or is a new version of; null for a new article. */
  existing: z
    .object({
      /** The workspace document, or null when the duplicate is an earlier file of this same import. */
      documentId: z.string().nullable(),
      title: z.string(),
      annotationCount: z.number().int().nonnegative(),
    })
    .nullable(),
});
/** One staged article. */
export type StagedArticle = z.infer<typeof StagedArticleSchema>;

/** A file of a staged import once all its bytes arrived (or it was refused unread). */
export const StagedFileSchema = z.object({
  fileKey: z.string(),
  path: z.string(),
  /** `ready`: read, its articles listed; `error`: cannot be imported; `skipped`: not an article file in a folder. */
  status: z.enum(['ready', 'error', 'skipped']),
  /** Why it cannot be imported or was skipped, naming the file (and line); null when ready. */
  message: z.string().nullable(),
  articles: z.array(StagedArticleSchema),
});
/** A file of a staged import. */
export type StagedFile = z.infer<typeof StagedFileSchema>;

/** A file that was not imported, and why. */
export const ImportSkipSchema = z.object({ path: z.string(), message: z.string() });
/** A file that was not imported, and why. */
export type ImportSkip = z.infer<typeof ImportSkipSchema>;

/** What a committed import did. */
export const ImportResultSchema = z.object({
  /** New documents, in import order. */
  added: z.array(z.object({ documentId: z.string(), title: z.string() })),
  /** Documents replaced by a new version, with how many of their annotations were placed or orphaned. */
  replaced: z.array(
    z.object({
      documentId: z.string(),
      previousDocumentId: z.string(),
      title: z.string(),
      placed: z.number().int().nonnegative(),
      orphaned: z.number().int().nonnegative(),
    }),
  ),
  /** Articles whose text is already in the workspace (not added again). */
  duplicates: z.array(z.object({ path: z.string(), title: z.string(), existingTitle: z.string() })),
  /** New versions that were not accepted for replacement (nothing imported for them). */
  notReplaced: z.array(z.object({ path: z.string(), title: z.string(), existingTitle: z.string() })),
  /** Files that could not be imported, each with its message. */
  failed: z.array(ImportSkipSchema),
  /** Files of a folder that are not article files (or are hidden), each with why. */
  skipped: z.array(ImportSkipSchema),
});
/** What a committed import did. */
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** A staged import just begun: its id and the limits its sender must respect. */
export const BegunImportSchema = z.object({
  importId: z.string(),
  /** Files larger than this are refused before they are read. */
  maxFileBytes: z.number().int().positive(),
  /** The most raw bytes to send in one `addImportFiles` call. */
  maxBatchBytes: z.number().int().positive(),
});
/** A staged import just begun. */
export type BegunImport = z.infer<typeof BegunImportSchema>;

/** A metadata field as edited: text within its limit, or null to clear it; left out to keep it. */
const editableField = (field: TextField) => limitedText(field).nullable().optional();

/** The metadata a person may change after import. */
export const DocumentMetaEditSchema = z
  .object({
    documentId: z.string().min(1).max(200),
    title: limitedText('documentTitle').optional(),
    outlet: editableField('documentOutlet'),
    date: editableField('documentDate'),
    url: editableField('documentUrl'),
    author: editableField('documentAuthor'),
  })
  .strict();
/** The metadata a person may change after import. */
export type DocumentMetaEdit = z.infer<typeof DocumentMetaEditSchema>;
