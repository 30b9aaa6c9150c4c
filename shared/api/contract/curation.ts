import { z } from 'zod';
import { AttributeValueSchema } from '../../model/annotation.js';
import { WorkStatusSchema } from '../../model/assignment.js';
import { CurationChoiceSchema, CurationDecisionSchema, CurationPolicySchema } from '../../model/curation.js';
import { type MethodSpec, method, noInput, documentId } from './ids.js';
import { AnnotatorSchema } from './team.js';

const AttributesSchema = z.record(z.string(), AttributeValueSchema);
const RangeSchema = z.object({ start: z.number().int(), end: z.number().int() });
const ContextSchema = z.object({ start: z.number().int(), text: z.string() });

/** An annotator's span as curation shows it: their annotation's id, label, ranges and attribute values. */
const VersionSpanSchema = z.object({ annotationId: z.string(), labelId: z.string(), ranges: z.array(RangeSchema), attributes: AttributesSchema });
/** One link of a version: its type, and whether it goes from the later unit to the earlier one. */
const VersionLinkSchema = z.object({ typeId: z.string(), reversed: z.boolean() });

/**
 * One end of a link disagreement: a unit, and what the policy made of it (null: a disagreement of its
 * own); an end in another article names it, and says whether its curated layer holds the end (null: not yet).
 */
const LinkItemEndSchema = z.object({
  unitId: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  ahead: z.enum(['kept', 'none']).nullable(),
  article: z.object({ documentId: z.string(), title: z.string() }).optional(),
});

/** One disagreement for the curator (see `shared/curation/curation-items.ts`): a span, attribute values, or a link. */
export const CurationItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('span'),
    id: z.string(),
    unitId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    context: ContextSchema,
    versions: z.array(z.object({ annotator: z.string(), span: VersionSpanSchema.nullable() })),
  }),
  z.object({
    kind: z.literal('attributes'),
    id: z.string(),
    unitId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    context: ContextSchema,
    span: VersionSpanSchema,
    names: z.array(z.string()),
    versions: z.array(z.object({ annotator: z.string(), attributes: AttributesSchema.nullable() })),
  }),
  z.object({
    kind: z.literal('link'),
    id: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    context: ContextSchema,
    ends: z.tuple([LinkItemEndSchema, LinkItemEndSchema]),
    versions: z.array(z.object({ annotator: z.string(), links: z.array(VersionLinkSchema) })),
  }),
]);

/** How far the curation of a document is: disagreements decided, left (waiting links among them), moot, and links across articles waiting for the other article. */
const CurationCountsSchema = z.object({ done: z.number().int(), left: z.number().int(), waiting: z.number().int(), moot: z.number().int(), elsewhere: z.number().int() });

/** One document's curation status, for the article list. */
export const CurationStatusSchema = z.object({ documentId: z.string(), status: WorkStatusSchema, updatedAt: z.string().nullable() });
/** One document's curation status. */
export type CurationStatus = z.infer<typeof CurationStatusSchema>;

/** Where a document's curation stands after a change: the decisions, the counts, its status and the curated layer's size. */
export const CurationProgressSchema = z.object({
  documentId: z.string(),
  /** Every decision kept for the document and about its links across articles (a decision about a disagreement no longer there included, so it can be taken back). */
  decisions: z.array(CurationDecisionSchema),
  counts: CurationCountsSchema,
  /** The curation's status: the curated layer's status of the document. */
  status: WorkStatusSchema,
  /** When its status was last set (null: never). */
  statusUpdatedAt: z.string().nullable(),
  /** How many annotations the curated layer holds in the document. */
  curatedAnnotations: z.number().int().nonnegative(),
});
/** Where a document's curation stands after a change. */
export type CurationProgress = z.infer<typeof CurationProgressSchema>;

/** A document's curation as the Curate view opens it. */
export const CurationViewSchema = CurationProgressSchema.extend({
  /** The annotators compared, in the order their versions are listed (keys 1–9 take them). */
  annotators: z.array(AnnotatorSchema),
  policy: CurationPolicySchema.pick({ kind: true, fraction: true }),
  /** Every place some annotator marked something. */
  units: z.number().int().nonnegative(),
  /** Of those, the units the policy settled without asking (kept or left out). */
  mergedAhead: z.number().int().nonnegative(),
  /** Links the policy settled without asking. */
  mergedAheadLinks: z.number().int().nonnegative(),
  /** The disagreements, in document order; its links across articles among them (placed at their end in this article). */
  items: z.array(CurationItemSchema),
  /** The curation statuses of the other articles its links across articles reach (which of two articles such a link holds back depends on them). */
  linkedStatuses: z.array(CurationStatusSchema),
});
/** A document's curation as the Curate view opens it. */
export type CurationView = z.infer<typeof CurationViewSchema>;

/**
 * Curation: several annotators' layers of an article turned into its curated layer, disagreement by
 * disagreement. Whoever curates writes the curated layer (`annotations/<document>/curated.json`,
 * `links/curated.json`); every person's layer is only read.
 */
export const curationContract = {
  /**
   * An article's curation: every person's layer aligned, what the policy merges ahead, and each
   * disagreement in document order with every annotator's version and the text around it. Reads only.
   */
  openCuration: method(z.object({ documentId }).strict(), CurationViewSchema),

  /**
   * Sets the article's policy (unanimous, majority, or a threshold fraction) and writes the curated
   * layer under it: what the policy now merges ahead goes in without asking; decisions are kept.
   */
  applyCurationPolicy: method(
    z.object({ documentId, policy: CurationPolicySchema.pick({ kind: true, fraction: true }).strict() }).strict(),
    CurationViewSchema,
  ),

  /**
   * Settles one disagreement (`choice`: one annotator's version, all, none, or an edit) and writes the
   * curated layer and the decision; `choice: null` takes the decision back (undo). A link is settled
   * only once both its ends are curated; a link across articles (`xlink:…`), decided from either
   * article, once for both, only once the other article's curated layer holds its end there.
   */
  settleDisagreement: method(z.object({ documentId, itemId: z.string().min(1).max(2000), choice: CurationChoiceSchema.nullable() }).strict(), CurationProgressSchema),

  /** Sets the article's curation status; done only once no disagreement is left (a link across articles waiting for the other article does not hold it back). */
  setCurationStatus: method(z.object({ documentId, status: WorkStatusSchema }).strict(), CurationProgressSchema),

  /** Every article's curation status, in document order. */
  listCurationStatuses: method(noInput, z.array(CurationStatusSchema)),
} satisfies Record<string, MethodSpec>;

