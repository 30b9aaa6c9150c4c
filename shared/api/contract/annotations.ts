import { z } from 'zod';
import { AnnotationInputSchema, AnnotationSchema, AttributeValuesInputSchema, TextRangeSchema } from '../../model/annotation.js';
import { LinkInputSchema, LinkSchema } from '../../model/link.js';
import { limitedText } from '../../model/text-limits.js';
import { type MethodSpec, method, documentId, annotationId, labelId } from './ids.js';

/** Annotations taken out of a workspace, with the links that went with them: what undo puts back. */
export const RemovedAnnotationsSchema = z.object({
  removedAnnotations: z.array(AnnotationSchema),
  removedLinks: z.array(LinkSchema),
});
/** Annotations taken out of a workspace, with the links that went with them. */
export type RemovedAnnotations = z.infer<typeof RemovedAnnotationsSchema>;

/** Annotations: making, changing, deleting and restoring them (undo). */
export const annotationsContract = {
  /**
   * Labels the given ranges of a document's stored text (UTF-16 offsets; several ranges make one
   * discontinuous annotation). Resolves once the annotation is durably saved.
   */
  createAnnotation: method(
    z
      .object({
        documentId,
        labelId: z.string().min(1).max(100),
        ranges: z.array(TextRangeSchema).min(1).max(50),
      })
      .strict(),
    AnnotationSchema,
  ),

  /** Deletes an annotation together with the links it has; resolves once that is durably saved. */
  deleteAnnotation: method(
    z.object({ documentId, annotationId: z.string().min(1).max(200) }).strict(),
    z.object({
      deletedLinks: z.number().int(),
      /** The links that were removed, exactly as they were (for undo). */
      removedLinks: z.array(LinkSchema).optional(),
    }),
  ),

  /**
   * Labels several sets of ranges of one document at once (one annotation per item), e.g. every hit
   * of a search. All are saved in one durable write.
   */
  createAnnotations: method(
    z
      .object({
        documentId,
        items: z
          .array(z.object({ labelId, ranges: z.array(TextRangeSchema).min(1).max(50) }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    z.array(AnnotationSchema),
  ),

  /**
   * Changes an annotation: its label, its ranges (resizing; several make it discontinuous), its
   * attribute values or its note. Only the fields given change; `updatedAt` is set.
   */
  updateAnnotation: method(
    z
      .object({
        documentId,
        annotationId,
        labelId: labelId.optional(),
        ranges: z.array(TextRangeSchema).min(1).max(50).optional(),
        attributes: AttributeValuesInputSchema.optional(),
        note: limitedText('annotationNote').optional(),
      })
      .strict(),
    AnnotationSchema,
  ),

  /** Deletes several annotations of one document and their links; returns exactly what was removed. */
  deleteAnnotations: method(
    z.object({ documentId, annotationIds: z.array(annotationId).min(1).max(10_000) }).strict(),
    RemovedAnnotationsSchema,
  ),

  /**
   * Puts annotations back exactly as given (id, fragments, attributes, note, author, timestamps),
   * replacing any with the same id, and re-adds the given links that are missing: how undo brings a
   * deleted annotation back and how an edit is undone.
   */
  restoreAnnotations: method(
    z
      .object({
        annotations: z.array(AnnotationInputSchema).max(100_000),
        links: z.array(LinkInputSchema).max(100_000),
      })
      .strict(),
    z.object({ restoredAnnotations: z.number().int(), restoredLinks: z.number().int() }),
  ),
} satisfies Record<string, MethodSpec>;
