/** Length of the substrings the index is keyed by; shorter quotes are found by scanning. */
const GRAM = 5;
/** Number of hash buckets of the index (a power of two). */
const BUCKETS = 1 << 20;
/** Searches answered by scanning before the index is built (building costs about one scan of 1 MB × 10). */
const SCANS_BEFORE_INDEX = 8;
/** Texts shorter than this are always scanned: the index would not pay for itself. */
const SMALL_TEXT = 64 * 1024;

/**
 * Finds every occurrence of a quote in one text, fast when asked many times (docs/GUARANTEES.md T3,
 * docs/PERFORMANCE.md W7). The first few searches scan the text with `indexOf`; after that a hashed index
 * of every 5-unit substring is built once (linear time, typed arrays) and each search looks up the
 * quote's rarest 5-unit piece and verifies those few candidates, instead of rescanning the text.
 */
export class QuoteFinder {
  private searches = 0;
  private bucketStart: Uint32Array | null = null;
  private positions: Uint32Array | null = null;

  /** Prepares to search `text`; nothing is computed until the first search. */
  constructor(readonly text: string) {}

  /** Every offset (ascending, UTF-16 units) where `quote` occurs in the text; empty for an empty quote. */
  occurrences(quote: string): number[] {
    if (quote === '') return [];
    this.searches++;
    if (quote.length >= GRAM && this.text.length >= SMALL_TEXT && this.searches > SCANS_BEFORE_INDEX) {
      return this.lookUp(quote);
    }
    const found: number[] = [];
    for (let at = this.text.indexOf(quote); at !== -1; at = this.text.indexOf(quote, at + 1)) found.push(at);
    return found;
  }

  private lookUp(quote: string): number[] {
    if (this.bucketStart === null) this.build();
    const bucketStart = this.bucketStart!;
    const positions = this.positions!;
    // The quote's piece with the fewest places in the text gives the fewest candidates to verify.
    let bestPiece = 0;
    let bestBucket = gramHash(quote, 0);
    let bestSize = bucketStart[bestBucket + 1]! - bucketStart[bestBucket]!;
    for (let piece = 1; piece + GRAM <= quote.length && bestSize > 0; piece++) {
      const bucket = gramHash(quote, piece);
      const size = bucketStart[bucket + 1]! - bucketStart[bucket]!;
      if (size < bestSize) {
        bestPiece = piece;
        bestBucket = bucket;
        bestSize = size;
      }
    }
    const found: number[] = [];
    for (let i = bucketStart[bestBucket]!, end = bucketStart[bestBucket + 1]!; i < end; i++) {
      const start = positions[i]! - bestPiece;
      if (start >= 0 && this.text.startsWith(quote, start)) found.push(start);
    }
    return found;
  }

  private build(): void {
    const text = this.text;
    const count = Math.max(0, text.length - GRAM + 1);
    const hashes = new Uint32Array(count);
    const bucketStart = new Uint32Array(BUCKETS + 1);
    for (let i = 0; i < count; i++) {
      const bucket = gramHash(text, i);
      hashes[i] = bucket;
      bucketStart[bucket + 1]!++;
    }
    for (let b = 0; b < BUCKETS; b++) bucketStart[b + 1]! += bucketStart[b]!;
    const fill = bucketStart.slice(0, BUCKETS);
    const positions = new Uint32Array(count);
    for (let i = 0; i < count; i++) positions[fill[hashes[i]!]!++] = i;
    this.bucketStart = bucketStart;
    this.positions = positions;
  }
}

/** The bucket of the 5 UTF-16 units of `text` at `at`. */
function gramHash(text: string, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < GRAM; k++) h = Math.imul(h ^ text.charCodeAt(at + k), 0x01000193);
  return (h ^ (h >>> 15)) & (BUCKETS - 1);
}
