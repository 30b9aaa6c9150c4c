/**
 * Aligning several annotators' annotations of one document into **units**: the places in the text
 * where at least one of them marked something, each holding at most one annotation per annotator.
 * Agreement figures (links and clusters are compared on units), the drill-down to disagreements,
 * and curation (one disagreement at a time) all read the same units.
 *
 * Alignment is by characters, not by label: two annotations of different annotators join a unit
 * when they share at least one character, the best-fitting pairs first (identical fragments and
 * label, then the most characters in common relative to both spans, then the same label), and never
 * two annotations of one annotator. A unit whose members all carry the same fragments and label is
 * a unit the annotators agree on; its versions say who chose what otherwise.
 */
import type { AttributeValue } from '../model/annotation.js';

/** One annotator's annotation, as alignment reads it. */
export interface AlignableAnnotation {
  id: string;
  /** Whose layer it is in. */
  annotator: string;
  labelId: string;
  /** In document order, not overlapping (UTF-16 offsets, end exclusive). */
  fragments: readonly { start: number; end: number }[];
  attributes?: Readonly<Record<string, AttributeValue>>;
}

/** A place in one document and what each annotator marked there. */
export interface AlignedUnit<A extends AlignableAnnotation = AlignableAnnotation> {
  /**
   * Names the unit by its members (`annotator/annotationId` in the members' order, joined by `|`):
   * the same annotations give the same id in every computation, so a decision about a unit can be kept.
   */
  id: string;
  /** First character of any member (for document order and for showing the place). */
  start: number;
  /** End of the furthest member. */
  end: number;
  /** Each annotator's annotation in this unit, at most one each, sorted by annotator id. */
  members: readonly A[];
}

/** One version of a unit: what some annotators chose there (null fragments: they marked nothing). */
export interface UnitVersion<A extends AlignableAnnotation = AlignableAnnotation> {
  /** `fragments + label`, or `none` for "marked nothing". */
  key: string;
  /** One member holding this version (the first annotator's by id); null for "marked nothing". */
  annotation: A | null;
  /** The annotators who chose it, sorted. */
  annotators: string[];
}

/** The id a member is known by in a unit id and in link rewriting: `annotator/annotationId`. */
export function memberKey(annotation: Pick<AlignableAnnotation, 'annotator' | 'id'>): string {
  return `${annotation.annotator}/${annotation.id}`;
}

/** Fragments and label: what must be equal for two annotations to be the same span. */
export function spanKey(annotation: Pick<AlignableAnnotation, 'fragments' | 'labelId'>): string {
  return `${annotation.fragments.map((f) => `${f.start}-${f.end}`).join(',')}:${annotation.labelId}`;
}

/**
 * Aligns the annotations of one document (any number of annotators, in any order) into units, in
 * document order (by start, then end, then id). Deterministic: the same annotations give the same
 * units whatever order they come in.
 */
export function alignAnnotations<A extends AlignableAnnotation>(annotations: readonly A[]): AlignedUnit<A>[] {
  const starts = Float64Array.from(annotations, (a) => a.fragments[0]!.start);
  const ends = Float64Array.from(annotations, (a) => a.fragments[a.fragments.length - 1]!.end);
  const order = Array.from(annotations, (_, i) => i).sort(
    (x, y) => starts[x]! - starts[y]! || ends[x]! - ends[y]! || compareText(annotations[x]!.annotator, annotations[y]!.annotator) || compareText(annotations[x]!.id, annotations[y]!.id),
  );
  const sorted = order.map((i) => annotations[i]!);
  // Union-find over the sorted annotations (a group's root is its first annotation); each root
  // keeps its group's annotators as a set of bits.
  const annotatorBit = new Map<string, bigint>();
  for (const a of sorted) if (!annotatorBit.has(a.annotator)) annotatorBit.set(a.annotator, 1n << BigInt(annotatorBit.size));
  const parent = Int32Array.from(sorted, (_, i) => i);
  const annotatorsOf = sorted.map((a) => annotatorBit.get(a.annotator)!);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [i, j] of candidatePairs(sorted)) {
    const [ri, rj] = [root(i), root(j)];
    if (ri === rj || (annotatorsOf[ri]! & annotatorsOf[rj]!) !== 0n) continue;
    const [keep, gone] = ri < rj ? [ri, rj] : [rj, ri];
    parent[gone] = keep;
    annotatorsOf[keep] = annotatorsOf[ri]! | annotatorsOf[rj]!;
  }
  const groups: A[][] = [];
  const groupOfRoot = new Int32Array(sorted.length).fill(-1);
  for (let i = 0; i < sorted.length; i++) {
    const r = root(i);
    if (groupOfRoot[r] === -1) groupOfRoot[r] = groups.push([]) - 1;
    groups[groupOfRoot[r]!]!.push(sorted[i]!);
  }
  const units = groups.map((group): AlignedUnit<A> => {
    // Pushed in document order: the first (the root) starts first.
    const start = group[0]!.fragments[0]!.start;
    if (group.length > 1) group.sort((x, y) => compareText(x.annotator, y.annotator));
    let end = 0;
    for (const a of group) end = Math.max(end, a.fragments[a.fragments.length - 1]!.end);
    return { id: group.map(memberKey).join('|'), start, end, members: group };
  });
  return units.sort((a, b) => a.start - b.start || a.end - b.end || compareText(a.id, b.id));
}

