import type { TextFragment } from '../model/annotation.js';
import { splitsSurrogatePair } from '../text/code-points.js';
import { fragmentAt } from '../text/text-quote.js';
import { QuoteFinder } from './quote-finder.js';

/** What re-anchoring needs of an annotation: its id and its stored fragments. */
export interface AnchoredAnnotation {
  id: string;
  fragments: readonly TextFragment[];
}

/** Why an annotation could not be placed exactly on the new text. */
export type OrphanReason =
  /** A fragment's exact quote no longer occurs in the text. */
  | 'quote-not-found'
  /** The quote occurs, but nowhere with enough of its old surroundings to be sure it is the same. */
  | 'context-changed'
  /** The quote occurs in several places that fit equally well. */
  | 'ambiguous'
  /** Each fragment was found, but no longer in order or without overlap. */
  | 'fragments-out-of-order';

/** Where an annotation lands on the new text, or why it stays orphaned (never a look-alike). */
export type Reanchoring =
  | {
      id: string;
      status: 'placed';
      /** The fragments on the new text: same quotes, new offsets, prefix/suffix taken afresh. */
      fragments: TextFragment[];
      /** Whether any fragment's offsets changed. */
      moved: boolean;
    }
  | { id: string; status: 'orphaned'; reason: OrphanReason; message: string };

/** Units of old surroundings (prefix + suffix) that must still agree for a quote found elsewhere. */
export const CONTEXT_NEEDED = 8;
/** A quote at least this long that occurs exactly once is placed even if its surroundings changed. */
export const LONG_QUOTE = 64;

/**
 * Places annotations made on an earlier version of a text onto its new version (docs/GUARANTEES.md T3),
 * Hypothesis-style but exact only. For each fragment: first where it was (shifted by how far the
 * previous annotation moved), verified against the quote and its surroundings; else every exact
 * occurrence of the quote, scored by how much of the stored prefix and suffix still surrounds it,
 * ties broken by closeness to the expected position. A quote found only in different surroundings
 * is not taken (the look-alike move of Hypothesis client #7571): the annotation is orphaned with a
 * reason. Results come back in the order given.
 *
 * Cost: unchanged or shifted annotations are checked in place (no search); searches go through one
 * QuoteFinder per text, so 10k annotations on 1 MB re-anchor in well under a second.
 */
export function reanchorAnnotations(annotations: readonly AnchoredAnnotation[], newText: string): Reanchoring[] {
  const finder = new QuoteFinder(newText);
  const order = annotations.map((_, i) => i).sort((a, b) => firstStart(annotations[a]!) - firstStart(annotations[b]!));
  const results: Reanchoring[] = new Array(annotations.length);
  let delta = 0;
  for (const index of order) {
    const annotation = annotations[index]!;
    const placed = placeAnnotation(annotation, newText, finder, delta);
    results[index] = placed.result;
    if (placed.delta !== null) delta = placed.delta;
  }
  return results;
}

function placeAnnotation(
  annotation: AnchoredAnnotation,
  text: string,
  finder: QuoteFinder,
  delta: number,
): { result: Reanchoring; delta: number | null } {
  const starts: number[] = [];
  let hintDelta = delta;
  for (const fragment of annotation.fragments) {
    const placement = placeFragment(fragment, text, finder, hintDelta);
    if (typeof placement !== 'number') {
      return { result: { id: annotation.id, status: 'orphaned', ...placement }, delta: null };
    }
    starts.push(placement);
    hintDelta = placement - fragment.start;
  }
  const fragments = annotation.fragments.map((f, i) => fragmentAt(text, { start: starts[i]!, end: starts[i]! + f.exact.length }));
  for (let i = 1; i < fragments.length; i++) {
    if (fragments[i]!.start < fragments[i - 1]!.end) {
      return {
        result: {
          id: annotation.id,
          status: 'orphaned',
          reason: 'fragments-out-of-order',
          message: `its fragments “${short(fragments[i - 1]!.exact)}” and “${short(fragments[i]!.exact)}” are no longer in order in the text`,
        },
        delta: null,
      };
    }
  }
  const moved = fragments.some((f, i) => f.start !== annotation.fragments[i]!.start);
  return { result: { id: annotation.id, status: 'placed', fragments, moved }, delta: hintDelta };
}

/** The new start of one fragment, or why it has none. */
function placeFragment(
  fragment: TextFragment,
  text: string,
  finder: QuoteFinder,
  delta: number,
): number | { reason: OrphanReason; message: string } {
  const { exact, prefix, suffix } = fragment;
  if (exact === '') return { reason: 'quote-not-found', message: 'a fragment has no quote to look for' };
  const fullContext = prefix.length + suffix.length;
  const hint = fragment.start + delta;
  // Where it was, or where the previous annotation's shift puts it, with all its surroundings.
  for (const at of hint === fragment.start ? [hint] : [hint, fragment.start]) {
    if (at >= 0 && text.startsWith(exact, at) && contextAgreement(text, at, fragment) === fullContext && !splitsCharacter(text, at, exact)) {
      return at;
    }
  }
  const candidates = finder.occurrences(exact).filter((at) => !splitsCharacter(text, at, exact));
  if (candidates.length === 0) {
    return { reason: 'quote-not-found', message: `the quote “${short(exact)}” no longer occurs in the text` };
  }
  const needed = Math.min(CONTEXT_NEEDED, fullContext);
  let best = -1;
  let bestScore = -1;
  let bestDistance = Infinity;
  let tied = false;
  for (const at of candidates) {
    const score = contextAgreement(text, at, fragment);
    if (score < needed) continue;
    const distance = Math.abs(at - hint);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = at;
      bestScore = score;
      bestDistance = distance;
      tied = false;
    } else if (score === bestScore && distance === bestDistance) {
      tied = true;
    }
  }
  if (best === -1) {
    if (candidates.length === 1 && exact.length >= LONG_QUOTE) return candidates[0]!;
    return {
      reason: 'context-changed',
      message: `the quote “${short(exact)}” occurs ${candidates.length === 1 ? 'once' : `${candidates.length} times`}, but not in its old surroundings`,
    };
  }
  if (tied) {
    return { reason: 'ambiguous', message: `the quote “${short(exact)}” fits equally well in more than one place` };
  }
  return best;
}

/** How many units of the stored prefix (its end) and suffix (its start) still surround `at`. */
function contextAgreement(text: string, at: number, fragment: TextFragment): number {
  const { prefix, suffix, exact } = fragment;
  let before = 0;
  while (before < prefix.length && at - before - 1 >= 0 && text.charCodeAt(at - before - 1) === prefix.charCodeAt(prefix.length - before - 1)) {
    before++;
  }
  const end = at + exact.length;
  let after = 0;
  while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
  return before + after;
}

function splitsCharacter(text: string, at: number, exact: string): boolean {
  return splitsSurrogatePair(text, at) || splitsSurrogatePair(text, at + exact.length);
}

function firstStart(annotation: AnchoredAnnotation): number {
  return annotation.fragments[0]?.start ?? 0;
}

function short(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
