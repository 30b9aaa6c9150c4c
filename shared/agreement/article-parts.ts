/**
 * What the agreement figures use of one article, worked out once from its aligned units and kept
 * while the article stays the same (in memory, and between sessions in the agreement cache): which
 * coders, how many orphaned annotations, the labels met, who is in each unit, where each linked
 * annotation is, each coder's span counts and merged segments per label, each pair's span matches
 * counted by label, and each attribute's values per unit. The corpus-level figures are put together
 * from these parts alone; an article restored from the cache has no units (its annotations are not
 * read), so everything it is asked for must be in its parts (`complete` makes sure before saving).
 */
import type { Annotation, AttributeValue } from '../model/annotation.js';
import type { AttributeDefinition, Label } from '../model/label-schema.js';
import type { AlphaValue } from './krippendorff-alpha.js';
import type { AlignedUnit } from './span-alignment.js';
import { matchSpans, type MatchingRule } from './span-matching.js';
import { mergeSegments, NO_SEGMENTS, pairDisagreement, type MergedSegments } from './unitizing-parts.js';

/**
 * The version of how parts are computed: parts cached by another version are never used. Raise it
 * with any change to what a part holds or how it is worked out (alignment, matching, segments,
 * attribute values).
 */
export const ARTICLE_PARTS_VERSION = 2;

/** The key standing for every label at once in per-label maps. */
export const ANY_LABEL = '\u0000any';

/** Matched spans and those left over on each side. */
export interface Counts {
  matched: number;
  onlyA: number;
  onlyB: number;
}

/** The most coders `ArticlePartsData.members` has a bit for (a double holds whole numbers up to 2⁵³ exactly). */
const MAX_CODERS_IN_BITS = 52;

/** The rules spans are matched by, both counted for every pair. */
const RULES: readonly MatchingRule[] = ['exact', 'overlap'];

/** What an article's parts hold, as they are kept between sessions (see the module comment). */
export interface ArticlePartsData {
  /** The compared annotators who coded the article, in the report's order. */
  coders: string[];
  /** Every annotator with an annotation in the article (compared or not). */
  present: string[];
  /** The coders' orphaned annotations, left out. */
  orphaned: number;
  /** The labels the units' members carry, in the order first met. */
  labels: string[];
  /** Per unit, which coders have a member in it (bit i: coders[i]; 0 with more than MAX_CODERS_IN_BITS coders). */
  members: number[];
  /** Coder → annotation id → its unit: every annotation's, or (`allMapped` false) those some link named when saved. */
  unitOfAnnotation: Map<string, Map<string, number>>;
  allMapped: boolean;
  /** Coder → ids some link named when saved that have no unit here (orphaned or gone): known, so such a link end is no reason to read the article. */
  linkedWithoutUnit: Map<string, Set<string>>;
  /** Coder → label → how many spans (each label once; every label is their sum). */
  spanCounts: Map<string, Map<string, number>>;
  /** Coder → label → merged segments (unitizing alpha's); every label's are worked out from these. */
  segments: Map<string, Map<string, MergedSegments>>;
  /** `a b rule` → label (and ANY_LABEL) → counts. */
  counts: Map<string, Map<string, Counts>>;
  /** `attributeKey` → the units where some coder gave the attribute a value: each coder's value (in `coders`' order) or null. */
  attributeRows: Map<string, (AlphaValue | null)[][]>;
}

/** One article's parts: its data, its units when its annotations were read, and what is worked out from them on demand. */
export class ArticleParts {
  /** `a b label` → the pair's Σ δ² (unitizing alpha's observed disagreement), worked out from the segments. */
  readonly pairDisagreements = new Map<string, number>();
  /** `coders label` → the article's own span values (its row of the per-article table). */
  readonly values = new Map<string, unknown>();
  readonly #anyLabel = new Map<string, MergedSegments>();

  constructor(
    readonly data: ArticlePartsData,
    /** The aligned units, or null when the parts were restored without reading the annotations. */
    readonly units: readonly AlignedUnit<Annotation>[] | null,
  ) {}

