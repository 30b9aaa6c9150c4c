/**
 * Pairwise span agreement: two annotators' spans are matched one to one, and the match is scored as
 * precision, recall and F1 with one annotator taken as the reference — the "exact match" and "partial
 * (overlap) match" F1 that annotation papers report next to chance-corrected coefficients (Hripcsak,
 * G. & Rothschild, A. S. (2005) "Agreement, the F-measure, and reliability in information retrieval",
 * JAMIA 12(3): 296–298, show pairwise F1 is the agreement measure to use when the number of negative
 * cases is undefined, as it is for spans; MUC/CoNLL-style exact and overlap matching).
 *
 * Two spans can only match when they are in the same document and carry the same label. Spans are
 * grouped by document and label, sorted, and swept: a rule never compares all pairs.
 */
import { f1Score, type F1Score } from './f1-score.js';

/** One annotation as agreement sees it: where it is and what it says. */
export interface SpanUnit {
  id: string;
  documentId: string;
  labelId: string;
  /** UTF-16 offsets into the document's text, end exclusive; several for a discontinuous span. */
  fragments: readonly { start: number; end: number }[];
}

/** How two annotators' spans are matched: identical fragments, or any overlap of characters. */
export type MatchingRule = 'exact' | 'overlap';

/** Which spans of A and B were matched, and which were left over on each side. */
export interface SpanMatch {
  /** Pairs [span of A, span of B], in the order of A's spans. */
  matched: [SpanUnit, SpanUnit][];
  /** A's spans with no partner, in A's order. */
  onlyA: SpanUnit[];
  /** B's spans with no partner, in B's order. */
  onlyB: SpanUnit[];
}

/**
 * Matches A's spans with B's one to one. A pair needs the same document and the same label, and:
 * - `exact`: the same fragments (the same starts and ends, in any order);
 * - `overlap`: at least one character in common. Pairs are taken greedily, most characters in
 *   common first; among pairs sharing as many, by A's span, then B's (each by start, end, then id).
 *   Two pairs that compete for one span are thus ordered by their other spans, whichever side is A,
 *   so matching B with A gives the same pairs the other way round.
 *
 * Throws an Error naming the span when a span has no fragments or a fragment that is not a range of
 * whole offsets with its end after its start.
 */
export function matchSpans(a: readonly SpanUnit[], b: readonly SpanUnit[], rule: MatchingRule): SpanMatch {
  const shapesA = a.map((unit) => shapeOf(unit, rule));
  const shapesB = b.map((unit) => shapeOf(unit, rule));
  const pairing: Pairing = { partnerOfA: new Int32Array(a.length).fill(-1), partnerOfB: new Int32Array(b.length).fill(-1) };
  const ranks: SpanRanks = { a: new Float64Array(a.length), b: new Float64Array(b.length) };
  for (const group of groupByDocumentAndLabel(a, b)) {
    if (group.a.length === 0 || group.b.length === 0) continue;
    if (rule === 'exact') pairExactly(group, shapesA, shapesB, pairing);
    else pairByOverlap(group, shapesA, shapesB, ranks, pairing);
  }
  const { partnerOfA, partnerOfB } = pairing;
  const match: SpanMatch = { matched: [], onlyA: [], onlyB: [] };
  a.forEach((unit, ia) => {
    const ib = partnerOfA[ia]!;
    if (ib >= 0) match.matched.push([unit, b[ib]!]);
    else match.onlyA.push(unit);
  });
  b.forEach((unit, ib) => {
    if (partnerOfB[ib]! < 0) match.onlyB.push(unit);
  });
  return match;
}

/**
 * Scores B's spans against A's as the reference: TP = matched pairs, FN = A's spans left over, FP =
 * B's spans left over. When both sides are empty there is nothing to agree or disagree on, and
 * precision, recall and F1 are all null (not 1, not 0). When only one side is empty F1 is 0.
 * F1 is symmetric: spanF1(a, b).f1 === spanF1(b, a).f1.
 */
export function spanF1(a: readonly SpanUnit[], b: readonly SpanUnit[], rule: MatchingRule): F1Score & { match: SpanMatch } {
  const match = matchSpans(a, b, rule);
  const tp = match.matched.length;
  const fp = match.onlyB.length;
  const fn = match.onlyA.length;
  return { ...f1Score(tp, fp, fn), match };
}

