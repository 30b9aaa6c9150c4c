/**
 * What is to curate in one document: every person's layer aligned into units
 * (`shared/agreement/span-alignment.ts`), what the policy lets through without asking ("merged
 * ahead"), and every disagreement left for the curator, in document order: a unit whose spans
 * differ, the attribute values of a settled span, and a link between two units that some annotators
 * made and others did not (or with another type or direction). Pure and deterministic: the same
 * layers give the same units, items and ids however the layers and annotations are ordered, so a
 * decision kept under an item's id still applies when everything is computed again.
 */
import type { UnitLink } from '../agreement/link-agreement.js';
import { alignAnnotations, memberKey, versionsOf, type AlignedUnit } from '../agreement/span-alignment.js';
import type { Annotation, AttributeValue } from '../model/annotation.js';
import type { LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import { splitsSurrogatePair } from '../text/code-points.js';
import { compareText } from '../text/compare-text.js';
import { policyWinner, type PolicyRule } from './curation-policy.js';
import { linksAhead, linkVersionsByUnitPair, type LinkVersions, type VersionLink } from './link-versions.js';

/** One person's layer of the document. */
export interface CurationLayer {
  annotator: string;
  annotations: readonly Annotation[];
}

/** What curation reads: the document's text, every person's layer of it, their links, the link types. */
export interface CurationSource {
  documentId: string;
  text: string;
  /** Every person's layer (the curated layer is never one of them); an annotator once. */
  layers: readonly CurationLayer[];
  /** The persons' links; those joining two of their annotations of this document are compared (those across articles by `cross-article-links.ts`). */
  links: readonly Link[];
  linkTypes: readonly Pick<LinkType, 'id' | 'directed'>[];
}

/** Attribute values by name. */
export type AttributeValues = Readonly<Record<string, AttributeValue>>;

/** An annotator's span as curation shows and copies it. */
export interface VersionSpan {
  annotationId: string;
  labelId: string;
  /** In document order, not overlapping (UTF-16 offsets, end exclusive). */
  ranges: { start: number; end: number }[];
  attributes: AttributeValues;
}

/** The text around an item, for showing it in context. */
export interface ItemContext {
  /** Where `text` starts in the document. */
  start: number;
  text: string;
}

/** A unit whose annotators marked different spans (or labels), or some marked it and others nothing. */
export interface SpanDisagreement {
  kind: 'span';
  /** The unit's id (`AlignedUnit.id`). */
  id: string;
  unitId: string;
  start: number;
  end: number;
  context: ItemContext;
  /** Each annotator's span in the unit (null: they marked nothing there), in annotator order. */
  versions: { annotator: string; span: VersionSpan | null }[];
}

/** A span the policy let through whose annotators gave it different attribute values. */
export interface AttributeDisagreement {
  kind: 'attributes';
  /** `<unit id>#attributes`. */
  id: string;
  unitId: string;
  start: number;
  end: number;
  context: ItemContext;
  /** The span merged ahead, with the values all its annotators agree on. */
  span: VersionSpan;
  /** The attributes they differ on, sorted. */
  names: string[];
  /** Each annotator's values (null: they marked another span, so have no say), in annotator order. */
  versions: { annotator: string; attributes: AttributeValues | null }[];
}

/** One end of a link disagreement: a unit, and what the policy made of it. */
export interface LinkItemEnd {
  unitId: string;
  /** Its start and end in its own article. */
  start: number;
  end: number;
  /** The unit's text (cut to 200 characters). */
  text: string;
  /**
   * In the article curated: `kept` or `none` when the policy settled the unit, null when it is a
   * disagreement of its own. In another article (`article`): `kept` when that article's curated layer
   * holds it, `none` when its curation left it out, null while it is not curated there yet.
   */
  ahead: 'kept' | 'none' | null;
  /** The other article an end of a link across articles is in (absent: the article curated). */
  article?: { documentId: string; title: string };
}

/** Two units some annotators linked and others did not, or linked otherwise. */
export interface LinkDisagreement {
  kind: 'link';
  /**
   * `link:<earlier unit id>><later unit id>` within an article; across two, `xlink:` and the JSON of
   * both ends' `[document id, unit id]` in code-unit order (`cross-article-links.ts`).
   */
  id: string;
  /** Where the link is in the article curated (across articles: its end there). */
  start: number;
  end: number;
  context: ItemContext;
  /** The two units: in document order, or across articles in the order of the id. */
  ends: [LinkItemEnd, LinkItemEnd];
  /** Each annotator's links between the two (none: an empty list), in annotator order. */
  versions: LinkVersions;
}

/** One disagreement for the curator. */
export type CurationItem = SpanDisagreement | AttributeDisagreement | LinkDisagreement;

/** A span the policy let through: its version (attributes as merged) and who chose it. */
export interface AheadSpan {
  span: VersionSpan;
  supporters: string[];
}

/** Two units some annotator linked, with each annotator's links and what the policy let through. */
export interface LinkPair {
  id: string;
  ends: [string, string];
  versions: LinkVersions;
  /** The links merged ahead ([] for "no link"), or undefined when it is a disagreement. */
  ahead: VersionLink[] | undefined;
}

/** Everything curation computed for one document under one policy. */
export interface Curation {
  /** The annotators compared, sorted by id. */
  annotators: string[];
  /** Every unit, in document order. */
  units: AlignedUnit<Annotation>[];
  /** The units the policy settled: the span let through, or null for "nothing here". */
  ahead: ReadonlyMap<string, AheadSpan | null>;
  /** Every pair of units some annotator linked. */
  linkPairs: LinkPair[];
  /** The disagreements, in document order. */
  items: CurationItem[];
}

/** Characters of context shown on each side of an item (within its paragraphs). */
const CONTEXT_CHARS = 120;
/** Items whose span is longer than this show their start and end only in the context (the rest is cut). */
const MAX_CONTEXT_CHARS = 1200;

/** Computes what is to curate in a document under `policy`. */
export function computeCuration(source: CurationSource, policy: PolicyRule): Curation {
  const annotators = [...new Set(source.layers.map((l) => l.annotator))].sort(compareText);
  const total = annotators.length;
  const units = alignAnnotations(source.layers.flatMap((l) => l.annotations.filter((a) => !a.orphaned && a.annotator === l.annotator)));
  const ahead = new Map<string, AheadSpan | null>();
  const spanItems: CurationItem[] = [];
  for (const unit of units) {
    const versions = versionsOf(unit, annotators);
    const winner = policyWinner(versions, total, policy);
    if (!winner) {
      spanItems.push({
        kind: 'span',
        id: unit.id,
        unitId: unit.id,
        start: unit.start,
        end: unit.end,
        context: contextOf(source.text, unit.start, unit.end),
        versions: annotators.map((annotator) => {
          const member = unit.members.find((m) => m.annotator === annotator);
          return { annotator, span: member ? versionSpanOf(member) : null };
        }),
      });
      continue;
    }
    if (!winner.annotation) {
      ahead.set(unit.id, null);
      continue;
    }
    const supporters = winner.annotators;
    const members = supporters.map((annotator) => unit.members.find((m) => m.annotator === annotator)!);
    const byValues = new Map<string, { annotators: string[]; attributes: AttributeValues }>();
    for (const member of members) {
      const key = attributesKey(member.attributes);
      const group = byValues.get(key) ?? { annotators: [], attributes: member.attributes };
      group.annotators.push(member.annotator);
      byValues.set(key, group);
    }
    const attributeVersions = [...byValues.values()].sort((a, b) => b.annotators.length - a.annotators.length);
    const agreedValues = policyWinner(attributeVersions, supporters.length, policy)?.attributes;
    const span = { ...versionSpanOf(members[0]!), attributes: agreedValues ?? sharedValues(members.map((m) => m.attributes)) };
    ahead.set(unit.id, { span, supporters });
    if (agreedValues) continue;
    const names = [...new Set(members.flatMap((m) => Object.keys(m.attributes)))].filter((n) => !Object.hasOwn(span.attributes, n)).sort(compareText);
    spanItems.push({
      kind: 'attributes',
      id: `${unit.id}#attributes`,
      unitId: unit.id,
      start: unit.start,
      end: unit.end,
      context: contextOf(source.text, unit.start, unit.end),
      span,
      names,
      versions: annotators.map((annotator) => ({ annotator, attributes: supporters.includes(annotator) ? unit.members.find((m) => m.annotator === annotator)!.attributes : null })),
    });
  }
  const linkPairs = pairLinks(source, units, annotators, policy);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const linkItems: LinkDisagreement[] = [];
  for (const pair of linkPairs) {
    if (pair.ahead) continue;
    const ends = pair.ends.map((id): LinkItemEnd => {
      const unit = unitById.get(id)!;
      const settled = ahead.get(id);
      return { unitId: id, start: unit.start, end: unit.end, text: unitText(source.text, unit), ahead: settled === undefined ? null : settled ? 'kept' : 'none' };
    }) as [LinkItemEnd, LinkItemEnd];
    // A link on a span the policy left out can never be curated: it is no question for the curator.
    if (ends.some((e) => e.ahead === 'none')) continue;
    const [first, second] = ends;
    const end = Math.max(first.end, second.end);
    linkItems.push({ kind: 'link', id: pair.id, start: first.start, end, context: contextOf(source.text, first.start, end), ends, versions: pair.versions });
  }
  return { annotators, units, ahead, linkPairs, items: inCurationOrder([...spanItems, ...linkItems]) };
}

/** A unit's text as a link end shows it (cut to 200 characters). */
export function unitText(text: string, unit: Pick<AlignedUnit, 'start' | 'end'>): string {
  return text.slice(unit.start, Math.min(unit.end, unit.start + 200));
}

/**
 * Disagreements in the order the curator meets them: document order, a span before its attribute
 * values, and each link after the spans of its later end in the article (across articles: of its end
 * there), so that its ends come up first; ties by id.
 */
export function inCurationOrder(items: readonly CurationItem[]): CurationItem[] {
  const placeOf = (item: CurationItem) => {
    if (item.kind !== 'link') return { at: item.start, rank: item.kind === 'span' ? 0 : 1 };
    const here = item.ends.filter((e) => !e.article);
    return { at: Math.max(...here.map((e) => e.start)), rank: 2 };
  };
  return items
    .map((item) => ({ item, ...placeOf(item) }))
    .sort((a, b) => a.at - b.at || a.rank - b.rank || compareText(a.item.id, b.item.id))
    .map((entry) => entry.item);
}

/** Every pair of units some annotator linked (both ends annotations of this document), with each annotator's links between them. */
function pairLinks(source: CurationSource, units: readonly AlignedUnit<Annotation>[], annotators: readonly string[], policy: PolicyRule): LinkPair[] {
  const unitOfMember = new Map<string, string>();
  const indexOfUnit = new Map<string, number>();
  units.forEach((unit, index) => {
    indexOfUnit.set(unit.id, index);
    for (const member of unit.members) unitOfMember.set(memberKey(member), unit.id);
  });
  const linksOf = annotators.map((): UnitLink[] => []);
  for (const link of source.links) {
    const side = annotators.indexOf(link.annotator);
    if (side < 0 || link.source.documentId !== source.documentId || link.target.documentId !== source.documentId) continue;
    const from = unitOfMember.get(`${link.annotator}/${link.source.annotationId}`);
    const to = unitOfMember.get(`${link.annotator}/${link.target.annotationId}`);
    if (from !== undefined && to !== undefined) linksOf[side]!.push({ source: from, target: to, typeId: link.typeId });
  }
  const directed = new Map(source.linkTypes.map((t) => [t.id, t.directed]));
  return linkVersionsByUnitPair(annotators, linksOf, directed, (a, b) => indexOfUnit.get(a)! - indexOfUnit.get(b)!)
    .map(({ ends, versions }) => ({ id: `link:${ends[0]}>${ends[1]}`, ends, versions, ahead: linksAhead(versions, [policy]) }))
    .sort((x, y) => compareText(x.id, y.id));
}

/** The span of an annotation as curation copies it. */
function versionSpanOf(annotation: Annotation): VersionSpan {
  return { annotationId: annotation.id, labelId: annotation.labelId, ranges: annotation.fragments.map(({ start, end }) => ({ start, end })), attributes: annotation.attributes };
}

/** Attribute values as one comparable string (names sorted). */
export function attributesKey(values: AttributeValues): string {
  return JSON.stringify(Object.keys(values).sort(compareText).map((name) => [name, values[name]]));
}

/** The values every one of `sets` gives, the same in each. */
function sharedValues(sets: readonly AttributeValues[]): Record<string, AttributeValue> {
  const [first, ...rest] = sets;
  const shared: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(first ?? {})) {
    if (rest.every((set) => Object.hasOwn(set, name) && set[name] === value)) shared[name] = value;
  }
  return shared;
}

/**
 * The text around `start`–`end` (a long item cut after 1,200 characters): up to 120 characters each
 * side within the paragraphs it is in, cut at white space, never inside a character.
 */
export function contextOf(text: string, start: number, end: number): ItemContext {
  const cut = Math.min(end, start + MAX_CONTEXT_CHARS);
  let from = Math.max(0, start - CONTEXT_CHARS, text.lastIndexOf('\n', start - 1) + 1);
  const paragraphEnd = text.indexOf('\n', cut);
  let to = Math.min(text.length, cut + CONTEXT_CHARS, paragraphEnd < 0 ? text.length : paragraphEnd);
  const firstSpace = from > 0 && text[from - 1] !== '\n' ? text.slice(from, start).search(/\s/u) : -1;
  if (firstSpace >= 0) from += firstSpace + 1;
  const lastSpace = to < text.length && text[to] !== '\n' ? text.slice(cut, to).search(/\s\S*$/u) : -1;
  if (lastSpace >= 0) to = cut + lastSpace;
  if (splitsSurrogatePair(text, from)) from++;
  if (splitsSurrogatePair(text, to)) to--;
  return { start: from, text: text.slice(from, to) };
}

