import { z } from 'zod';
import { AnnotationSchema } from '../../model/annotation.js';
import { DocumentMetaSchema, DocumentSummarySchema } from '../../model/document.js';
import { DocumentMetaEditSchema } from '../import-schemas.js';
import { type MethodSpec, method, noInput, documentId } from './ids.js';

/** A document opened for reading and annotating. */
export const OpenedDocumentSchema = z.object({
  meta: DocumentMetaSchema,
  text: z.string(),
  annotations: z.array(AnnotationSchema),
});
/** A document opened for reading and annotating. */
export type OpenedDocument = z.infer<typeof OpenedDocumentSchema>;

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

/** The articles: listing, opening, their details, and searching all of them. */
export const documentsContract = {
  /** Lists the workspace's documents in import order, each with its annotation count. */
  listDocuments: method(noInput, z.array(DocumentSummarySchema)),

  /**
   * Opens one document: its metadata, its stored text and its annotations in document order (it
   * travels in a compact form, `wire-codecs.ts`).
   */
  openDocument: method(z.object({ documentId }).strict(), OpenedDocumentSchema),

  /** A document's annotations in document order, without its text (read again after a save that failed). */
  listAnnotations: method(z.object({ documentId }).strict(), z.array(AnnotationSchema)),

  /** Changes a document's title, outlet, date, URL or author (the date's warning is worked out again). */
  updateDocumentMeta: method(DocumentMetaEditSchema, DocumentMetaSchema),

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
} satisfies Record<string, MethodSpec>;