  /** The parts of aligned `units` (placed annotations of the compared annotators) for `coders`. */
  static ofUnits(units: readonly AlignedUnit<Annotation>[], coders: readonly string[], present: readonly string[], orphaned: number): ArticleParts {
    const index = new Map(coders.map((c, i) => [c, i]));
    const labels: string[] = [];
    const labelSeen = new Set<string>();
    const members: number[] = [];
    const unitOfAnnotation = new Map<string, Map<string, number>>();
    const spanCounts = new Map<string, Map<string, number>>();
    const fragments = new Map<string, Map<string, { starts: number[]; ends: number[] }>>();
    units.forEach((unit, u) => {
      let bits = 0;
      for (const member of unit.members) {
        const coder = member.annotator;
        // At most one member per coder, so each bit is added once; exact up to MAX_CODERS_IN_BITS coders.
        if (coders.length <= MAX_CODERS_IN_BITS) bits += 2 ** index.get(coder)!;
        if (!labelSeen.has(member.labelId)) labelSeen.add(member.labelId), labels.push(member.labelId);
        mapIn(unitOfAnnotation, coder).set(member.id, u);
        const counts = mapIn(spanCounts, coder);
        counts.set(member.labelId, (counts.get(member.labelId) ?? 0) + 1);
        const byLabel = mapIn(fragments, coder);
        let ranges = byLabel.get(member.labelId);
        if (!ranges) byLabel.set(member.labelId, (ranges = { starts: [], ends: [] }));
        for (const { start, end } of member.fragments) ranges.starts.push(start), ranges.ends.push(end);
      }
      members.push(bits);
    });
    const segments = new Map<string, Map<string, MergedSegments>>();
    for (const [coder, byLabel] of fragments) segments.set(coder, new Map([...byLabel].map(([label, r]) => [label, mergeSegments(r.starts, r.ends)])));
    const data: ArticlePartsData = {
      coders: [...coders],
      present: [...present],
      orphaned,
      labels,
      members,
      unitOfAnnotation,
      allMapped: true,
      linkedWithoutUnit: new Map(),
      spanCounts,
      segments,
      counts: new Map(),
      attributeRows: new Map(),
    };
    return new ArticleParts(data, units);
  }

  /** Whether `coder` has a member in unit `unit`. */
  hasMember(unit: number, coder: string): boolean {
    if (this.units) return this.units[unit]!.members.some((m) => m.annotator === coder);
    const i = this.data.coders.indexOf(coder);
    return i >= 0 && Math.floor(this.data.members[unit]! / 2 ** i) % 2 === 1;
  }

  /** Whether the parts can be kept between sessions (`members` holds a bit per coder). */
  get persistable(): boolean {
    return this.data.coders.length <= MAX_CODERS_IN_BITS;
  }

  /** How many spans `coder` has (of one label, or every label). */
  spansOf(coder: string, labelId: string | null): number {
    const counts = this.data.spanCounts.get(coder);
    if (!counts) return 0;
    if (labelId !== null) return counts.get(labelId) ?? 0;
    let sum = 0;
    for (const n of counts.values()) sum += n;
    return sum;
  }

  /** `coder`'s merged segments of one label (ANY_LABEL: of every label, merged again). */
  segmentsOf(coder: string, label: string): MergedSegments {
    const byLabel = this.data.segments.get(coder);
    if (!byLabel) return NO_SEGMENTS;
    if (label !== ANY_LABEL) return byLabel.get(label) ?? NO_SEGMENTS;
    let any = this.#anyLabel.get(coder);
    if (!any) {
      // The union of each label's merged segments, merged: the same as merging every fragment at once.
      const starts: number[] = [];
      const ends: number[] = [];
      for (const s of byLabel.values()) for (let k = 0; k < s.starts.length; k++) starts.push(s.starts[k]!), ends.push(s.ends[k]!);
      this.#anyLabel.set(coder, (any = mergeSegments(starts, ends)));
    }
    return any;
  }

  /** The pair's Σ δ² for one label (ANY_LABEL: any), worked out once. */
  pairDisagreementOf(a: string, b: string, label: string): number {
    const key = `${a} ${b} ${label}`;
    let sum = this.pairDisagreements.get(key);
    if (sum === undefined) this.pairDisagreements.set(key, (sum = pairDisagreement(this.segmentsOf(a, label), this.segmentsOf(b, label))));
    return sum;
  }

