import search from 'approx-string-match';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { TextRange } from '../../../shared/model/annotation.js';
import type { QuoteSighting } from '../../../shared/model/link-views.js';
import { boundToQuote, WORD_ENDS, type QuoteEnds, type QuotePlace } from '../../../shared/search/bound-to-quote.js';
import { QuoteIndex } from '../../../shared/search/quote-index.js';
import { foldForMatching } from '../../../shared/text/fold-for-matching.js';
import { isEndBoundary, isStartBoundary } from '../../../shared/text/word-boundaries.js';
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
 * drift come first; those found only with more drift follow, marked weak. Each candidate is bounded
 * to the quote (it ends where the quote's text ends there, on word boundaries, rather than running on
 * into the next sentence), and its `errors` are the edit distance of exactly that text from the quote.
 * The index is built on first use and rebuilt when the set of documents changes.
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
    // A candidate's ends snap to words where the quote's own ends are on word boundaries.
    const source = await this.store.readText(documentId);
    const ends = annotation.fragments.map((f): QuoteEnds => ({ wordStart: isStartBoundary(source, f.start), wordEnd: isEndBoundary(source, f.end) }));
    const { ids, index } = await this.currentIndex();
    const seen = new Set([ids.indexOf(documentId)]);
    const length = pieces.join('').length;
    const long = length >= WEAK_MIN_LENGTH;
    const found = await this.search(pieces, ends, ids, index, maxErrorRate, seen);
    if (long && maxErrorRate < WEAK_ERROR_RATE) found.push(...(await this.search(pieces, ends, ids, index, WEAK_ERROR_RATE, seen)));
    // Bounding a candidate may show it differs more than the drift it was found with: it is then weak, or dropped.
    const strongLimit = Math.floor(length * maxErrorRate);
    const weakLimit = long ? Math.floor(length * Math.max(maxErrorRate, WEAK_ERROR_RATE)) : strongLimit;
    const graded = found
      .filter((s) => s.errors <= weakLimit)
      .map((s): QuoteSighting => ({ ...s, strength: s.errors <= strongLimit ? 'strong' : 'weak' }))
      .sort((a, b) => (a.strength === b.strength ? a.errors - b.errors : a.strength === 'strong' ? -1 : 1));
    return graded.slice(0, MAX_SIGHTINGS);
  }

  /** Articles not in `seen` carrying every piece within `rate` (each one found is added to `seen`). */
  private async search(
    pieces: readonly string[],
    ends: readonly QuoteEnds[],
    ids: readonly string[],
    index: QuoteIndex,
    rate: number,
    seen: Set<number>,
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
      const folded = foldForMatching(text);
      const bounded = boundToQuote(folded, foldForMatching(pieces[anchor]!), match, ends[anchor]);
      const located = bounded && locatePieces(folded, pieces, anchor, bounded, rate, ends);
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
        strength: 'strong',
      });
    }
    return found;
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
 * before it, those after it in the reach after it, each within `rate` of its length, bounded to the
 * piece (see `boundToQuote`) and never overlapping the one beside it. Null when one piece is not there.
 */
export function locatePieces(
  folded: string,
  pieces: readonly string[],
  anchor: number,
  found: QuotePlace,
  rate: number,
  ends: readonly QuoteEnds[] = [],
): { ranges: TextRange[]; errors: number } | null {
  const ranges: TextRange[] = new Array(pieces.length);
  ranges[anchor] = { start: found.start, end: found.end };
  let errors = found.errors;
  for (let i = anchor - 1; i >= 0; i--) {
    const limit = ranges[i + 1]!.start;
    const from = Math.max(0, limit - PIECE_REACH);
    const best = bestMatch(folded.slice(from, limit), pieces[i]!, rate, 'last', ends[i]);
    if (!best) return null;
    ranges[i] = { start: from + best.start, end: from + best.end };
    errors += best.errors;
  }
  for (let i = anchor + 1; i < pieces.length; i++) {
    const from = ranges[i - 1]!.end;
    const best = bestMatch(folded.slice(from, from + PIECE_REACH), pieces[i]!, rate, 'first', ends[i]);
    if (!best) return null;
    ranges[i] = { start: from + best.start, end: from + best.end };
    errors += best.errors;
  }
  return { ranges, errors };
}

/** The match of `piece` in `text` with the fewest errors (ties: the first, or the last, place), bounded to the piece. */
function bestMatch(text: string, piece: string, rate: number, prefer: 'first' | 'last', ends = WORD_ENDS): QuotePlace | null {
  const needle = foldForMatching(piece);
  if (needle.length === 0) return null;
  let best: QuotePlace | null = null;
  for (const match of search(text, needle, Math.floor(needle.length * rate))) {
    if (!best || match.errors < best.errors || (match.errors === best.errors && prefer === 'last')) best = match;
  }
  return best && boundToQuote(text, needle, best, ends);
}
