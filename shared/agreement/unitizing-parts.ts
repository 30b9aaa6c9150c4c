/**
 * Unitizing alpha (`unitizing-alpha.ts`) put together from its parts, so a figure over many articles
 * does not work out each article again: each coder's merged segments of one article, and each pair
 * of coders' disagreement in one article. A segment never crosses an article and two coders'
 * segments overlap only within one, so the observed disagreement over articles laid end to end is
 * the sum of each article's (whole numbers, so summed exactly in any order); the expected
 * disagreement needs the lengths of every segment and gap, which come from the merged segments
 * article by article (a gap runs on across articles where a coder marked nothing).
 */

/** One coder's merged segments of one label in one article: offsets in the article, in order, none touching. */
export interface MergedSegments {
  starts: Float64Array;
  ends: Float64Array;
}

/** Krippendorff's αu for one label and the figures it is made of. */
export interface UnitizingAlphaResult {
  /** αu, or null when undefined: fewer than two coders, an empty continuum, or no segment at all (D_e = 0). */
  alpha: number | null;
  /** D_o, the observed disagreement. */
  observedDisagreement: number;
  /** D_e, the disagreement expected by chance. */
  expectedDisagreement: number;
  /** m, the number of coders. */
  coders: number;
  /** L, the length of all continua laid end to end. */
  continuumLength: number;
  /** The segments counted, after each coder's overlapping or touching segments were merged. */
  segments: number;
}

/** No segment at all. */
export const NO_SEGMENTS: MergedSegments = { starts: new Float64Array(0), ends: new Float64Array(0) };

/**
 * Merges one coder's segments of one article (parallel starts and ends, any order, `count` of them)
 * that overlap or touch, leaving out empty ones: taken in order of their starts, each segment
 * either extends the last merged one or begins a new one.
 */
export function mergeSegments(starts: ArrayLike<number>, ends: ArrayLike<number>, count = starts.length): MergedSegments {
  const order = inOrderOfStart(starts, count);
  const mergedStarts = new Float64Array(count);
  const mergedEnds = new Float64Array(count);
  let merged = 0;
  for (let k = 0; k < count; k++) {
    const start = starts[order[k]!]!;
    const end = ends[order[k]!]!;
    if (end === start) continue;
    if (merged > 0 && start <= mergedEnds[merged - 1]!) {
      mergedEnds[merged - 1] = Math.max(mergedEnds[merged - 1]!, end);
    } else {
      mergedStarts[merged] = start;
      mergedEnds[merged++] = end;
    }
  }
  return merged === 0 ? NO_SEGMENTS : { starts: mergedStarts.subarray(0, merged), ends: mergedEnds.subarray(0, merged) };
}

/**
 * The indices of the first `count` of `starts` in ascending order of start. Sorted as numbers
 * start · n + index (a typed array's native sort) while those are exact, else with a comparator.
 */