/** Internal: a span's fragments sorted and merged, its first start and last end. */
interface SpanShape {
  unit: SpanUnit;
  /** Flat [start0, end0, start1, end1, …], sorted, overlapping or touching fragments merged. */
  ranges: number[];
  start: number;
  end: number;
  /** The fragments as text, for exact matching ('' when not matching exactly). */
  key: string;
}

function shapeOf(unit: SpanUnit, rule: MatchingRule): SpanShape {
  const { fragments } = unit;
  if (fragments.length === 0) throw new Error(`Span ${JSON.stringify(unit.id)} has no fragments`);
  for (let index = 0; index < fragments.length; index++) {
    const { start, end } = fragments[index]!;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      throw new Error(`Span ${JSON.stringify(unit.id)}: fragment ${index} runs from ${start} to ${end}; a fragment needs whole offsets, from 0, ending after it starts`);
    }
  }
  if (fragments.length === 1) {
    const { start, end } = fragments[0]!;
    return { unit, ranges: [start, end], start, end, key: rule === 'exact' ? `${start}-${end}` : '' };
  }
  const sorted = [...fragments].sort((x, y) => x.start - y.start || x.end - y.end);
  const ranges: number[] = [];
  for (const { start, end } of sorted) {
    const last = ranges.length - 1;
    if (last > 0 && start <= ranges[last]!) ranges[last] = Math.max(ranges[last]!, end);
    else ranges.push(start, end);
  }
  const key = rule === 'exact' ? sorted.map(({ start, end }) => `${start}-${end}`).join(',') : '';
  return { unit, ranges, start: ranges[0]!, end: ranges[ranges.length - 1]!, key };
}

/** Internal: the indices of A's and B's spans of one document and label. */
interface SpanGroup {
  a: number[];
  b: number[];
}

function groupByDocumentAndLabel(a: readonly SpanUnit[], b: readonly SpanUnit[]): Iterable<SpanGroup> {
  const documents = new Map<string, Map<string, SpanGroup>>();
  const groupOf = (unit: SpanUnit): SpanGroup => {
    let labels = documents.get(unit.documentId);
    if (!labels) documents.set(unit.documentId, (labels = new Map()));
    let group = labels.get(unit.labelId);
    if (!group) labels.set(unit.labelId, (group = { a: [], b: [] }));
    return group;
  };
  a.forEach((unit, index) => groupOf(unit).a.push(index));
  b.forEach((unit, index) => groupOf(unit).b.push(index));
  return [...documents.values()].flatMap((labels) => [...labels.values()]);
}

/** Orders spans by start, end, then id (UTF-16 order, the same on every machine). */
function compareShapes(x: SpanShape, y: SpanShape): number {
  return x.start - y.start || x.end - y.end || (x.unit.id < y.unit.id ? -1 : x.unit.id > y.unit.id ? 1 : 0);
}

/** Internal: who is paired with whom: the index of each span's partner on the other side, or −1. */
interface Pairing {
  partnerOfA: Int32Array;
  partnerOfB: Int32Array;
}

function pair(pairing: Pairing, ia: number, ib: number): void {
  pairing.partnerOfA[ia] = ib;
  pairing.partnerOfB[ib] = ia;
}

/** Internal: pairs spans with identical fragments; among equals, in order of id. */
function pairExactly(group: SpanGroup, shapesA: readonly SpanShape[], shapesB: readonly SpanShape[], pairing: Pairing): void {
  const byKey = new Map<string, { a: number[]; b: number[] }>();
  for (const ia of group.a) {
    const key = shapesA[ia]!.key;
    const same = byKey.get(key);
    if (same) same.a.push(ia);
    else byKey.set(key, { a: [ia], b: [] });
  }
  for (const ib of group.b) byKey.get(shapesB[ib]!.key)?.b.push(ib);
  for (const { a, b } of byKey.values()) {
    if (b.length === 0) continue;
    // Identical fragments: start and end tie, so the id decides.
    if (a.length > 1) a.sort((i, j) => compareShapes(shapesA[i]!, shapesA[j]!) || i - j);
    if (b.length > 1) b.sort((i, j) => compareShapes(shapesB[i]!, shapesB[j]!) || i - j);
    for (let k = 0; k < Math.min(a.length, b.length); k++) pair(pairing, a[k]!, b[k]!);
  }
}

