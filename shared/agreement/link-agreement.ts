/**
 * Agreement on links between annotators, once each annotator's links have been rewritten onto
 * aligned units (a unit names one place several annotators marked): pairwise link F1, the
 * reliability data Krippendorff's alpha reads, and each annotator's clusters for the coreference
 * measures. Everything is keyed by unit ids and comes out sorted (by unit ids in code-unit order),
 * so the same links always give the same result, whatever order they were given in.
 */
import { DisjointSets } from './disjoint-sets.js';
import { linksByUnitPair, linkTypeOf } from './links-by-unit-pair.js';
import { f1Score, type F1Score } from './f1-score.js';

/** One annotator's link, its ends already mapped onto aligned units. */
export interface UnitLink {
  source: string;
  target: string;
  typeId: string;
}

/** Which link types are directed (source → target) and which join clusters (same, paraphrase). */
export interface LinkTypeInfo {
  directed: boolean;
  clusters: boolean;
}

/** The reliability value of a coder who marked both units of a pair and did not link them. */
export const NO_LINK = 'none';

/**
 * The key of a pair of units as a link type reads it: ordered for a directed type, sorted otherwise
 * (so an undirected pair's key does not depend on which end was given first). Unambiguous for any
 * unit ids (a JSON array of the two).
 */
export function endpointPairKey(source: string, target: string, directed: boolean): string {
  return JSON.stringify(directed || source <= target ? [source, target] : [target, source]);
}

/**
 * Link F1 between two annotators (a link of both: the same two units, the same type and, for a
 * directed type, the same direction), and the links it found different.
 */
export interface LinkF1 extends F1Score {
  /** Links of `a` with nothing of `b`'s on the same two units. */
  onlyA: UnitLink[];
  /** Links of `b` with nothing of `a`'s on the same two units. */
  onlyB: UnitLink[];
  /** Unmatched links of `a` and `b` on the same two units: another type, or a directed type the other way round. */
  typeDiffers: [UnitLink, UnitLink][];
}

/**
 * Pairwise link F1: a link matches when its endpoint pair (as its type reads it, `endpointPairKey`)
 * and its type match, exactly on units. `a` is read as the reference (recall) and `b` as the
 * response (precision); F1 is the same either way. A link given twice by one side counts once.
 * The unmatched links of the two sides on the same two units are paired in `typeDiffers` (each
 * side's sorted by type, source, target, and paired in that order); the rest are `onlyA`/`onlyB`.
 * The lists are sorted by their two units (the lesser first), then type, source and target.
 * Throws on a link whose type is not in `types`.
 */
export function linkF1(a: readonly UnitLink[], b: readonly UnitLink[], types: ReadonlyMap<string, LinkTypeInfo>): LinkF1 {
  const table = linksByUnitPair([a, b], types);
  const { links, side, source, target, directed, pairStart, linkOrder } = table;
  // The same link: same type, same units, and for a directed type the same direction.
  const same = (x: number, y: number) =>
    links[x]!.typeId === links[y]!.typeId &&
    ((source[x] === source[y] && target[x] === target[y]) || (!directed[x] && source[x] === target[y] && target[x] === source[y]));
  let truePositives = 0;
  let countA = 0;
  let countB = 0;
  const onlyA: UnitLink[] = [];
  const onlyB: UnitLink[] = [];
  const typeDiffers: [UnitLink, UnitLink][] = [];
  for (let p = 0; p + 1 < pairStart.length; p++) {
    const start = pairStart[p]!;
    const end = pairStart[p + 1]!;
    // The usual cases first: one link on the pair, or one of each side and the same.
    if (end - start === 1) {
      const i = linkOrder[start]!;
      if (side[i] === 0) {
        countA++;
        onlyA.push(links[i]!);
      } else {
        countB++;
        onlyB.push(links[i]!);
      }
      continue;
    }
    if (end - start === 2 && side[linkOrder[start]!] !== side[linkOrder[start + 1]!] && same(linkOrder[start]!, linkOrder[start + 1]!)) {
      countA++;
      countB++;
      truePositives++;
      continue;
    }
    // The pair's links of each side, the first of duplicates kept.
    const fromA: number[] = [];
    const fromB: number[] = [];
    for (let k = start; k < end; k++) {
      const i = linkOrder[k]!;
      const mine = side[i] === 0 ? fromA : fromB;
      if (!mine.some((j) => same(i, j))) mine.push(i);
    }
    countA += fromA.length;
    countB += fromB.length;
    const unmatchedA = fromA.filter((i) => !fromB.some((j) => same(i, j))).map((i) => links[i]!).sort(compareLinks);
    const unmatchedB = fromB.filter((j) => !fromA.some((i) => same(i, j))).map((j) => links[j]!).sort(compareLinks);
    truePositives += fromA.length - unmatchedA.length;
    unmatchedA.forEach((link, i) => (i < unmatchedB.length ? typeDiffers.push([link, unmatchedB[i]!]) : onlyA.push(link)));
    onlyB.push(...unmatchedB.slice(unmatchedA.length));
  }
  const falseNegatives = countA - truePositives;
  const falsePositives = countB - truePositives;
  return {
    ...f1Score(truePositives, falsePositives, falseNegatives),
    onlyA,
    onlyB,
    typeDiffers,
  };
}

