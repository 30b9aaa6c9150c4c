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

/** Quote marks, apostrophes, dashes and other punctuation, as one class of "not a word". */
const PUNCTUATION = /[\p{P}\p{S}]/gu;

/** The text with its punctuation removed and its white space collapsed: what is left when punctuation is ignored. */
export function withoutPunctuation(text: string): string {
  return text.replace(PUNCTUATION, '').replace(/\s+/g, ' ').trim();
}

/**
 * `segments` with every difference that is punctuation only (a curly apostrophe for a straight one,
 * an added comma, a dash for a hyphen) folded into the text both share: a removed run next to an
 * added one that read the same without punctuation becomes one `same` run with the variant's text,
 * as does a run only of punctuation. Concatenating the `same` and `added` runs still gives the variant.
 */
export function ignorePunctuationDifferences(segments: readonly VariantSegment[]): VariantSegment[] {
  const result: VariantSegment[] = [];
  const push = (segment: VariantSegment) => {
    const last = result[result.length - 1];
    if (last && last.kind === 'same' && segment.kind === 'same') last.text += segment.text;
    else result.push({ ...segment });
  };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    if (segment.kind === 'removed' && next?.kind === 'added' && withoutPunctuation(segment.text) === withoutPunctuation(next.text)) {
      push({ kind: 'same', text: next.text });
      i++;
    } else if (segment.kind !== 'same' && withoutPunctuation(segment.text) === '') {
      if (segment.kind === 'added') push({ kind: 'same', text: segment.text });
    } else push(segment);
  }
  return result;
}