/** Internal: one A fragment or one B fragment in the sweep. */
interface SweptRange {
  start: number;
  end: number;
  /** Index of its span in A or B. */
  span: number;
}

/** Internal: each span's place in span order within its group (filled group by group), indexed like A and B. */
interface SpanRanks {
  a: Float64Array;
  b: Float64Array;
}

/**
 * Internal: the greedy one-to-one overlap matching of one group. The characters each pair of spans
 * has in common are summed by a sweep over both sides' fragments in start order, keeping the
 * fragments still open on each side: every pair it visits overlaps, so the work is the number of
 * fragments (log for sorting) plus the number of overlapping pairs.
 */
function pairByOverlap(group: SpanGroup, shapesA: readonly SpanShape[], shapesB: readonly SpanShape[], ranks: SpanRanks, pairing: Pairing): void {
  const sizeB = shapesB.length;
  const common = new Map<number, number>();
  const fromA = rangesInStartOrder(shapesA, group.a);
  const fromB = rangesInStartOrder(shapesB, group.b);
  const openA: SweptRange[] = [];
  const openB: SweptRange[] = [];
  let i = 0;
  let j = 0;
  while (i < fromA.length || j < fromB.length) {
    const takeA = j >= fromB.length || (i < fromA.length && fromA[i]!.start <= fromB[j]!.start);
    const next = takeA ? fromA[i++]! : fromB[j++]!;
    const others = takeA ? openB : openA;
    // Drop the other side's fragments that ended before this one starts; every one left overlaps it.
    let kept = 0;
    for (let k = 0; k < others.length; k++) {
      const open = others[k]!;
      if (open.end <= next.start) continue;
      others[kept++] = open;
      const key = takeA ? next.span * sizeB + open.span : open.span * sizeB + next.span;
      common.set(key, (common.get(key) ?? 0) + Math.min(open.end, next.end) - next.start);
    }
    others.length = kept;
    (takeA ? openA : openB).push(next);
  }

  // The candidate pairs as parallel arrays, sorted through an index: most characters first, then
  // by A's span, then B's, in span order.
  rankInSpanOrder(group.a, shapesA, ranks.a);
  rankInSpanOrder(group.b, shapesB, ranks.b);
  const spanA = new Float64Array(common.size);
  const spanB = new Float64Array(common.size);
  const characters = new Float64Array(common.size);
  let count = 0;
  for (const [key, shared] of common) {
    const ia = Math.floor(key / sizeB);
    spanA[count] = ia;
    spanB[count] = key - ia * sizeB;
    characters[count++] = shared;
  }
  const order = Uint32Array.from({ length: count }, (_, k) => k).sort(
    (p, q) =>
      characters[q]! - characters[p]! || ranks.a[spanA[p]!]! - ranks.a[spanA[q]!]! || ranks.b[spanB[p]!]! - ranks.b[spanB[q]!]!,
  );
  for (let k = 0; k < count; k++) {
    const ia = spanA[order[k]!]!;
    const ib = spanB[order[k]!]!;
    if (pairing.partnerOfA[ia]! < 0 && pairing.partnerOfB[ib]! < 0) pair(pairing, ia, ib);
  }
}

/** Internal: the fragments of the given spans, in order of their starts. */
function rangesInStartOrder(shapes: readonly SpanShape[], indices: readonly number[]): SweptRange[] {
  const out: SweptRange[] = [];
  for (const span of indices) {
    const { ranges } = shapes[span]!;
    for (let r = 0; r < ranges.length; r += 2) out.push({ start: ranges[r]!, end: ranges[r + 1]!, span });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Internal: writes each of the spans' place among them in span order (start, end, id, then index) into `ranks`. */
function rankInSpanOrder(indices: readonly number[], shapes: readonly SpanShape[], ranks: Float64Array): void {
  const ordered = [...indices].sort((i, j) => compareShapes(shapes[i]!, shapes[j]!) || i - j);
  for (let rank = 0; rank < ordered.length; rank++) ranks[ordered[rank]!] = rank;
}