function inOrderOfStart(starts: ArrayLike<number>, count: number): Float64Array | Uint32Array {
  let latest = 0;
  let sorted = true;
  for (let i = 0; i < count; i++) {
    if (i > 0 && starts[i]! < starts[i - 1]!) sorted = false;
    latest = Math.max(latest, starts[i]!);
  }
  if (sorted) return Uint32Array.from({ length: count }, (_, i) => i);
  if ((latest + 1) * count > Number.MAX_SAFE_INTEGER) {
    return Uint32Array.from({ length: count }, (_, i) => i).sort((x, y) => starts[x]! - starts[y]!);
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = starts[i]! * count + i;
  keys.sort();
  for (let i = 0; i < count; i++) keys[i] = keys[i]! % count;
  return keys;
}

/**
 * Σ_g Σ_h δ²(g, h) for one pair of coders in one article (a whole number). Overlapping segment
 * pairs are found by a two-pointer sweep; a segment that overlaps none of the other coder's lies
 * in one of their gaps and counts its squared length.
 */
export function pairDisagreement(x: MergedSegments, y: MergedSegments): number {
  const overlappedX = new Uint8Array(x.starts.length);
  const overlappedY = new Uint8Array(y.starts.length);
  let total = 0;
  let p = 0;
  let q = 0;
  while (p < x.starts.length && q < y.starts.length) {
    const xs = x.starts[p]!;
    const xe = x.ends[p]!;
    const ys = y.starts[q]!;
    const ye = y.ends[q]!;
    if (xs < ye && ys < xe) {
      total += (xs - ys) ** 2 + (xe - ye) ** 2;
      overlappedX[p] = 1;
      overlappedY[q] = 1;
    }
    if (xe <= ye) p++;
    if (ye <= xe) q++;
  }
  const inGaps = (units: MergedSegments, overlapped: Uint8Array) => {
    let sum = 0;
    for (let k = 0; k < overlapped.length; k++) if (!overlapped[k]) sum += (units.ends[k]! - units.starts[k]!) ** 2;
    return sum;
  };
  return total + inGaps(x, overlappedX) + inGaps(y, overlappedY);
}

/** What `alphaFromParts` reads: the articles in order, each coder's merged segments in each, and Σ δ² over every pair. */
interface UnitizingParts {
  /** Each article's length, in the order they are laid end to end. */
  lengths: readonly number[];
  /** m, the number of coders. */
  coders: number;
  /** Coder `coder`'s merged segments in article `article` (of `lengths`). */
  segmentsOf(article: number, coder: number): MergedSegments;
  /** Σ over each unordered pair of coders, over every article, of `pairDisagreement`. */
  observed: number;
}

/** Krippendorff's αu from its parts (see `unitizingAlpha` for the definition). */
export function alphaFromParts(parts: UnitizingParts): UnitizingAlphaResult {
  const m = parts.coders;
  let length = 0;
  for (const articleLength of parts.lengths) length += articleLength;
  let segments = 0;
  for (let article = 0; article < parts.lengths.length; article++) for (let coder = 0; coder < m; coder++) segments += parts.segmentsOf(article, coder).starts.length;
  const result: UnitizingAlphaResult = { alpha: null, observedDisagreement: 0, expectedDisagreement: 0, coders: m, continuumLength: length, segments };
  if (m < 2 || length === 0) return result;
  // Each unordered pair of coders stands for both ordered pairs.
  result.observedDisagreement = (2 * parts.observed) / (m * (m - 1) * length * length);
  result.expectedDisagreement = expectedDisagreement(parts, segments, length);
  if (result.expectedDisagreement > 0) result.alpha = 1 - result.observedDisagreement / result.expectedDisagreement;
  return result;
}

/**
 * D_e over every coder's segments and gaps (the gaps of the articles laid end to end: a coder's gap
 * runs on into the next article up to their next segment). The segment lengths are taken shortest
 * first, and only gaps shorter than the longest segment ever need to be passed over, so only those
 * are sorted; the longer ones are counted and summed.
 */
function expectedDisagreement(parts: UnitizingParts, segmentCount: number, length: number): number {
  if (segmentCount === 0) return 0;
  const m = parts.coders;
  const articles = parts.lengths.length;
  const lengths = new Float64Array(segmentCount);
  let longest = 0;
  let filled = 0;
  for (let coder = 0; coder < m; coder++) {
    for (let article = 0; article < articles; article++) {
      const { starts, ends } = parts.segmentsOf(article, coder);
      for (let k = 0; k < starts.length; k++) {
        const l = ends[k]! - starts[k]!;
        lengths[filled++] = l;
        if (l > longest) longest = l;
      }
    }
  }
  // Each coder has at most one gap more than segments; gaps at least as long as the longest segment are only summed.
  const shortGaps = new Float64Array(segmentCount + m);
  let shortCount = 0;
  let longerGapSum = 0;
  let longGaps = 0;
  const addGap = (gap: number) => {
    if (gap <= 0) return;
    longerGapSum += gap;
    if (gap < longest) shortGaps[shortCount++] = gap;
    else longGaps++;
  };
  for (let coder = 0; coder < m; coder++) {
    let open = 0;
    for (let article = 0; article < articles; article++) {
      const { starts, ends } = parts.segmentsOf(article, coder);
      if (starts.length === 0) {
        open += parts.lengths[article]!;
        continue;
      }
      addGap(open + starts[0]!);
      for (let k = 1; k < starts.length; k++) addGap(starts[k]! - ends[k - 1]!);
      open = parts.lengths[article]! - ends[starts.length - 1]!;
    }
    addGap(open);
  }
  const sortedLengths = sortWholeNumbers(lengths, longest);
  const gaps = sortWholeNumbers(shortGaps.subarray(0, shortCount), longest);
  const gapCount = shortCount + longGaps;

  let sum = 0;
  let sameSegmentPairs = 0;
  // The gaps before `shorter` are shorter than the current segment: as segments grow, it only moves on.
  let shorter = 0;
  for (let k = 0; k < sortedLengths.length; k++) {
    const l = sortedLengths[k]!;
    while (shorter < gaps.length && gaps[shorter]! < l) longerGapSum -= gaps[shorter++]!;
    const longerGaps = gapCount - shorter;
    // Σ_{gaps h, l_h ≥ l} (l_h − l + 1): the positions where a segment of length l fits in gap h.
    const placesInGaps = longerGapSum - longerGaps * (l - 1);
    sum += ((segmentCount - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * placesInGaps;
    sameSegmentPairs += l * (l - 1);
  }
  return ((2 / length) * sum) / (m * length * (m * length - 1) - sameSegmentPairs);
}

/** The whole numbers of `values` (none above `largest`) in ascending order: counted when their range is small, else sorted. */
function sortWholeNumbers(values: Float64Array, largest: number): Float64Array {
  if (largest > 1 << 20 || largest > 4 * values.length) return values.sort();
  const counts = new Int32Array(largest + 1);
  for (let k = 0; k < values.length; k++) counts[values[k]!]!++;
  let at = 0;
  for (let value = 0; value <= largest; value++) for (let n = counts[value]!; n > 0; n--) values[at++] = value;
  return values;
}
