import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { limitedText } from './text-limits.js';

/**
 * An annotator's id: lower-case ASCII letters, digits and single hyphens, 1 to 64 characters,
 * starting and ending with a letter or digit. It names the annotator's files
 * (`annotations/<document>/<annotator>.json`, `links/<annotator>.json`), so it is a valid file name
 * on every system: no dot, slash, colon or upper case (case-insensitive file systems), never a
 * Windows device name (derived ids always end in a hyphen and hex digits; see `annotatorIdOf`).
 */
export const AnnotatorIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,63}$/, 'an annotator id is lower-case letters, digits and single hyphens (at most 64)');
/** An annotator's id. */
export type AnnotatorId = z.infer<typeof AnnotatorIdSchema>;

/**
 * The reserved id of the workspace owner: the layer that work made before layers existed belongs to
 * when no identity was set when the workspace was upgraded, and who edits when no identity is set.
 */
export const OWNER_ANNOTATOR = 'owner';

/** The reserved id of the curated layer: the agreed version a curator makes from everyone's layers. */
export const CURATED_ANNOTATOR = 'curated';

/** Ids no person is ever given (`annotatorIdOf` cannot produce them). */
export const RESERVED_ANNOTATORS: readonly string[] = [OWNER_ANNOTATOR, CURATED_ANNOTATOR];

/** An email address as people give it: trimmed, at most 254 characters, one `@` with text on both sides, no spaces. */
const EmailSchema = limitedText('annotatorEmail')
  .trim()
  .refine((email) => email === '' || /^[^\s@]+@[^\s@]+$/.test(email), 'an email address looks like name@example.org');

/** What a person says about themselves (first run, or later from the top bar): a display name and an email (may be empty). */
export const AnnotatorProfileSchema = z.object({
  name: limitedText('annotatorName')
    .trim()
    .min(1, 'your name is needed: it is shown beside your annotations')
    .refine((name) => !/[\r\n]/.test(name), 'a name is one line'),
  email: EmailSchema,
});
/** What a person says about themselves. */
export type AnnotatorProfile = z.infer<typeof AnnotatorProfileSchema>;

/** Who an annotator is: the id that names their files, the name shown, and their email (empty when not given). */
export const AnnotatorIdentitySchema = z.object({
  id: AnnotatorIdSchema,
  name: z.string(),
  email: z.string(),
});
/** Who an annotator is. */
export type AnnotatorIdentity = z.infer<typeof AnnotatorIdentitySchema>;

/**
 * The stable id of a person: a readable slug of their email (or, without one, their name), then a
 * hyphen and six hex digits of the SHA-256 of the email in lower case (or the name in NFC). The same
 * profile gives the same id on every machine, in the app and on the command line; changing only the
 * display name keeps the id when an email is given. Two people whose slugs coincide ("a.b@x.org" and
 * "a-b@x.org", or "Ana López" and "Ana Lopez" without emails) still differ in the hex digits; only an
 * identical email (or an identical name, when neither gives an email) gives the same id, so people
 * are told to give an email in a team. The suffix also keeps derived ids apart from the reserved
 * ids (`owner`, `curated`) and from device names such as `con` or `nul`.
 */
export function annotatorIdOf(profile: AnnotatorProfile): AnnotatorId {
  const email = profile.email.trim().toLowerCase();
  const basis = email !== '' ? email : profile.name.trim().normalize('NFC');
  const slug =
    basis
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'annotator';
  return `${slug}-${bytesToHex(sha256(utf8ToBytes(basis))).slice(0, 6)}`;
}

/** The identity of the person described by `profile`. */
export function identityOf(profile: AnnotatorProfile): AnnotatorIdentity {
  return { id: annotatorIdOf(profile), name: profile.name.trim(), email: profile.email.trim() };
}

/** The identity used when nobody said who they are: the reserved owner, named `name` (the system's user name). */
export function ownerIdentity(name = 'Owner'): AnnotatorIdentity {
  return { id: OWNER_ANNOTATOR, name, email: '' };
}

/** One or two letters for a name, for the compare view's markers: "Ana López" → "AL", "bob" → "B". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._@-]+/u).filter((w) => w !== '');
  const letters = words.slice(0, 2).map((w) => [...w][0]!.toLocaleUpperCase());
  return letters.join('') || '?';
}
