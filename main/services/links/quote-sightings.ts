import search from 'approx-string-match';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { TextRange } from '../../../shared/model/annotation.js';
import type { QuoteSighting } from '../../../shared/model/link-views.js';
import { foldForMatching, QuoteIndex } from '../../../shared/search/quote-index.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/** How many other articles a search reports at most. */
const MAX_SIGHTINGS = 20;
/** The drift allowed for weaker matches (a paraphrase rather than the same words), as a share of the quote's length. */
const WEAK_ERROR_RATE = 0.35;
/** Shortest quote (characters) for which weaker matches are looked for: shorter ones would match anything. */
const WEAK_MIN_LENGTH = 60;
/** How far from its neighbouring piece the next piece of a discontinuous quote is looked for, in characters. */
const PIECE_REACH = 2000;

/**
 * Finds where an annotation's text also appears in the workspace's other articles, tolerating small
 * wording drift (docs/PERFORMANCE.md W6): the candidates an editor links as `same` or `paraphrase`.
 * A discontinuous annotation is matched piece by piece: its longest piece finds the candidate
 * articles, and the other pieces must then be found in order around it. Matches within the usual
 * drift come first; those found only with more drift follow, marked weak. The index is built on
 * first use and rebuilt when the set of documents changes.
 */
export class QuoteSightings {
  private index: { signature: string; ids: string[]; index: QuoteIndex } | null = null;

  /** Searches the articles of `store`. */
  constructor(private readonly store: WorkspaceStore) {}

  /** The other articles carrying (about) the text of `annotationId`, strong matches first, best first. */
  async find(documentId: string, annotationId: string, maxErrorRate = 0.2): Promise<QuoteSighting[]> {
    const annotation = this.store.findDocument(documentId)
      ? (await this.store.readAnnotations(documentId)).find((a) => a.id === annotationId)
      : undefined;
    if (!annotation) throw new WorkbenchError('not-found', 'That annotation no longer exists.');
    const pieces = annotation.fragments.map((f) => f.exact);
    const { ids, index } = await this.currentIndex();
    const seen = new Set([ids.indexOf(documentId)]);
    const strong = await this.search(pieces, ids, index, maxErrorRate, seen, 'strong');
    const long = pieces.join('').length >= WEAK_MIN_LENGTH;
    const weak = long && maxErrorRate < WEAK_ERROR_RATE ? await this.search(pieces, ids, index, WEAK_ERROR_RATE, seen, 'weak') : [];
    return [...strong, ...weak].slice(0, MAX_SIGHTINGS);
  }

  /** Articles not in `seen` carrying every piece within `rate` (each one found is added to `seen`). */
  private async search(
    pieces: readonly string[],
    ids: readonly string[],
    index: QuoteIndex,
    rate: number,
    seen: Set<number>,
    strength: QuoteSighting['strength'],
  ): Promise<QuoteSighting[]> {
    const anchor = pieces.reduce((longest, piece, i) => (piece.length > pieces[longest]!.length ? i : longest), 0);
    const tried = new Set(seen);
    const found: QuoteSighting[] = [];
    while (found.length < MAX_SIGHTINGS) {
      const match = index.find(pieces[anchor]!, { maxErrorRate: rate, exclude: tried });
      if (!match) break;
      tried.add(match.documentIndex);
      const id = ids[match.documentIndex]!;
      const text = await this.store.readText(id);
      const located = locatePieces(foldForMatching(text), pieces, anchor, match, rate);
      if (!located) continue;
      seen.add(match.documentIndex);
      const { ranges, errors } = located;
      const existing = (await this.store.readAnnotations(id)).find(
        (a) => a.fragments.length === ranges.length && a.fragments.every((f, i) => f.start === ranges[i]!.start && f.end === ranges[i]!.end),
      );
      found.push({
        documentId: id,
        documentTitle: this.store.findDocument(id)!.title,
        start: ranges[0]!.start,
        end: ranges[ranges.length - 1]!.end,
        text: ranges.map((r) => text.slice(r.start, r.end)).join(' … '),
        errors,
        annotationId: existing?.id ?? null,
        ranges,
        strength,
      });
    }
    return found.sort((a, b) => a.errors - b.errors);
  }

  private async currentIndex(): Promise<{ ids: string[]; index: QuoteIndex }> {
    const ids = this.store.workspace.documents.map((d) => d.id);
    const signature = this.store.workspace.documents.map((d) => `${d.id}:${d.contentHash}`).join('|');
    if (this.index?.signature !== signature) {
      const texts = await Promise.all(ids.map((id) => this.store.readText(id)));
      this.index = { signature, ids, index: new QuoteIndex(texts) };
    }
    return this.index;
  }
}

/**
 * Where every piece of a quote lies in `folded` (an article's text folded for matching), given where
 * its piece `anchor` was found: the pieces before it are looked for, nearest first, in the reach
 * before it, those after it in the reach after it, each within `rate` of its length and never
 * overlapping the one beside it. Null when one piece is not there.
 */
export function locatePieces(
  folded: string,
  pieces: readonly string[],
  anchor: number,
  found: { start: number; end: number; errors: number },
  rate: number,
): { ranges: TextRange[]; errors: number } | null {
  const ranges: TextRange[] = new Array(pieces.length);
  ranges[anchor] = { start: found.start, end: found.end };
  let errors = found.errors;
  for (let i = anchor - 1; i >= 0; i--) {
    const limit = ranges[i + 1]!.start;
    const from = Math.max(0, limit - PIECE_REACH);
    const best = bestMatch(folded.slice(from, limit), pieces[i]!, rate, 'last');
    if (!best) return null;
    ranges[i] = { start: from + best.start, end: from + best.end };
    errors += best.errors;
  }
  for (let i = anchor + 1; i < pieces.length; i++) {
    const from = ranges[i - 1]!.end;
    const best = bestMatch(folded.slice(from, from + PIECE_REACH), pieces[i]!, rate, 'first');
    if (!best) return null;
    ranges[i] = { start: from + best.start, end: from + best.end };
    errors += best.errors;
  }
  return { ranges, errors };
}

/** The match of `piece` in `text` with the fewest errors (ties: the first, or the last, place). */
function bestMatch(text: string, piece: string, rate: number, prefer: 'first' | 'last'): { start: number; end: number; errors: number } | null {
  const needle = foldForMatching(piece);
  if (needle.length === 0) return null;
  let best: { start: number; end: number; errors: number } | null = null;
  for (const match of search(text, needle, Math.floor(needle.length * rate))) {
    if (!best || match.errors < best.errors || (match.errors === best.errors && prefer === 'last')) best = match;
  }
  return best;
}