/** One coder's part of the reliability data: their links, and the units they marked. */
export interface LinkCoder {
  coder: string;
  links: readonly UnitLink[];
  /** The units this coder marked (annotated); the ends of their own links count as marked too. */
  markedUnits: ReadonlySet<string>;
}

/** Reliability data for links: rows are endpoint pairs, columns are coders. */
export interface LinkReliabilityData {
  /** The coders, in the order given: column c of `values` is `coders[c]`. */
  coders: string[];
  /** One per row, sorted by source, then target (code-unit order). */
  pairs: { key: string; source: string; target: string }[];
  /** values[row][column]: a link type id, `NO_LINK`, or null (missing: the coder did not mark both units). */
  values: (string | null)[][];
}

/**
 * The reliability data for Krippendorff's alpha on links: one row (unit) per endpoint pair any
 * coder linked (the union), one column per coder, the value the link type or 'none'; a coder who
 * has not marked both endpoint units has a missing value (null) there, since whether they would
 * link them cannot be known.
 *
 * The pairs of two units: when anyone linked them with a directed type, one row per direction so
 * linked (a→b and b→a are different claims); otherwise one row, its ends sorted. An undirected link
 * holds both ways, so it answers every row of its two units. A coder with several links answering
 * one row gives the first by type id (code-unit order). Row keys are `endpointPairKey`s. Throws
 * on a link type not in `types`, and when a link type is called `none`.
 */
