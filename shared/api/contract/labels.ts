import { z } from 'zod';
import { LabelInputSchema, LabelSchema, LinkTypeInputSchema, LinkTypeSchema } from '../../model/label-schema.js';
import { LinkSchema } from '../../model/link.js';
import { type MethodSpec, method } from './ids.js';
import { RemovedAnnotationsSchema } from './annotations.js';

/** The label schema and the link types. */
export const labelsContract = {
  /**
   * Replaces the workspace's labels (names, colours, hotkeys, descriptions, attributes). A label
   * that is removed while annotations use it is refused unless `deleteAnnotationsOfRemovedLabels`
   * is set; then those annotations and their links are deleted and returned (for undo).
   */
  saveLabels: method(
    z
      .object({
        labels: z.array(LabelInputSchema).min(1).max(100),
        deleteAnnotationsOfRemovedLabels: z.boolean(),
      })
      .strict(),
    RemovedAnnotationsSchema.extend({ labels: z.array(LabelSchema) }),
  ),

  /**
   * Replaces the workspace's link types (names, colours, direction, descriptions, the labels each may
   * connect). Removing a type still used by links is refused unless `deleteLinksOfRemovedTypes`; the
   * links removed come back so the change can be undone.
   */
  saveLinkTypes: method(
    z.object({ linkTypes: z.array(LinkTypeInputSchema).max(100), deleteLinksOfRemovedTypes: z.boolean() }).strict(),
    z.object({ linkTypes: z.array(LinkTypeSchema), removedLinks: z.array(LinkSchema) }),
  ),
} satisfies Record<string, MethodSpec>;
