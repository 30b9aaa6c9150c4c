import search from 'approx-string-match';

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

/** Length of the character grams that are indexed. */
const GRAM = 8;
/** One gram in SAMPLE_EVERY is kept (chosen by hash, so the same grams are kept in every text). */
const SAMPLE_MASK = 7;
/** Grams found in more places than this are too common to point anywhere. */
const MAX_POSTINGS = 256;
/** Matches are voted for by their diagonal (document position minus quote position) in bands this wide. */
const DIAGONAL_BAND = 32;

/**
 * Finds a quote, with small wording drift, across many documents (PERFORMANCE W6) — the same quote
 * carried by several outlets, with curly vs straight apostrophes and a changed word or two.
 *
 * It indexes a sample of 8-character grams of every document (case and quote marks folded); a
 * query's grams vote for (document, diagonal) places, and the best few places are verified with
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

  /** Indexes `texts`; a match's `documentIndex` is the position in this list. */
  constructor(texts: readonly string[]) {
    this.folded = texts.map(foldForMatching);
    const expected = Math.max(1024, Math.ceil(this.folded.reduce((n, t) => n + t.length, 0) / (SAMPLE_MASK + 1)) + 16);
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.tableMask = size - 1;
    this.entryHash = new Uint32Array(expected);
    this.entryDocument = new Uint32Array(expected);
    this.entryPosition = new Uint32Array(expected);
    this.entryNext = new Int32Array(expected);
    this.folded.forEach((text, documentIndex) => {
      forEachSampledGram(text, (hash, position) => this.add(hash, documentIndex, position));
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
    const votes = new Map<number, number>();
    forEachSampledGram(needle, (hash, queryPosition) => {
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

/**
 * Folds text for matching without changing its length (so positions carry over): ASCII letters to
 * lower case, curly quotes and apostrophes to straight ones, no-break spaces to spaces.
 */
export function foldForMatching(text: string): string {
  return text.replace(FOLDED_CHARACTERS, (c) => FOLDS[c] ?? c.toLowerCase());
}

const FOLDED_CHARACTERS = /[A-Z\u2018\u2019\u02bc\u201c\u201d\u00a0]/g;
const FOLDS: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': '"', '\u201d': '"', '\u00a0': ' ' };

/** Multiplier of the rolling gram hash (odd, so arithmetic modulo 2^32 stays invertible). */
const BASE = 0x01000193;
/** BASE to the power GRAM, modulo 2^32: what the character leaving the window contributed. */
const BASE_POWER = (() => {
  let power = 1;
  for (let i = 0; i < GRAM; i++) power = Math.imul(power, BASE);
  return power;
})();

/**
 * Calls `visit` with the hash and position of every sampled gram of `text`. The hash rolls (one
 * multiply-add per character) and is mixed before sampling so the kept grams are spread evenly.
 */
function forEachSampledGram(text: string, visit: (hash: number, position: number) => void): void {
  let rolling = 0;
  for (let i = 0; i < text.length; i++) {
    rolling = (Math.imul(rolling, BASE) + text.charCodeAt(i)) | 0;
    if (i >= GRAM) rolling = (rolling - Math.imul(text.charCodeAt(i - GRAM), BASE_POWER)) | 0;
    if (i < GRAM - 1) continue;
    let hash = Math.imul(rolling ^ (rolling >>> 16), 0x45d9f3b);
    hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
    hash = (hash ^ (hash >>> 16)) >>> 0;
    if ((hash & SAMPLE_MASK) === 0) visit(hash, i - GRAM + 1);
  }
}