  /** The pair's matches under `rule`, counted by label (and ANY_LABEL). */
  countsOf(a: string, b: string, rule: MatchingRule): Map<string, Counts> {
    const key = `${a} ${b} ${rule}`;
    let counts = this.data.counts.get(key);
    if (!counts) this.data.counts.set(key, (counts = countMatches(this.spansBy(a), this.spansBy(b), rule)));
    return counts;
  }

  /** The rows of one attribute (see `ArticlePartsData.attributeRows`). */
  attributeRowsOf(label: Label, definition: AttributeDefinition): (AlphaValue | null)[][] {
    const key = attributeKey(label, definition);
    let rows = this.data.attributeRows.get(key);
    if (!rows) this.data.attributeRows.set(key, (rows = rowsIn(this.unitsOrFail(), this.data.coders, label, definition)));
    return rows;
  }

  /** Works out every pair's counts and every attribute's rows of `labels` not worked out yet, so the parts serve any later computation alone. */
  complete(labels: readonly Label[]): void {
    const { coders } = this.data;
    for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) for (const rule of RULES) this.countsOf(coders[i]!, coders[j]!, rule);
    for (const label of labels) for (const definition of label.attributes) this.attributeRowsOf(label, definition);
  }

  /** Each coder's spans in unit order (what was matched before parts were kept). */
  private spansBy(coder: string): Annotation[] {
    const spans: Annotation[] = [];
    for (const unit of this.unitsOrFail()) for (const member of unit.members) if (member.annotator === coder) spans.push(member);
    return spans;
  }

  private unitsOrFail(): readonly AlignedUnit<Annotation>[] {
    if (!this.units) throw new Error('Agreement: an article restored from the cache lacks a part it was asked for (its annotations were not read).');
    return this.units;
  }
}

/** The key of one attribute of one label in `attributeRows`: everything of its definition its values depend on. */
function attributeKey(label: Label, definition: AttributeDefinition): string {
  const scale = definition.type === 'choice' && definition.ordered ? definition.options.join('\u0000') : '';
  return `${label.id}\u0000${definition.name}\u0000${definition.type}\u0000${scale}`;
}

/** Two coders' spans of one article matched under `rule`, counted by label (and ANY_LABEL). */
function countMatches(a: readonly Annotation[], b: readonly Annotation[], rule: MatchingRule): Map<string, Counts> {
  const match = matchSpans(a, b, rule);
  const byLabel = new Map<string, Counts>();
  const add = (label: string, field: keyof Counts) => {
    let c = byLabel.get(label);
    if (!c) byLabel.set(label, (c = { matched: 0, onlyA: 0, onlyB: 0 }));
    c[field]++;
  };
  for (const [span] of match.matched) add(span.labelId, 'matched'), add(ANY_LABEL, 'matched');
  for (const span of match.onlyA) add(span.labelId, 'onlyA'), add(ANY_LABEL, 'onlyA');
  for (const span of match.onlyB) add(span.labelId, 'onlyB'), add(ANY_LABEL, 'onlyB');
  return byLabel;
}

/** The units where at least one coder gave the attribute a value, with each coder's value. */
function rowsIn(units: readonly AlignedUnit<Annotation>[], coders: readonly string[], label: Label, definition: AttributeDefinition): (AlphaValue | null)[][] {
  const index = new Map(coders.map((a, i) => [a, i]));
  const rows: (AlphaValue | null)[][] = [];
  for (const unit of units) {
    let values: (AlphaValue | null)[] | null = null;
    for (const member of unit.members) {
      if (member.labelId !== label.id) continue;
      const value = usableValue(member.attributes?.[definition.name], definition);
      if (value === null) continue;
      values ??= coders.map(() => null);
      values[index.get(member.annotator)!] = value;
    }
    if (values) rows.push(values);
  }
  return rows;
}

/** An attribute's value as alpha takes it (text trimmed, numbers finite, a scale's values among its options); null when none or unusable. */
export function usableValue(value: AttributeValue | undefined, definition: AttributeDefinition): AlphaValue | null {
  if (value === undefined) return null;
  switch (definition.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'choice':
      return typeof value === 'string' && (!definition.ordered || definition.options.includes(value)) ? value : null;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  }
}

/** The map of `key` in `map`, made empty when it has none. */
function mapIn<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}