/** The member of `unit` that `annotator` marked, if any. */
export function memberOf<A extends AlignableAnnotation>(unit: AlignedUnit<A>, annotator: string): A | undefined {
  return unit.members.find((m) => m.annotator === annotator);
}

/**
 * The versions of a unit among `annotators` (every annotator compared, including those with no
 * member: they chose "nothing here"), most supported first, then by key. A unit all agree on has
 * exactly one version.
 */
export function versionsOf<A extends AlignableAnnotation>(unit: AlignedUnit<A>, annotators: readonly string[]): UnitVersion<A>[] {
  const byKey = new Map<string, UnitVersion<A>>();
  for (const annotator of [...annotators].sort()) {
    const member = memberOf(unit, annotator) ?? null;
    const key = member ? spanKey(member) : 'none';
    const version = byKey.get(key) ?? { key, annotation: member, annotators: [] };
    version.annotators.push(annotator);
    byKey.set(key, version);
  }
  return [...byKey.values()].sort((a, b) => b.annotators.length - a.annotators.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The attributes the members of a unit disagree on (a name some member gives a different value, or
 * gives while another does not), sorted by name.
 */
export function attributeDisagreements(unit: AlignedUnit): string[] {
  const members = unit.members;
  const names = new Set(members.flatMap((m) => Object.keys(m.attributes ?? {})));
  return [...names].filter((name) => new Set(members.map((m) => JSON.stringify(m.attributes?.[name] ?? null))).size > 1).sort();
}

/** Pairs (indexes into `items`, sorted by start) of annotations of different annotators that share a character, best-fitting first. */
function candidatePairs(items: readonly AlignableAnnotation[]): [number, number][] {
  const pairs: [number, number][] = [];
  const exact: boolean[] = [];
  const fits: number[] = [];
  const sameLabels: boolean[] = [];
  // items are sorted by start: every annotation that can overlap item i starts before i ends.
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    const aEnd = a.fragments[a.fragments.length - 1]!.end;
    for (let j = i + 1; j < items.length && items[j]!.fragments[0]!.start < aEnd; j++) {
      const b = items[j]!;
      if (b.annotator === a.annotator) continue;
      const shared = sharedCharacters(a.fragments, b.fragments);
      if (shared === 0) continue;
      const fit = shared / (lengthOf(a.fragments) + lengthOf(b.fragments) - shared);
      const sameLabel = a.labelId === b.labelId;
      exact.push(fit === 1 && sameLabel);
      fits.push(fit);
      sameLabels.push(sameLabel);
      pairs.push([i, j]);
    }
  }
  // Identical characters and label first, then the best fit, then the same label, then position.
  const order = Array.from(pairs, (_, k) => k).sort(
    (x, y) =>
      Number(exact[y]) - Number(exact[x]) ||
      fits[y]! - fits[x]! ||
      Number(sameLabels[y]) - Number(sameLabels[x]) ||
      pairs[x]![0] - pairs[y]![0] ||
      pairs[x]![1] - pairs[y]![1],
  );
  return order.map((k) => pairs[k]!);
}

/** Characters two lists of fragments (each in order, not overlapping) have in common. */
export function sharedCharacters(a: readonly { start: number; end: number }[], b: readonly { start: number; end: number }[]): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const [x, y] = [a[i]!, b[j]!];
    shared += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  return shared;
}

function lengthOf(fragments: readonly { start: number; end: number }[]): number {
  return fragments.reduce((sum, f) => sum + f.end - f.start, 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
