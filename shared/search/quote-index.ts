import search from 'approx-string-match';
import { foldForMatching } from '../text/fold-for-matching.js';

/** Where a quote was found: a document (by its index in the indexed list) and a UTF-16 range. */
export interface QuoteMatch {
  documentIndex: number;
  start: number;
  end: number;
  /** Edit distance between the quote and the matched text (after folding). */
  errors: number;
}

/** Options of a search. */
export interface QuoteSearchOptions {
  /** Largest share of the quote's length that may differ (0.1 = 10 % edits). */
  maxErrorRate?: number;
  /** How many candidate places are verified with approximate matching. */
  candidates?: number;
  /** Documents to leave out (e.g. the one the quote comes from). */
  exclude?: ReadonlySet<number>;
}

/** Length of the character grams that are hashed. */
const GRAM = 8;
/** Winnowing window: of every WINDOW consecutive grams, the one with the smallest hash is kept. */
const WINDOW = 16;
/**
 * Any run of this many characters shared by a quote and a document gives them a kept gram in common
 * (the winnowing guarantee); shorter quotes are searched by scanning.
 */
export const GUARANTEED_RUN = WINDOW + GRAM - 1;
/**
 * Up to this many characters in all, a quote the index cannot place (its edits left no shared run of
 * GUARANTEED_RUN characters) is looked for by scanning, which is still fast at this size.
 */
export const SCAN_FALLBACK_CHARACTERS = 5_000_000;
/** Grams found in more places than this are too common to point anywhere. */
const MAX_POSTINGS = 256;
/** Matches are voted for by their diagonal (document position minus quote position) in bands this wide. */
const DIAGONAL_BAND = 32;

/**
 * Finds a quote, with small wording drift, across many documents (docs/PERFORMANCE.md W6) — the same quote
 * carried by several outlets, with curly vs straight apostrophes and a changed word or two.
 *
 * It indexes the winnowed fingerprints of 8-character grams of every document (case and quote
 * marks folded; about one gram in nine is kept, and any run of 23 characters a quote shares with a
 * document yields a common fingerprint); a query's fingerprints vote for (document, diagonal) places, and the best few places are verified with
 * Myers' bit-parallel approximate matching (approx-string-match) in a window around them. Building is
 * linear; a query touches only the postings of its own grams instead of scanning every document.
 */
export class QuoteIndex {
  private readonly folded: string[];
  private readonly table: Int32Array;
  private readonly tableMask: number;
  private entryHash: Uint32Array;
  private entryDocument: Uint32Array;
  private entryPosition: Uint32Array;
  private entryNext: Int32Array;
  private entries = 0;
  private readonly totalCharacters: number;

  /** Indexes `texts`; a match's `documentIndex` is the position in this list. */
  constructor(texts: readonly string[]) {
    this.folded = texts.map(foldForMatching);
    this.totalCharacters = this.folded.reduce((n, t) => n + t.length, 0);
    const expected = Math.max(1024, Math.ceil((this.folded.reduce((n, t) => n + t.length, 0) * 2) / (WINDOW + 1)) + 16);
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.tableMask = size - 1;
    this.entryHash = new Uint32Array(expected);
    this.entryDocument = new Uint32Array(expected);
    this.entryPosition = new Uint32Array(expected);
    this.entryNext = new Int32Array(expected);
    this.folded.forEach((text, documentIndex) => {
      forEachFingerprint(text, (hash, position) => this.add(hash, documentIndex, position));
    });
  }

  /** The number of documents indexed. */
  get size(): number {
    return this.folded.length;
  }

  /** The best place `quote` occurs within the allowed error rate, or null. */
  find(quote: string, options: QuoteSearchOptions = {}): QuoteMatch | null {
    const { maxErrorRate = 0.1, candidates = 6, exclude } = options;
    const needle = foldForMatching(quote);
    if (needle.length === 0) return null;
    const maxErrors = Math.floor(needle.length * maxErrorRate);
    if (needle.length < GUARANTEED_RUN) return this.findByScanning(quote, options);
    const votes = new Map<number, number>();
    forEachFingerprint(needle, (hash, queryPosition) => {
      let count = 0;
      for (let e = this.table[hash & this.tableMask]!; e >= 0; e = this.entryNext[e]!) if (this.entryHash[e] === hash) count++;
      if (count > MAX_POSTINGS) return;
      for (let e = this.table[hash & this.tableMask]!; e >= 0; e = this.entryNext[e]!) {
        if (this.entryHash[e] !== hash) continue;
        const documentIndex = this.entryDocument[e]!;
        if (exclude?.has(documentIndex)) continue;
        const band = Math.floor((this.entryPosition[e]! - queryPosition + needle.length) / DIAGONAL_BAND);
        const key = documentIndex * 0x8000000 + band;
        votes.set(key, (votes.get(key) ?? 0) + 1);
      }
    });
    const places = [...votes.entries()].sort((a, b) => b[1] - a[1]).slice(0, candidates);
    let best: QuoteMatch | null = null;
    for (const [key] of places) {
      const documentIndex = Math.floor(key / 0x8000000);
      const diagonal = (key % 0x8000000) * DIAGONAL_BAND - needle.length;
      const text = this.folded[documentIndex]!;
      const from = Math.max(0, diagonal - maxErrors - DIAGONAL_BAND);
      const to = Math.min(text.length, diagonal + needle.length + maxErrors + 2 * DIAGONAL_BAND);
      for (const match of search(text.slice(from, to), needle, maxErrors)) {
        if (!best || match.errors < best.errors) {
          best = { documentIndex, start: from + match.start, end: from + match.end, errors: match.errors };
        }
      }
    }
    if (!best && this.totalCharacters <= SCAN_FALLBACK_CHARACTERS) return this.findByScanning(quote, options);
    return best;
  }

