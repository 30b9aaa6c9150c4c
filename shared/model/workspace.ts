import { z } from 'zod';
import { AnnotationSchema, type Annotation } from './annotation.js';
import { DocumentStatusMapSchema, type DocumentStatusMap } from './assignment.js';
import { AnnotatorIdentitySchema, AnnotatorIdSchema, type AnnotatorIdentity } from './annotator.js';
import { CrossCurationSchema, CurationMapSchema } from './curation.js';
import { ContentHashSchema, DocumentMetaSchema, type DocumentMeta } from './document.js';
import { LabelSchema, LinkTypeSchema, type Label, type LinkType } from './label-schema.js';
import { ClusterNameSchema, LinkSchema, type ClusterName, type Link } from './link.js';

/**
 * The version of the on-disk workspace layout this build writes. Version 2 keeps each annotator's
 * work in their own files (a layer); version 1 (one annotation file per document, the links in
 * `workspace.json`) is upgraded when opened (`main/workspace/layer-migration.ts`).
 */
export const CURRENT_SCHEMA_VERSION = 2;

/**
 * `workspace.json`: what every annotator shares: the label schema, the link types and the document
 * index. Nobody's annotations, links or cluster names are in it.
 */
export const WorkspaceFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  documents: z.array(DocumentMetaSchema),
});
/** The contents of `workspace.json`. */
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

/** `annotations/<documentId>/<annotator>.json`: one annotator's annotations of one document. */
export const AnnotationFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  documentId: z.string().min(1),
  /** Whose layer this is; every annotation in it has this annotator. */
  annotator: AnnotatorIdSchema,
  contentHash: ContentHashSchema,
  annotations: z.array(AnnotationSchema),
});
/** The contents of one annotator's annotation file of one document. */
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

/**
 * `links/<annotator>.json`: one annotator's identity (name and email, as they last gave them), their
 * links (whose ends are annotations of their own layer), the names they gave clusters, and where
 * they stand with each document.
 */
export const LinkLayerFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  annotator: AnnotatorIdentitySchema,
  links: z.array(LinkSchema),
  clusterNames: z.array(ClusterNameSchema),
  /** Their status of each document they marked (absent: none marked; every document not started). */
  documentStatus: DocumentStatusMapSchema.optional(),
  /**
   * Only in the curated layer's file: each document's curation policy and the curators' decisions
   * (absent: nothing curated yet). Its status of each document is the curation's status.
   */
  curation: CurationMapSchema.optional(),
  /** Only in the curated layer's file: the decisions about links across articles (absent: none yet). */
  crossCuration: CrossCurationSchema.optional(),
});
/** The contents of one annotator's link file. */
export type LinkLayerFile = z.infer<typeof LinkLayerFileSchema>;

/** One document with its text and annotations, as exporters and importers see it. */
export interface DocumentSnapshot {
  meta: DocumentMeta;
  text: string;
  annotations: Annotation[];
  /** The annotators with a layer (a file) of this document, by id, when every layer was read (absent otherwise). */
  layers?: string[];
}

/**
 * A whole workspace in memory, in document order: the input of every export transform. It holds one
 * annotator's layer, or every layer (each annotation, link and cluster name says whose it is);
 * `shared/formats/export-layers.ts` picks from it what an export holds.
 */
export interface WorkspaceSnapshot {
  schemaVersion: number;
  labels: Label[];
  linkTypes: LinkType[];
  documents: DocumentSnapshot[];
  links: Link[];
  /** Names and canonical texts given to link clusters (absent: none). */
  clusterNames?: ClusterName[];
  /** Each annotator's document statuses, by annotator id (absent: not read). */
  documentStatus?: Record<string, DocumentStatusMap>;
  /** Who the layers read belong to, as their link files name them, by id (absent: not read). */
  annotators?: AnnotatorIdentity[];
}
