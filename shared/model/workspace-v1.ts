import { z } from 'zod';
import { AnnotationSchema, type Annotation } from './annotation.js';
import type { AnnotatorId } from './annotator.js';
import { ContentHashSchema, DocumentMetaSchema } from './document.js';
import { LabelSchema, LinkTypeSchema } from './label-schema.js';
import { ClusterNameSchema, LinkSchema, type ClusterName, type Link } from './link.js';

/** The schema version of workspaces written before layers: one annotation file per document, the links in `workspace.json`. */
export const SCHEMA_VERSION_BEFORE_LAYERS = 1;

/** An annotation as version 1 stored it: without its annotator. */
export const AnnotationV1Schema = AnnotationSchema.omit({ annotator: true });
/** A link as version 1 stored it: without its annotator. */
export const LinkV1Schema = LinkSchema.omit({ annotator: true });
/** A cluster name as version 1 stored it: without its annotator. */
export const ClusterNameV1Schema = ClusterNameSchema.omit({ annotator: true });

/** `workspace.json` at version 1: the shared schema and index plus everybody's links and cluster names. */
export const WorkspaceFileV1Schema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION_BEFORE_LAYERS),
  labels: z.array(LabelSchema),
  linkTypes: z.array(LinkTypeSchema),
  documents: z.array(DocumentMetaSchema),
  links: z.array(LinkV1Schema),
  clusterNames: z.array(ClusterNameV1Schema).default([]),
});
/** `workspace.json` at version 1. */
export type WorkspaceFileV1 = z.infer<typeof WorkspaceFileV1Schema>;

/** `annotations/<documentId>.json` at version 1. */
export const AnnotationFileV1Schema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION_BEFORE_LAYERS),
  documentId: z.string().min(1),
  contentHash: ContentHashSchema,
  annotations: z.array(AnnotationV1Schema),
});
/** `annotations/<documentId>.json` at version 1. */
export type AnnotationFileV1 = z.infer<typeof AnnotationFileV1Schema>;

/** Gives version-1 items (annotations, links, cluster names) to `annotator`: the work becomes theirs. */
export function assignToAnnotator<T extends object>(items: readonly T[], annotator: AnnotatorId): (T & { annotator: AnnotatorId })[] {
  return items.map((item) => ({ ...item, annotator }));
}

/** The annotations, links and cluster names of a version-1 workspace, given to `annotator`. */
export function layerOfV1(
  workspace: Pick<WorkspaceFileV1, 'links' | 'clusterNames'>,
  annotator: AnnotatorId,
): { links: Link[]; clusterNames: ClusterName[] } {
  return { links: assignToAnnotator(workspace.links, annotator), clusterNames: assignToAnnotator(workspace.clusterNames, annotator) };
}

/** The annotations of a version-1 annotation file, given to `annotator`. */
export function annotationsOfV1(file: AnnotationFileV1, annotator: AnnotatorId): Annotation[] {
  return assignToAnnotator(file.annotations, annotator);
}
