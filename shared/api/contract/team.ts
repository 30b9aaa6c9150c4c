import { z } from 'zod';
import { AnnotationSchema } from '../../model/annotation.js';
import { AnnotatorIdentitySchema, AnnotatorIdSchema, AnnotatorProfileSchema } from '../../model/annotator.js';
import { type MethodSpec, method, noInput, documentId } from './ids.js';

/** Who the person using the app is, and whether they said so. */
export const MyIdentitySchema = z.object({
  identity: AnnotatorIdentitySchema,
  /**
   * Where it came from: the command line, the environment, the user's settings, or `none` (nobody
   * said yet: the reserved owner, and the app asks on first launch).
   */
  source: z.enum(['command-line', 'environment', 'settings', 'none']),
  /** Whether it can be changed from the app (false when the command line or the environment set it). */
  changeable: z.boolean(),
  /** Why the saved settings could not be used, naming the file; null when they could. */
  problem: z.string().nullable(),
});
/** Who the person using the app is. */
export type MyIdentity = z.infer<typeof MyIdentitySchema>;

/** An annotator of the workspace as lists show them. */
export const AnnotatorSchema = AnnotatorIdentitySchema.extend({
  /** One or two letters for markers. */
  initials: z.string(),
  /** This is me: my layer is the one I edit. */
  isMe: z.boolean(),
  /** `curated` for the curated layer, `owner` for the owner's (work from before layers); null for a person. */
  reserved: z.enum(['curated', 'owner']).nullable(),
});
/** An annotator of the workspace. */
export type Annotator = z.infer<typeof AnnotatorSchema>;

/** One annotator's layer of one article. */
export const LayerSchema = z.object({
  annotator: AnnotatorSchema,
  /** Whether I may change it (only my own layer). */
  editable: z.boolean(),
  annotations: z.array(AnnotationSchema),
});
/** One annotator's layer of one article. */
export type Layer = z.infer<typeof LayerSchema>;

/** Team work: who I am, who else annotates the workspace, and their layers (read-only). */
export const teamContract = {
  /** Who I am: the identity my edits are recorded with, and whether I said so. */
  getMyIdentity: method(noInput, MyIdentitySchema),

  /**
   * Saves my name and email in my user settings (outside any workspace) and edits as that identity
   * from now on. The annotator id comes from the email (or the name without one), so changing only
   * the name keeps my layer.
   */
  setMyIdentity: method(AnnotatorProfileSchema.strict(), MyIdentitySchema),

  /** Every annotator with a layer in the workspace (me included), sorted by id. */
  listAnnotators: method(noInput, z.array(AnnotatorSchema)),

  /** One annotator's layer of an article: mine (editable) or another's (read-only). */
  openLayer: method(z.object({ documentId, annotator: AnnotatorIdSchema }).strict(), LayerSchema),

  /** Every layer of an article (mine first, then the others by id), for comparing them. */
  listLayers: method(z.object({ documentId }).strict(), z.array(LayerSchema)),
} satisfies Record<string, MethodSpec>;
