import { z } from 'zod';
import { ClusterNameSchema, LinkEndSchema, LinkSchema, ResolvedLinkSchema } from '../../model/link.js';
import { limitedText } from '../../model/text-limits.js';
import { ClusterViewSchema, QuoteSightingSchema } from '../../model/link-views.js';
import { type MethodSpec, method, noInput, documentId, annotationId } from './ids.js';

/** Links across articles, the clusters of same/paraphrase links, and finding a quote in other articles. */
export const linksContract = {
  /**
   * Links two annotations (in one article or across articles) with a link type. Refused with a clear
   * message for a self-link, an identical existing link, or labels the type does not connect.
   */
  createLink: method(
    z.object({ typeId: z.string().min(1).max(100), source: LinkEndSchema.strict(), target: LinkEndSchema.strict(), note: limitedText('linkNote').optional() }).strict(),
    LinkSchema,
  ),

  /** Changes a link's type or note, or reverses it (swaps its ends). */
  updateLink: method(
    z
      .object({
        linkId: z.string().min(1).max(200),
        typeId: z.string().min(1).max(100).optional(),
        note: limitedText('linkNote').optional(),
        /** Swaps its ends: its target becomes its source (for a link made the wrong way round). */
        reverse: z.boolean().optional(),
      })
      .strict(),
    LinkSchema,
  ),

  /** Deletes a link and returns it as it was (so it can be restored). */
  deleteLink: method(z.object({ linkId: z.string().min(1).max(200) }).strict(), LinkSchema),

  /** Every link touching one article (or the whole workspace), with both ends resolved for display. */
  listLinks: method(z.object({ documentId: documentId.optional() }).strict(), z.array(ResolvedLinkSchema)),

  /**
   * Every cluster of annotations joined (transitively) by same/paraphrase links: one row per article
   * with its wording and the word-level differences between the variants.
   */
  listClusters: method(noInput, z.array(ClusterViewSchema)),

  /** Names the cluster an annotation belongs to and sets its canonical text. */
  nameCluster: method(
    z.object({ annotationId: z.string().min(1).max(200), name: limitedText('clusterName'), canonicalText: limitedText('canonicalText') }).strict(),
    ClusterNameSchema,
  ),

  /**
   * Where an annotation's text also appears in the other articles (small wording drift tolerated),
   * best match first: the candidates to link as same or paraphrase.
   */
  findQuoteElsewhere: method(
    z.object({ documentId, annotationId: z.string().min(1).max(200), maxErrorRate: z.number().min(0).max(0.5).optional() }).strict(),
    z.array(QuoteSightingSchema),
  ),
} satisfies Record<string, MethodSpec>;
