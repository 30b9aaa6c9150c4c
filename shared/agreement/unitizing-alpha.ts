/**
 * Krippendorff's unitizing alpha (αu) for one category: how far coders agree on where the stretches
 * of a label lie in a continuum of characters, corrected for chance. Each coder divides the continuum
 * into marked segments and the gaps between them; two coders disagree by how far their overlapping
 * segments' starts and ends differ, and by the whole (squared) length of a segment the other coder
 * left inside a gap.
 *
 * Defined in Krippendorff, K. (1995) "On the reliability of unitizing continuous data", Sociological
 * Methodology 25: 47–76, and Krippendorff, K. (2004) Content Analysis: An Introduction to Its
 * Methodology, 2nd ed., §12.4: the measure DKPro Statistics implements as
 * `KrippendorffAlphaUnitizingAgreement` (per category), which INCEpTION reports. For segments g of
 * coder i and h of coder j, with starts b, lengths l and ends e = b + l:
 *
 *   δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²  when both are segments and they overlap,
 *            = l_g²                         when g is a segment and h a gap containing it (and vice versa),
 *            = 0                            otherwise;
 *   D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m − 1) L²);
 *   D_e = (2/L) Σ_g [ (N − 1)(2l_g³ − 3l_g² + l_g)/3 + l_g² Σ_{gaps h, l_h ≥ l_g} (l_h − l_g + 1) ]
 *         / (mL(mL − 1) − Σ_g l_g(l_g − 1)),
 * over all m coders' N segments; αu = 1 − D_o / D_e.
 *
 * A segment overlapping no segment of the other coder lies inside one of their gaps, so D_o needs only
 * a sweep of each pair of coders' sorted segments; D_e needs the gap lengths sorted once.
 */

/** One coder's stretch of one label on one continuum (a document), UTF-16 offsets, end exclusive. */
export interface UnitizedSegment {
  continuum: string;
  coder: string;
  start: number;
  end: number;
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

/**
 * Krippendorff's unitizing alpha of one label. `continua`: every document's id and length (all of
 * them, even ones no coder marked); `coders`: every coder (even one who marked nothing). The documents
 * are laid end to end, in the order given, as one continuum. Each coder's overlapping or touching
 * segments within one document are merged first (a character is marked or not), never across two
 * documents; a discontinuous annotation arrives as several segments. Empty segments mark nothing.
 * (Krippendorff's own data may hold units of one coder that touch, as two units; here they are one.)
 *
 * Throws an Error naming the segment for an unknown continuum or coder, or offsets outside the
 * document; and for a continuum or coder listed twice.
 */
export function unitizingAlpha(
  continua: readonly { id: string; length: number }[],
  coders: readonly string[],
  segments: readonly UnitizedSegment[],
): UnitizingAlphaResult {
  const offsets = continuumOffsets(continua);
  const length = continua.reduce((total, continuum) => total + continuum.length, 0);
  const units = mergedSegmentsByCoder(offsets, coders, segments);
  const result: UnitizingAlphaResult = {
    alpha: null,
    observedDisagreement: 0,
    expectedDisagreement: 0,
    coders: coders.length,
    continuumLength: length,
    segments: units.reduce((total, coder) => total + coder.starts.length, 0),
  };
  const m = coders.length;
  if (m < 2 || length === 0) return result;

  let observed = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) observed += pairDisagreement(units[i]!, units[j]!);
  // Each unordered pair of coders stands for both ordered pairs.
  result.observedDisagreement = (2 * observed) / (m * (m - 1) * length * length);
  result.expectedDisagreement = expectedDisagreement(units, length);
  if (result.expectedDisagreement > 0) result.alpha = 1 - result.observedDisagreement / result.expectedDisagreement;
  return result;
}

/** Internal: where each continuum starts when all are laid end to end, and how long it is. */
function continuumOffsets(continua: readonly { id: string; length: number }[]): Map<string, { offset: number; length: number }> {
  const offsets = new Map<string, { offset: number; length: number }>();
  let offset = 0;
  continua.forEach(({ id, length }) => {
    if (offsets.has(id)) throw new Error(`Unitizing alpha: the continuum ${JSON.stringify(id)} is listed twice`);
    if (!Number.isInteger(length) || length < 0) throw new Error(`Unitizing alpha: the continuum ${JSON.stringify(id)} has length ${length}`);
    offsets.set(id, { offset, length });
    offset += length;
  });
  return offsets;
}

/** Internal: one coder's merged segments, sorted, as parallel arrays of starts and ends on the whole continuum. */
interface CoderUnits {
  starts: Float64Array;
  ends: Float64Array;
}

