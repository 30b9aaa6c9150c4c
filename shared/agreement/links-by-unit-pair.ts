/**
 * Internal to link agreement: the links of several sides (annotators) read once into numbers and
 * grouped by the two units they join, so that comparing tens of thousands of links costs one
 * string lookup per link end and a sort of numbers, not a map of strings per pair and side.
 */
import type { LinkTypeInfo, UnitLink } from './link-agreement.js';

/** Every side's links, their ends as unit ranks, grouped by pair of units. */
export interface LinksByUnitPair {
  /** The unit ids in code-unit order: a unit's rank is its index here. */
  units: string[];
  /** Every side's links, side after side, each side's in the order given. */
  links: UnitLink[];
  /** Per link: its side, the ranks of its source and target units, and 1 when its type is directed. */
  side: Int32Array;
  source: Int32Array;
  target: Int32Array;
  directed: Uint8Array;
  /** Per pair of units, in ascending order of (lesser rank, greater rank): the two ranks. */
  lesser: Int32Array;
  greater: Int32Array;
  /** The links of pair p are linkOrder[pairStart[p]] … linkOrder[pairStart[p + 1] − 1], in the order above. */
  pairStart: Int32Array;
  linkOrder: Int32Array;
}

/** The type of a link, or an error naming the type the links use and `types` lacks. */
export function linkTypeOf(types: ReadonlyMap<string, LinkTypeInfo>, typeId: string): LinkTypeInfo {
  const type = types.get(typeId);
  if (!type) throw new Error(`Link agreement: link type "${typeId}" is not among the link types (${[...types.keys()].join(', ') || 'none given'}).`);
  return type;
}

/** Reads the sides' links and groups them by pair of units. Throws on a link type not in `types`. */
export function linksByUnitPair(sides: readonly (readonly UnitLink[])[], types: ReadonlyMap<string, LinkTypeInfo>): LinksByUnitPair {
  const count = sides.reduce((n, links) => n + links.length, 0);
  const links: UnitLink[] = [];
  const side = new Int32Array(count);
  const source = new Int32Array(count);
  const target = new Int32Array(count);
  const directed = new Uint8Array(count);
  // Number the units as met, then rank them in code-unit order.
  const numberOf = new Map<string, number>();
  const met: string[] = [];
  const numberUnit = (unit: string) => {
    let n = numberOf.get(unit);
    if (n === undefined) numberOf.set(unit, (n = met.push(unit) - 1));
    return n;
  };
  sides.forEach((sideLinks, s) => {
    for (const link of sideLinks) {
      const i = links.push(link) - 1;
      side[i] = s;
      source[i] = numberUnit(link.source);
      target[i] = numberUnit(link.target);
      directed[i] = linkTypeOf(types, link.typeId).directed ? 1 : 0;
    }
  });
  const units = [...met].sort(); // the default order of strings is code-unit order
  const unitCount = units.length;
  if (unitCount > 90_000_000) throw new Error(`Link agreement: ${unitCount} units are more than it can pair.`);
  const rankOfNumber = new Int32Array(unitCount);
  for (let rank = 0; rank < unitCount; rank++) rankOfNumber[numberOf.get(units[rank]!)!] = rank;

  // A pair's key is lesser · unitCount + greater: exact in a double for up to 90 million units.
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    source[i] = rankOfNumber[source[i]!]!;
    target[i] = rankOfNumber[target[i]!]!;
    keys[i] = Math.min(source[i]!, target[i]!) * unitCount + Math.max(source[i]!, target[i]!);
  }
  const sorted = Float64Array.from(keys).sort();
  let pairCount = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[pairCount++] = sorted[i]!;
  const pairKeys = sorted.subarray(0, pairCount);
  const lesser = new Int32Array(pairCount);
  const greater = new Int32Array(pairCount);
  for (let p = 0; p < pairCount; p++) {
    lesser[p] = Math.floor(pairKeys[p]! / unitCount);
    greater[p] = pairKeys[p]! % unitCount;
  }

  // Group the links by pair: count, then place each (a stable counting sort).
  const pairOfLink = new Int32Array(count);
  for (let i = 0; i < count; i++) pairOfLink[i] = binarySearch(pairKeys, keys[i]!);
  const pairStart = new Int32Array(pairCount + 1);
  for (const p of pairOfLink) pairStart[p + 1] = pairStart[p + 1]! + 1;
  for (let p = 0; p < pairCount; p++) pairStart[p + 1] = pairStart[p + 1]! + pairStart[p]!;
  const next = pairStart.slice(0, pairCount);
  const linkOrder = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const p = pairOfLink[i]!;
    linkOrder[next[p]!] = i;
    next[p] = next[p]! + 1;
  }
  return { units, links, side, source, target, directed, lesser, greater, pairStart, linkOrder };
}

/** The index of `key` in the ascending `keys`, which hold it. */
function binarySearch(keys: Float64Array, key: number): number {
  let low = 0;
  let high = keys.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
