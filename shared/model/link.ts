import { z } from 'zod';

/** One end of a link: an annotation in a document. */
export const LinkEndSchema = z.object({
  documentId: z.string().min(1),
  annotationId: z.string().min(1),
});
/** One end of a link. */
export type LinkEnd = z.infer<typeof LinkEndSchema>;

/** A typed connection between two annotations, in one document or across documents. */
export const LinkSchema = z.object({
  id: z.string().min(1),
  typeId: z.string().min(1),
  source: LinkEndSchema,
  target: LinkEndSchema,
  note: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A typed connection between two annotations. */
export type Link = z.infer<typeof LinkSchema>;
