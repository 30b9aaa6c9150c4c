import { z } from 'zod';
import { AttributeValueSchema } from '../../model/annotation.js';
import { AnnotatorIdSchema } from '../../model/annotator.js';
import { type MethodSpec, method, documentId } from './ids.js';

/**
 * Which layers and articles agreement compares. Absent annotators: every person with annotations
 * in the workspace (the reserved `curated` and `owner` layers only when named). Absent documents:
 * every article.
 */
export const AgreementScopeSchema = z
  .object({
    annotators: z.array(AnnotatorIdSchema).min(2).max(100).optional(),
    documentIds: z.array(documentId).min(1).max(100_000).optional(),
  })
  .strict();
/** Which layers and articles agreement compares. */
export type AgreementScope = z.infer<typeof AgreementScopeSchema>;

/** What a figure measures (the cell of the report it stands in). */
export const AgreementMeasureSchema = z.enum([
  'span-f1-exact',
  'span-f1-overlap',
  'unitizing-alpha',
  'attribute-alpha',
  'link-alpha',
  'link-f1',
  'clusters',
]);
/** What a figure measures. */
export type AgreementMeasure = z.infer<typeof AgreementMeasureSchema>;

/** One cell of the report: enough to list the disagreements behind its figure. */
export const AgreementCellSchema = z
  .object({
    /** The scope the report was asked for. */
    scope: AgreementScopeSchema,
    measure: AgreementMeasureSchema,
    /** The label (spans, attributes), or null for every label. */
    labelId: z.string().max(100).nullable(),
    /** The attribute's name (attribute alpha only). */
    attribute: z.string().max(200).nullable(),
    /** One article, or null for every article of the figure. */
    documentId: documentId.nullable(),
    /** The annotators the figure compares: a pair, or everyone compared. */
    annotators: z.array(AnnotatorIdSchema).min(2).max(100),
  })
  .strict();
/** One cell of the report. */
export type AgreementCell = z.infer<typeof AgreementCellSchema>;

/** One agreement figure with the sentence that says how it was computed. */
export const AgreementFigureSchema = z.object({
  /** The figure (F1, α, …: 0…1, α may be negative); null when it is undefined (nothing to compare). */
  value: z.number().nullable(),
  /**
   * How it was computed, as a paper cites it: the measure, what the units are and how many, the
   * matching rule, the annotators and articles.
   */
  method: z.string(),
  /** The parts it is made of (precision, recall, observed and expected disagreement, counts…). */
  details: z.array(z.object({ name: z.string(), value: z.number().nullable() })),
  /** The cell, to list its disagreements. */
  cell: AgreementCellSchema,
});
/** One agreement figure. */
export type AgreementFigure = z.infer<typeof AgreementFigureSchema>;

/** The three span measures, each as `value` (a full figure, or an article's bare number). */
const spanMeasures = <T extends z.ZodTypeAny>(value: T) => ({ f1Exact: value, f1Overlap: value, unitizingAlpha: value });

/** The span figures of one label (or every label). */
export const SpanFiguresSchema = z.object(spanMeasures(AgreementFigureSchema));
/** The span figures of one label. */
export type SpanFigures = z.infer<typeof SpanFiguresSchema>;

/** Krippendorff's alpha of one attribute of one label. */
export const AttributeFigureSchema = z.object({
  labelId: z.string(),
  labelName: z.string(),
  attribute: z.string(),
  level: z.enum(['nominal', 'ordinal', 'interval']),
  figure: AgreementFigureSchema,
});
/** Krippendorff's alpha of one attribute. */
export type AttributeFigure = z.infer<typeof AttributeFigureSchema>;

/** Every figure over one set of annotators and articles. */
export const AgreementFiguresSchema = z.object({
  /** The annotators compared (ids, in the report's order). */
  annotators: z.array(AnnotatorIdSchema),
  /** How many articles the figures are over. */
  documents: z.number().int().nonnegative(),
  spans: z.object({
    /** Every label together (F1: a match needs the same label; αu: where anything is marked, whatever its label). */
    overall: SpanFiguresSchema,
    byLabel: z.array(z.object({ labelId: z.string(), labelName: z.string(), figures: SpanFiguresSchema })),
  }),
  attributes: z.array(AttributeFigureSchema),
  /** Cross-document links. */
  links: z.object({ alpha: AgreementFigureSchema, f1: AgreementFigureSchema }),
  /** Clusters of same/paraphrase links. */
  clusters: z
    .object({
      muc: AgreementFigureSchema,
      bCubed: AgreementFigureSchema,
      ceafE: AgreementFigureSchema,
      conll: AgreementFigureSchema,
      lea: AgreementFigureSchema,
    }),
});
/** Every figure over one set of annotators and articles. */
export type AgreementFigures = z.infer<typeof AgreementFiguresSchema>;

/**
 * One article's span agreement over every label and the annotators who coded it, values only:
 * every figure of one article, with how each is computed, is `getAgreement({ documentIds: [its id] })`.
 */
