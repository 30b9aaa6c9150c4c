import { z } from 'zod';
import { AnnotatorIdSchema } from './annotator.js';
import { ContentHashSchema } from './document.js';
import { limitedText, storedText, type TextFieldRule } from './text-limits.js';

/**
 * One contiguous piece of an annotated span. `start`/`end` are UTF-16 code-unit offsets into the
 * document's stored text (end exclusive); `exact`, `prefix` and `suffix` are the TextQuote that lets
 * the span be found again when offsets no longer fit (Hypothesis-style anchoring).
 */
export const TextFragmentSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    exact: z.string().min(1),
    prefix: z.string(),
    suffix: z.string(),
  })
  .refine((f) => f.end > f.start, 'a fragment ends after it starts');
/** One contiguous piece of an annotated span. */
export type TextFragment = z.infer<typeof TextFragmentSchema>;

/** The attribute values schema (attribute name → value) with its text given by `text`. */
function attributeValuesSchema(text: TextFieldRule) {
  return z.record(text('attributeName'), z.union([text('attributeValue'), z.number(), z.boolean()]));
}

/** A value an attribute holds. */
export const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);
/** A value an attribute holds. */
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

/** An annotation's attribute values as the services accept them: names and text within their limits. */
export const AttributeValuesInputSchema = attributeValuesSchema(limitedText);

/** The annotation schema with its free text given by `text`. */
function annotationSchema(text: TextFieldRule) {
  return z.object({
    id: z.string().min(1),
    documentId: z.string().min(1),
    labelId: z.string().min(1),
    fragments: z.array(TextFragmentSchema).min(1),
    /** Hash of the text the offsets were taken against. */
    contentHash: ContentHashSchema,
    attributes: attributeValuesSchema(text),
    note: text('annotationNote'),
    /** The annotator's display name when it was made. */
    author: z.string(),
    /** Whose layer it belongs to: the annotator id naming the file it is stored in. */
    annotator: AnnotatorIdSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Set when the text changed and the quote could not be placed exactly again. */
    orphaned: z.boolean(),
  });
}

/**
 * A labelled span of one document, as stored. Discontinuous spans (a quote interrupted by "he said")
 * are one annotation with several fragments, in document order and not overlapping.
 */
export const AnnotationSchema = annotationSchema(storedText);
/** An annotation as the services accept it back (undo): its note and attributes within their limits. */
export const AnnotationInputSchema = annotationSchema(limitedText);
/** A labelled span of one document. */
export type Annotation = z.infer<typeof AnnotationSchema>;

/** A character range the user selected, before it is stored as a fragment (UTF-16 offsets). */
export const TextRangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((r) => r.end > r.start, 'a range ends after it starts');
/** A character range the user selected. */
export type TextRange = z.infer<typeof TextRangeSchema>;
