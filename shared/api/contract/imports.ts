import { z } from 'zod';
import { BegunImportSchema, ImportFilePieceSchema, ImportResultSchema, StagedFileSchema } from '../import-schemas.js';
import { type MethodSpec, method, noInput } from './ids.js';

/** Staged article imports: files read and checked first, then stored at once. */
export const importsContract = {
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
} satisfies Record<string, MethodSpec>;
