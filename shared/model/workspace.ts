import { z } from 'zod';
import { AnnotationSchema, type Annotation } from './annotation.js';
import { ContentHashSchema, DocumentMetaSchema, type DocumentMeta } from './document.js';
import { LabelSchema, LinkTypeSchema, type Label, type LinkType } from './label-schema.js';
import { ClusterNameSchema, LinkSchema, type ClusterName, type Link } from './link.js';

/** The version of the on-disk workspace layout this build writes. */
export const CURRENT_SCHEMA_VERSION = 1;

/** `workspace.json`: the small file holding the schema, the document index and the links. */
export const WorkspaceFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  documents: z.array(DocumentMetaSchema),
  links: z.array(LinkSchema),
  /** Names and canonical texts of link clusters (absent in workspaces written before clusters). */
  clusterNames: z.array(ClusterNameSchema).default([]),
});
/** The contents of `workspace.json`. */
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

/** `annotations/<documentId>.json`: one document's annotations. */
export const AnnotationFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  documentId: z.string().min(1),
  contentHash: ContentHashSchema,
  annotations: z.array(AnnotationSchema),
});
/** The contents of one document's annotation file. */
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

/** One document with its text and annotations, as exporters and importers see it. */
export interface DocumentSnapshot {
  meta: DocumentMeta;
  text: string;
  annotations: Annotation[];
}

/** A whole workspace in memory, in document order: the input of every export transform. */
export interface WorkspaceSnapshot {
  schemaVersion: number;
  labels: Label[];
  linkTypes: LinkType[];
  documents: DocumentSnapshot[];
  links: Link[];
  /** Names and canonical texts given to link clusters (absent: none). */
  clusterNames?: ClusterName[];
}