export const ArticleAgreementSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  /** The compared annotators who coded it. */
  coders: z.array(AnnotatorIdSchema),
  /** Its length in characters. */
  characters: z.number().int().nonnegative(),
  ...spanMeasures(z.number().nullable()),
});
/** One article's span agreement. */
export type ArticleAgreement = z.infer<typeof ArticleAgreementSchema>;

/** Inter-annotator agreement over the workspace: overall, per pair of annotators and per article. */
export const AgreementReportSchema = z.object({
  scope: AgreementScopeSchema,
  /** The annotators compared, with their names. */
  annotators: z.array(z.object({ id: AnnotatorIdSchema, name: z.string() })),
  /** Layers left out, each with why. */
  excluded: z.array(z.object({ id: AnnotatorIdSchema, name: z.string(), reason: z.string() })),
  /** Every annotator compared, over the articles all of them coded. */
  overall: AgreementFiguresSchema,
  /** Each pair of annotators, over the articles both coded. */
  byPair: z.array(AgreementFiguresSchema),
  /** Each article in the scope that at least two annotators coded, over the annotators who coded it (in document order). */
  byDocument: z.array(ArticleAgreementSchema),
  /** How the figures are computed, in sentences a paper can cite. */
  method: z.array(z.string()),
  /** What was left out and why (orphaned annotations, links to articles out of scope…). */
  notes: z.array(z.string()),
});
/** Inter-annotator agreement over the workspace. */
export type AgreementReport = z.infer<typeof AgreementReportSchema>;

/** The agreement as it stands: still being computed (with how far), or ready. */
export const AgreementStateSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('computing'),
    /** `reading` the layers (done/total: articles), then `computing` (done/total: steps). */
    phase: z.enum(['starting', 'reading', 'computing']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({ status: z.literal('ready'), report: AgreementReportSchema, computedAt: z.string(), durationMs: z.number() }),
]);
/** The agreement as it stands. */
export type AgreementState = z.infer<typeof AgreementStateSchema>;

/** A place in an article: where to open it to see a disagreement. */
export const AgreementPlaceSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The marked words (each annotator's version has its own). */
  quote: z.string(),
});
/** A place in an article. */
export type AgreementPlace = z.infer<typeof AgreementPlaceSchema>;

/** What one annotator chose at a disagreement. */
export const AnnotatorChoiceSchema = z.object({
  annotator: AnnotatorIdSchema,
  /** The choice in words: `Quote “…”`, `nothing here`, `verdict: false`, `linked as Same`. */
  choice: z.string(),
  /** Their span's label and fragments, where they marked one. */
  labelId: z.string().nullable(),
  fragments: z.array(z.object({ start: z.number().int(), end: z.number().int() })).nullable(),
  /** The attribute's value (attribute disagreements). */
  value: AttributeValueSchema.nullable().optional(),
});
/** What one annotator chose at a disagreement. */
export type AnnotatorChoice = z.infer<typeof AnnotatorChoiceSchema>;

/** One place where the compared annotators differ. */
export const DisagreementSchema = z.object({
  kind: z.enum(['only-some', 'label-differs', 'boundary-differs', 'value-differs', 'link-missing', 'link-type-differs', 'cluster-differs']),
  /** What differs, in one sentence. */
  summary: z.string(),
  place: AgreementPlaceSchema,
  /** A link's other end (link disagreements), else null. */
  other: AgreementPlaceSchema.nullable(),
  /** Each compared annotator's version, in the report's order. */
  choices: z.array(AnnotatorChoiceSchema),
});
/** One place where the compared annotators differ. */
export type Disagreement = z.infer<typeof DisagreementSchema>;

/** The most disagreements one list returns (the total says how many there are). */
export const MAX_DISAGREEMENTS = 500;

/** The disagreements behind one figure, in document order. */
export const DisagreementListSchema = z.object({
  cell: AgreementCellSchema,
  /** How many there are in all (the list holds at most MAX_DISAGREEMENTS). */
  total: z.number().int().nonnegative(),
  items: z.array(DisagreementSchema),
});
/** The disagreements behind one figure. */
export type DisagreementList = z.infer<typeof DisagreementListSchema>;

/**
 * Inter-annotator agreement: the figures (computed in the background, off the request path, and
 * kept until the workspace's files change) and the disagreements behind each.
 */
export const agreementContract = {
  /**
   * The agreement of the scope's annotators: ready when it was computed since the workspace last
   * changed, else `computing` with how far it got (it starts then, in the background; call again
   * to follow it).
   */
  getAgreement: method(AgreementScopeSchema, AgreementStateSchema),

  /** The places where the annotators of one figure differ (at most MAX_DISAGREEMENTS, in document order). */
  listDisagreements: method(z.object({ cell: AgreementCellSchema }).strict(), DisagreementListSchema),
} satisfies Record<string, MethodSpec>;