export function linkReliabilityData(coders: readonly LinkCoder[], types: ReadonlyMap<string, LinkTypeInfo>): LinkReliabilityData {
  if (types.has(NO_LINK)) throw new Error(`Link agreement: a link type is called "${NO_LINK}", the value that means "not linked"; rename the type.`);
  const table = linksByUnitPair(
    coders.map(({ links }) => links),
    types,
  );
  const { units, links, side, source, target, directed, lesser, greater, pairStart, linkOrder } = table;
  // Per coder and unit rank: 1 marked, 0 not, −1 not looked up yet. The ends of a coder's links are marked.
  const marked = coders.map(() => new Int8Array(units.length).fill(-1));
  for (let i = 0; i < links.length; i++) marked[side[i]!]![source[i]!] = marked[side[i]!]![target[i]!] = 1;
  const isMarked = (c: number, rank: number) => {
    const known = marked[c]!;
    if (known[rank] === -1) known[rank] = coders[c]!.markedUnits.has(units[rank]!) ? 1 : 0;
    return known[rank] === 1;
  };

  // Rows: per pair of units, one per direction of its directed links, else one (lesser → greater).
  // Pairs come in (lesser, greater) order; the backward rows (greater → lesser) are sorted apart and merged in.
  type Row = { from: number; to: number; pair: number; directed: boolean };
  const inPairOrder: Row[] = [];
  const backward: Row[] = [];
  for (let p = 0; p < lesser.length; p++) {
    let isForward = false;
    let isBackward = false;
    for (let k = pairStart[p]!; k < pairStart[p + 1]!; k++) {
      const i = linkOrder[k]!;
      if (directed[i] && source[i]! <= target[i]!) isForward = true;
      else if (directed[i]) isBackward = true;
    }
    if (isForward || !isBackward) inPairOrder.push({ from: lesser[p]!, to: greater[p]!, pair: p, directed: isForward || isBackward });
    if (isBackward) backward.push({ from: greater[p]!, to: lesser[p]!, pair: p, directed: true });
  }
  const before = (x: Row, y: Row) => x.from < y.from || (x.from === y.from && x.to < y.to);
  backward.sort((x, y) => (before(x, y) ? -1 : 1));
  const rows: Row[] = [];
  for (let f = 0, b = 0; f < inPairOrder.length || b < backward.length; ) {
    rows.push(b >= backward.length || (f < inPairOrder.length && before(inPairOrder[f]!, backward[b]!)) ? inPairOrder[f++]! : backward[b++]!);
  }

  const values = rows.map(({ from, to, pair, directed: directedRow }) => {
    const row: (string | null)[] = new Array<string | null>(coders.length).fill(null);
    for (let k = pairStart[pair]!; k < pairStart[pair + 1]!; k++) {
      const i = linkOrder[k]!;
      const answers = !directedRow || !directed[i] || source[i] === from;
      const known = row[side[i]!];
      if (answers && (known === null || links[i]!.typeId < known!)) row[side[i]!] = links[i]!.typeId;
    }
    for (let c = 0; c < row.length; c++) if (row[c] === null && isMarked(c, from) && isMarked(c, to)) row[c] = NO_LINK;
    return row;
  });
  // Each unit id written as JSON once, for the row keys (the same text `endpointPairKey` makes).
  const quoted = new Array<string | undefined>(units.length);
  const quote = (rank: number) => (quoted[rank] ??= JSON.stringify(units[rank]!));
  return {
    coders: coders.map(({ coder }) => coder),
    pairs: rows.map(({ from, to }) => ({ key: `[${quote(from)},${quote(to)}]`, source: units[from]!, target: units[to]! })),
    values,
  };
}

/**
 * Each coder's clusters: connected components of their cluster-forming links (no singletons: a
 * unit in no such link is in no cluster). Direction does not matter; a link from a unit to itself
 * joins nothing. Each cluster is sorted, and the clusters by their first unit. Throws on a link
 * type not in `types`.
 */
export function clustersFromLinks(links: readonly UnitLink[], types: ReadonlyMap<string, LinkTypeInfo>): string[][] {
  const numberOf = new Map<string, number>();
  const units: string[] = [];
  const sets = new DisjointSets();
  const numberUnit = (unit: string) => {
    let n = numberOf.get(unit);
    if (n === undefined) {
      numberOf.set(unit, (n = sets.add()));
      units.push(unit);
    }
    return n;
  };
  for (const link of links) {
    if (linkTypeOf(types, link.typeId).clusters && link.source !== link.target) sets.union(numberUnit(link.source), numberUnit(link.target));
  }
  const clusters = new Map<number, string[]>();
  units.forEach((unit, n) => {
    const root = sets.find(n);
    const cluster = clusters.get(root);
    if (cluster) cluster.push(unit);
    else clusters.set(root, [unit]);
  });
  return [...clusters.values()].map((cluster) => cluster.sort()).sort((x, y) => compareText(x[0]!, y[0]!));
}

/** By the two units (the lesser first), then type, then source and target. */
function compareLinks(x: UnitLink, y: UnitLink): number {
  const xSwap = x.source > x.target;
  const ySwap = y.source > y.target;
  return (
    compareText(xSwap ? x.target : x.source, ySwap ? y.target : y.source) ||
    compareText(xSwap ? x.source : x.target, ySwap ? y.source : y.target) ||
    compareText(x.typeId, y.typeId) ||
    compareText(x.source, y.source) ||
    compareText(x.target, y.target)
  );
}

/** Code-unit order: the same on every machine and locale. */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