  /** The best place `quote` occurs, by scanning every document (the brute-force reference). */
  findByScanning(quote: string, options: QuoteSearchOptions = {}): QuoteMatch | null {
    const needle = foldForMatching(quote);
    const maxErrors = Math.floor(needle.length * (options.maxErrorRate ?? 0.1));
    let best: QuoteMatch | null = null;
    this.folded.forEach((text, documentIndex) => {
      if (options.exclude?.has(documentIndex)) return;
      for (const match of search(text, needle, maxErrors)) {
        if (!best || match.errors < best.errors) best = { documentIndex, start: match.start, end: match.end, errors: match.errors };
      }
    });
    return best;
  }

  private add(hash: number, documentIndex: number, position: number): void {
    if (this.entries === this.entryHash.length) this.grow();
    const e = this.entries++;
    this.entryHash[e] = hash;
    this.entryDocument[e] = documentIndex;
    this.entryPosition[e] = position;
    const slot = hash & this.tableMask;
    this.entryNext[e] = this.table[slot]!;
    this.table[slot] = e;
  }

  private grow(): void {
    const size = this.entryHash.length * 2;
    const copy = <A extends Uint32Array | Int32Array>(from: A, to: A) => (to.set(from), to);
    this.entryHash = copy(this.entryHash, new Uint32Array(size));
    this.entryDocument = copy(this.entryDocument, new Uint32Array(size));
    this.entryPosition = copy(this.entryPosition, new Uint32Array(size));
    this.entryNext = copy(this.entryNext, new Int32Array(size));
  }
}

/** Multiplier of the rolling gram hash (odd, so arithmetic modulo 2^32 stays invertible). */
const BASE = 0x01000193;
/** BASE to the power GRAM, modulo 2^32: what the character leaving the window contributed. */
const BASE_POWER = (() => {
  let power = 1;
  for (let i = 0; i < GRAM; i++) power = Math.imul(power, BASE);
  return power;
})();

/**
 * Calls `visit` with the hash and position of each fingerprint of `text`: the rolling hashes of its
 * grams are mixed, and of every WINDOW consecutive grams the one with the smallest hash (the
 * rightmost on ties) is kept, once (robust winnowing, Schleimer et al. 2003).
 */
function forEachFingerprint(text: string, visit: (hash: number, position: number) => void): void {
  const grams = text.length - GRAM + 1;
  if (grams <= 0) return;
  const hashes = new Uint32Array(grams);
  let rolling = 0;
  for (let i = 0; i < text.length; i++) {
    rolling = (Math.imul(rolling, BASE) + text.charCodeAt(i)) | 0;
    if (i >= GRAM) rolling = (rolling - Math.imul(text.charCodeAt(i - GRAM), BASE_POWER)) | 0;
    if (i < GRAM - 1) continue;
    let hash = Math.imul(rolling ^ (rolling >>> 16), 0x45d9f3b);
    hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
    hashes[i - GRAM + 1] = (hash ^ (hash >>> 16)) >>> 0;
  }
  // A monotonic queue of gram positions whose hashes increase: its head is the window's minimum.
  const queue = new Int32Array(grams);
  let head = 0;
  let tail = 0;
  let last = -1;
  for (let i = 0; i < grams; i++) {
    while (tail > head && hashes[queue[tail - 1]!]! >= hashes[i]!) tail--;
    queue[tail++] = i;
    if (queue[head]! <= i - WINDOW) head++;
    if (i >= WINDOW - 1 || i === grams - 1) {
      const minimum = queue[head]!;
      if (minimum !== last) {
        visit(hashes[minimum]!, minimum);
        last = minimum;
      }
    }
  }
}
