import { z } from 'zod';
import { AnnotatorIdSchema } from './annotator.js';
import { limitedText, storedText, type TextFieldRule } from './text-limits.js';

/** One end of a link: an annotation in a document. */
export const LinkEndSchema = z.object({
  documentId: z.string().min(1),
  annotationId: z.string().min(1),
});
/** One end of a link. */
export type LinkEnd = z.infer<typeof LinkEndSchema>;

/** The link schema with its note given by `text`. */
function linkSchema(text: TextFieldRule) {
  return z.object({
    id: z.string().min(1),
    typeId: z.string().min(1),
    source: LinkEndSchema,
    target: LinkEndSchema,
    note: text('linkNote'),
    /** The annotator's display name when it was made. */
    author: z.string(),
    /** Whose layer it belongs to; both of its ends are annotations of that layer. */
    annotator: AnnotatorIdSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  });
}

/** A typed connection between two annotations, in one document or across documents, as stored. */
export const LinkSchema = linkSchema(storedText);
/** A link as the services accept it back (undo): its note within its limit. */
export const LinkInputSchema = linkSchema(limitedText);
/** A typed connection between two annotations. */
export type Link = z.infer<typeof LinkSchema>;

/** One end of a link as panels show it: the annotation, its label and text, and its article's title. */
export const ResolvedLinkEndSchema = LinkEndSchema.extend({
  documentTitle: z.string(),
  labelId: z.string(),
  text: z.string(),
});
/** One end of a link as panels show it. */
export type ResolvedLinkEnd = z.infer<typeof ResolvedLinkEndSchema>;

/** A link with both ends resolved, for the links panel and the contradictions table. */
export const ResolvedLinkSchema = z.object({
  link: LinkSchema,
  source: ResolvedLinkEndSchema,
  target: ResolvedLinkEndSchema,
});
/** A link with both ends resolved. */
export type ResolvedLink = z.infer<typeof ResolvedLinkSchema>;

/**
 * A name and canonical text an editor gave a cluster of same/paraphrase links. Clusters themselves
 * are computed from the links; the name follows the cluster that shares most of `members`.
 */
export const ClusterNameSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  canonicalText: z.string(),
  /** The cluster's annotation ids when it was named. */
  members: z.array(z.string()),
  updatedAt: z.string(),
  /** Whose layer the name belongs to. */
  annotator: AnnotatorIdSchema,
});
/** A name and canonical text given to a cluster. */
export type ClusterName = z.infer<typeof ClusterNameSchema>;
