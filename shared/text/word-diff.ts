import { diffWordsWithSpace } from 'diff';

/** One run of a variant compared with a reference text. */
export interface VariantSegment {
  /** `same`: in both; `added`: only in the variant; `removed`: only in the reference. */
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The word-level differences of `variant` against `reference` (words and punctuation are separate
 * tokens, so a curly vs straight apostrophe is a difference of its own, as is "mistakes"/"mistake").
 * Concatenating the `same` and `added` runs gives back the variant; `same` and `removed`, the
 * reference.
 */
export function diffVariant(reference: string, variant: string): VariantSegment[] {
  return diffWordsWithSpace(reference, variant).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
