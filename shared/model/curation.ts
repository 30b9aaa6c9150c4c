import { z } from 'zod';
import { AttributeValueSchema } from './annotation.js';
import { AnnotatorIdSchema } from './annotator.js';
import { limitedText } from './text-limits.js';

/**
 * Which units a curator lets through without asking: those every annotator agrees on (`unanimous`),
 * those more than half agree on (`majority`), or those at least `fraction` of them agree on
 * (`threshold`). A flat object rather than a union, so two curators changing it merge field by
 * field; `fraction` counts only for a threshold.
 */
export const CurationPolicySchema = z.object({
  kind: z.enum(['unanimous', 'majority', 'threshold']),
  /** The share of annotators that must agree, for a threshold (more than 0, at most 1). */
  fraction: z.number().gt(0).lte(1),
  /** When the curator last set it. */
  updatedAt: z.string(),
});
/** Which units a curator lets through without asking. */
export type CurationPolicy = z.infer<typeof CurationPolicySchema>;

/** The policy of a document nobody set one for: only what every annotator agrees on goes through. */
export const DEFAULT_CURATION_POLICY: Omit<CurationPolicy, 'updatedAt'> = { kind: 'unanimous', fraction: 1 };

/** One range of an edited span (UTF-16 offsets, end exclusive). */
const EditedRangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((r) => r.end > r.start, 'a range ends after it starts');

/** The four kinds of choice, with the attribute values' schema given by `values`. */
function choiceOptions<V extends z.ZodType>(values: V) {
  return [
    z.object({ kind: z.literal('annotator'), annotator: AnnotatorIdSchema }),
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('edit'),
      /** The span's ranges, in order and not overlapping (a span disagreement). */
      ranges: z.array(EditedRangeSchema).min(1).max(100).optional(),
      /** The span's label (a span disagreement). */
      labelId: z.string().min(1).max(100).optional(),
      /** The attribute values (a span or attribute disagreement). */
      attributes: values.optional(),
      /** The link's type (a link disagreement). */
      typeId: z.string().min(1).max(100).optional(),
      /** The link goes from the later unit to the earlier one (a link disagreement of a directed type). */
      reversed: z.boolean().optional(),
    }),
  ] as const;
}

const [byAnnotator, all, none, edit] = choiceOptions(
  z.record(limitedText('attributeName'), z.union([limitedText('attributeValue'), z.number(), z.boolean()])),
);

/**
 * What a curator chose for one disagreement: one annotator's version (their span, label and
 * attributes; their attribute values; their links), every version (`all`: the different spans kept
 * as separate curated annotations, or every link type given), nothing (`none`), or their own edit
 * (the span's ranges, label and attributes; the attributes; or a link's type and direction). As the
 * services accept it: nothing unknown, text within its limits.
 */
export const CurationChoiceSchema = z.discriminatedUnion('kind', [byAnnotator.strict(), all.strict(), none.strict(), edit.strict()]);
/** What a curator chose for one disagreement. */
export type CurationChoice = z.infer<typeof CurationChoiceSchema>;

/** A choice as stored (read back as written). */
const StoredChoiceSchema = z.discriminatedUnion('kind', choiceOptions(z.record(z.string(), AttributeValueSchema)));

/**
 * A curator's decision about one disagreement, kept in the curated layer's link file. `id` is the
 * disagreement's id (a unit's id, or derived from units' ids: stable while the annotations it
 * aligns stay), so a list of decisions merges item by item when two curators sync.
 */
export const CurationDecisionSchema = z.object({
  id: z.string().min(1),
  choice: StoredChoiceSchema,
  /** The curator's annotator id and name when they decided. */
  curatorId: AnnotatorIdSchema,
  curator: z.string(),
  updatedAt: z.string(),
});
/** A curator's decision about one disagreement. */
export type CurationDecision = z.infer<typeof CurationDecisionSchema>;

/** One document's curation: the policy (absent: unanimous) and the decisions made so far. */
export const DocumentCurationSchema = z.object({
  policy: CurationPolicySchema.optional(),
  decisions: z.array(CurationDecisionSchema).refine((list) => new Set(list.map((d) => d.id)).size === list.length, 'one decision per disagreement'),
});
/** One document's curation. */
export type DocumentCuration = z.infer<typeof DocumentCurationSchema>;

/**
 * Every document's curation, by document id, in the curated layer's link file (`links/curated.json`).
 * Keyed by document, so curators of different documents never conflict when they sync.
 */
export const CurationMapSchema = z.record(z.string().min(1), DocumentCurationSchema);
/** Every document's curation, by document id. */
export type CurationMap = z.infer<typeof CurationMapSchema>;

/**
 * The decisions about links across articles, in the curated layer's link file: one place for a link
 * between two articles, whichever article's curation it was decided in, each kept under the id of its
 * two units (`xlink:…`, made from both in a fixed order), so a list merges item by item when curators sync.
 */
export const CrossCurationSchema = z.object({
  decisions: z.array(CurationDecisionSchema).refine((list) => new Set(list.map((d) => d.id)).size === list.length, 'one decision per disagreement'),
});