function mergedSegmentsByCoder(
  offsets: Map<string, { offset: number; length: number }>,
  coders: readonly string[],
  segments: readonly UnitizedSegment[],
): CoderUnits[] {
  const coderIndex = new Map<string, number>();
  coders.forEach((coder, index) => {
    if (coderIndex.has(coder)) throw new Error(`Unitizing alpha: the coder ${JSON.stringify(coder)} is listed twice`);
    coderIndex.set(coder, index);
  });
  // Every non-empty segment's coder, start and end on the whole continuum; then laid out coder by coder.
  const coderOf = new Int32Array(segments.length).fill(-1);
  const startOf = new Float64Array(segments.length);
  const endOf = new Float64Array(segments.length);
  const counts = new Int32Array(coders.length);
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const { start, end } = segment;
    const continuum = offsets.get(segment.continuum);
    const coder = coderIndex.get(segment.coder);
    if (!continuum || coder === undefined || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > continuum.length) {
      throw new Error(`Unitizing alpha: ${segmentProblem(segment, index, continuum, coder)}`);
    }
    if (end === start) continue;
    coderOf[index] = coder;
    startOf[index] = continuum.offset + start;
    endOf[index] = continuum.offset + end;
    counts[coder]!++;
  }
  const raw = Array.from(counts, (count) => ({ starts: new Float64Array(count), ends: new Float64Array(count), filled: 0 }));
  for (let index = 0; index < segments.length; index++) {
    if (coderOf[index]! < 0) continue;
    const into = raw[coderOf[index]!]!;
    into.starts[into.filled] = startOf[index]!;
    into.ends[into.filled++] = endOf[index]!;
  }
  const boundaries = new Set([...offsets.values()].map(({ offset }) => offset));
  return raw.map((coder) => mergeSegments(coder, boundaries));
}

function segmentProblem(segment: UnitizedSegment, index: number, continuum: { length: number } | undefined, coder: number | undefined): string {
  const where = `segment ${index} (${JSON.stringify(segment.coder)} in ${JSON.stringify(segment.continuum)}, ${segment.start}–${segment.end})`;
  if (!continuum) return `${where} is in a continuum that is not listed`;
  if (coder === undefined) return `${where} is by a coder who is not listed`;
  return `${where} does not lie within the continuum's ${continuum.length} characters`;
}

/**
 * Internal: merges one coder's segments that overlap, or touch within one continuum (not where one
 * continuum meets the next). Taken in order of their starts, each segment either extends the last
 * merged one or begins a new one.
 */
function mergeSegments(segments: CoderUnits, boundaries: ReadonlySet<number>): CoderUnits {
  const order = inOrderOfStart(segments.starts);
  const starts = new Float64Array(order.length);
  const ends = new Float64Array(order.length);
  let merged = 0;
  for (let k = 0; k < order.length; k++) {
    const start = segments.starts[order[k]!]!;
    const end = segments.ends[order[k]!]!;
    const lastEnd = merged > 0 ? ends[merged - 1]! : -1;
    if (start < lastEnd || (start === lastEnd && !boundaries.has(start))) {
      ends[merged - 1] = Math.max(lastEnd, end);
    } else {
      starts[merged] = start;
      ends[merged++] = end;
    }
  }
  return { starts: starts.subarray(0, merged), ends: ends.subarray(0, merged) };
}

/**
 * Internal: the indices of `starts` in ascending order. Sorted as numbers start · n + index (a typed
 * array's native sort) while those are exact, else with a comparator.
 */
function inOrderOfStart(starts: Float64Array): Float64Array | Uint32Array {
  const count = starts.length;
  let latest = 0;
  for (let i = 0; i < count; i++) latest = Math.max(latest, starts[i]!);
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
 * Internal: Σ_g Σ_h δ²(g, h) for one pair of coders. Overlapping segment pairs are found by a
 * two-pointer sweep; a segment that overlaps none of the other coder's lies in one of their gaps.
 */
function pairDisagreement(x: CoderUnits, y: CoderUnits): number {
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
  const inGaps = (units: CoderUnits, overlapped: Uint8Array) => {
    let sum = 0;
    for (let k = 0; k < overlapped.length; k++) if (!overlapped[k]) sum += (units.ends[k]! - units.starts[k]!) ** 2;
    return sum;
  };
  return total + inGaps(x, overlappedX) + inGaps(y, overlappedY);
}

/** Internal: D_e over every coder's segments and gaps; both sorted once, so the gap sums come from one merge. */
function expectedDisagreement(units: readonly CoderUnits[], length: number): number {
  const segmentCount = units.reduce((total, coder) => total + coder.starts.length, 0);
  if (segmentCount === 0) return 0;
  const lengths = new Float64Array(segmentCount);
  // Each coder has at most one gap more than segments.
  const gapSpace = new Float64Array(segmentCount + units.length);
  let segment = 0;
  let gapCount = 0;
  for (const { starts, ends } of units) {
    let covered = 0;
    for (let k = 0; k < starts.length; k++) {
      if (starts[k]! > covered) gapSpace[gapCount++] = starts[k]! - covered;
      lengths[segment++] = ends[k]! - starts[k]!;
      covered = ends[k]!;
    }
    if (length > covered) gapSpace[gapCount++] = length - covered;
  }
  lengths.sort();
  const gaps = gapSpace.subarray(0, gapCount).sort();
  let longerGapSum = 0;
  for (let k = 0; k < gaps.length; k++) longerGapSum += gaps[k]!;

  let sum = 0;
  let sameSegmentPairs = 0;
  // The gaps before `shorter` are shorter than the current segment: as segments grow, it only moves on.
  let shorter = 0;
  for (let k = 0; k < lengths.length; k++) {
    const l = lengths[k]!;
    while (shorter < gaps.length && gaps[shorter]! < l) longerGapSum -= gaps[shorter++]!;
    const longerGaps = gaps.length - shorter;
    // Σ_{gaps h, l_h ≥ l} (l_h − l + 1): the positions where a segment of length l fits in gap h.
    const placesInGaps = longerGapSum - longerGaps * (l - 1);
    sum += ((segmentCount - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * placesInGaps;
    sameSegmentPairs += l * (l - 1);
  }
  const m = units.length;
  return ((2 / length) * sum) / (m * length * (m * length - 1) - sameSegmentPairs);
}
