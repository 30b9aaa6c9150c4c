import { z } from 'zod';

/** One run of a variant against a reference text (see `diffVariant`). */
export const VariantSegmentSchema = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
});

/** One member of a cluster: an outlet's wording, diffed word by word against the cluster's reference. */
export const ClusterMemberViewSchema = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  annotationId: z.string(),
  labelId: z.string(),
  text: z.string(),
  segments: z.array(VariantSegmentSchema),
});
/** One member of a cluster as the cluster view shows it. */
export type ClusterMemberView = z.infer<typeof ClusterMemberViewSchema>;

/** A cluster of annotations joined by same/paraphrase links, with its name if it has one. */
export const ClusterViewSchema = z.object({
  /** Stable while the cluster keeps its founding link (its oldest link). */
  key: z.string(),
  /** Its number, in the order clusters were founded: making another cluster never changes it. */
  number: z.number().int().positive(),
  name: z.string().nullable(),
  canonicalText: z.string().nullable(),
  /** The text the members are compared with: the canonical text, else the first member's. */
  referenceText: z.string(),
  members: z.array(ClusterMemberViewSchema),
});
/** A cluster as the cluster view shows it. */
export type ClusterView = z.infer<typeof ClusterViewSchema>;

/** Where an annotation's quote also appears, in another article. */
export const QuoteSightingSchema = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** The text found there (may differ slightly: apostrophes, a word or two). */
  text: z.string(),
  /**
   * Character edits between the quote and exactly this text (case and quote marks folded; summed over
   * the pieces of a discontinuous quote). The text is bounded to the quote: it ends where the quote's
   * words end there, on word boundaries.
   */
  errors: z.number().int(),
  /** An annotation already covering exactly this text, if there is one. */
  annotationId: z.string().nullable(),
  /**
   * Where each piece of the quote was found, in order (one range for a continuous quote; one per
   * piece of a discontinuous one); `start`/`end` span all of them.
   */
  ranges: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  /** `strong` within the usual drift; `weak` only with more drift allowed (a paraphrase, perhaps), listed after the strong ones. */
  strength: z.enum(['strong', 'weak']),
});
/** Where an annotation's quote also appears. */
export type QuoteSighting = z.infer<typeof QuoteSightingSchema>;
