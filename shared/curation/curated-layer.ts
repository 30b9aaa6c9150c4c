/**
 * The curated layer of one document, made from what was computed (`computeCuration`) and the
 * curator's decisions: each unit merged ahead as the policy let it through, each decided
 * disagreement as decided, and the links between curated spans. The curated layer is a function of
 * those two, so taking a decision back (undo) or changing the policy makes it again exactly; ids
 * come from the units, so a span keeps its id (and its links) while its unit's decision changes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Annotation } from '../model/annotation.js';
import { CURATED_ANNOTATOR } from '../model/annotator.js';
import type { CurationChoice } from '../model/curation.js';
import { compareInDocumentOrder } from '../model/document-order.js';
import type { Link } from '../model/link.js';
import { fragmentAt, InvalidRangeError } from '../text/text-quote.js';
import { attributesKey, type AttributeValues, type Curation, type CurationItem, type VersionSpan } from './curation-items.js';
import { choiceProblem } from './curation-progress.js';
import { linkKey, type LinkVersions, type VersionLink } from './link-versions.js';

/** A span of the curated layer: where it comes from and what it is. */
export interface CuratedSpan {
  /** Its annotation id: `cu-<digest of the unit id>-<n>`. */
  id: string;
  unitId: string;
  labelId: string;
  ranges: { start: number; end: number }[];
  attributes: AttributeValues;
  /** The annotators whose version it is (none for the curator's own edit). */
  sources: string[];
}

/** A link of the curated layer between two curated spans. */
export interface CuratedLinkSpec {
  /** `cl-<digest of its ends and type>`. */
  id: string;
  typeId: string;
  source: string;
  target: string;
}

/** The curated layer's content of a document, before it is written as annotations and links. */
export interface CuratedContent {
  spans: CuratedSpan[];
  links: CuratedLinkSpec[];
}

/** The decisions that fit their disagreement, by id (a decision about a disagreement that no longer exists, or does not fit it, is left out). */
export function fittingDecisions(items: readonly CurationItem[], decisions: ReadonlyMap<string, CurationChoice>): Map<string, CurationChoice> {
  const fitting = new Map<string, CurationChoice>();
  for (const item of items) {
    const choice = decisions.get(item.id);
    if (choice && choiceProblem(item, choice) === null) fitting.set(item.id, choice);
  }
  return fitting;
}

/** What the curated layer of the document holds under these decisions. */
export function curatedContent(curation: Curation, decisions: ReadonlyMap<string, CurationChoice>): CuratedContent {
  const chosen = fittingDecisions(curation.items, decisions);
  const itemsById = new Map(curation.items.map((item) => [item.id, item]));
  const spansOfUnit = new Map<string, CuratedSpan[]>();
  for (const unit of curation.units) {
    const base = `cu-${digest(unit.id)}`;
    const settled = curation.ahead.get(unit.id);
    let spans: CuratedSpan[] = [];
    if (settled) {
      const attributesChoice = chosen.get(`${unit.id}#attributes`);
      const item = itemsById.get(`${unit.id}#attributes`);
      const attributes = attributesChoice && item?.kind === 'attributes' ? decidedValues(item.versions, settled.span.attributes, attributesChoice) : settled.span.attributes;
      spans = [spanOf(`${base}-0`, unit.id, { ...settled.span, attributes }, settled.supporters)];
    } else if (settled === undefined) {
      const item = itemsById.get(unit.id);
      const choice = chosen.get(unit.id);
      if (item?.kind === 'span' && choice) spans = decidedSpans(item, choice, base);
    }
    if (spans.length > 0) spansOfUnit.set(unit.id, spans);
  }
  const links: CuratedLinkSpec[] = [];
  for (const pair of curation.linkPairs) {
    const choice = chosen.get(pair.id);
    const [first, second] = pair.ends.map((id) => spansOfUnit.get(id));
    if (first && second) links.push(...curatedLinksOf(pair.versions, pair.ahead ?? (choice ? decidedLinks(pair.versions, choice) : []), first, second));
  }
  return { spans: [...spansOfUnit.values()].flat(), links: dedupeById(links) };
}

/** What the curated layer's files hold for a document once written, and by whom. */
export interface CuratedLayerContext {
  documentId: string;
  contentHash: string;
  /** The document's stored text (each fragment's quote is taken from it). */
  text: string;
  /** The curator's display name: the author of what changes. */
  curator: string;
  /** Now, as ISO 8601. */
  now: string;
  /** The curated layer's annotations of the document as they are (what did not change keeps its author and times). */
  previous: readonly Annotation[];
  /** The curated layer's links as they are (the same). */
  previousLinks: readonly Link[];
}

/**
 * The curated layer's annotations and links of the document (`annotator: 'curated'`, the curator as
 * author of whatever changed), in document order. A span whose ranges do not fit the text (a decision
 * made on another version of it) is left out, with its links.
 */
export function curatedLayer(content: CuratedContent, context: CuratedLayerContext): { annotations: Annotation[]; links: Link[] } {
  const before = new Map(context.previous.map((a) => [a.id, a]));
  const annotations: Annotation[] = [];
  for (const span of content.spans) {
    let fragments;
    try {
      fragments = span.ranges.map((range) => fragmentAt(context.text, range));
    } catch (error) {
      if (error instanceof InvalidRangeError) continue;
      throw error;
    }
    const old = before.get(span.id);
    const same = old && old.labelId === span.labelId && attributesKey(old.attributes) === attributesKey(span.attributes) && JSON.stringify(old.fragments) === JSON.stringify(fragments);
    if (same && old.contentHash === context.contentHash && !old.orphaned) {
      annotations.push(old);
      continue;
    }
    annotations.push({
      id: span.id,
      documentId: context.documentId,
      labelId: span.labelId,
      fragments,
      contentHash: context.contentHash,
      attributes: { ...span.attributes },
      note: '',
      author: context.curator,
      annotator: CURATED_ANNOTATOR,
      createdAt: old?.createdAt ?? context.now,
      updatedAt: context.now,
      orphaned: false,
    });
  }
  const present = new Set(annotations.map((a) => a.id));
  const linksBefore = new Map(context.previousLinks.map((l) => [l.id, l]));
  const links = content.links
    .filter((l) => present.has(l.source) && present.has(l.target))
    .map((spec): Link => {
      const old = linksBefore.get(spec.id);
      if (old) return old;
      const end = (annotationId: string) => ({ documentId: context.documentId, annotationId });
      return { id: spec.id, typeId: spec.typeId, source: end(spec.source), target: end(spec.target), note: '', author: context.curator, annotator: CURATED_ANNOTATOR, createdAt: context.now, updatedAt: context.now };
    });
  return { annotations: annotations.sort(compareInDocumentOrder), links };
}

/** The curated spans of a span disagreement decided with `choice`. */
function decidedSpans(item: Extract<CurationItem, { kind: 'span' }>, choice: CurationChoice, base: string): CuratedSpan[] {
  switch (choice.kind) {
    case 'none':
      return [];
    case 'annotator': {
      const span = item.versions.find((v) => v.annotator === choice.annotator)?.span;
      if (!span) return [];
      const sources = item.versions.filter((v) => v.span && sameSpan(v.span, span)).map((v) => v.annotator);
      return [spanOf(`${base}-0`, item.unitId, span, sources)];
    }
    case 'all': {
      const distinct: { span: VersionSpan; sources: string[] }[] = [];
      for (const { annotator, span } of item.versions) {
        if (!span) continue;
        const known = distinct.find((d) => sameSpan(d.span, span));
        if (known) known.sources.push(annotator);
        else distinct.push({ span, sources: [annotator] });
      }
      // Most chosen first, so the first keeps the id a single choice would give.
      distinct.sort((a, b) => b.sources.length - a.sources.length);
      return distinct.map((d, n) => spanOf(`${base}-${n}`, item.unitId, d.span, d.sources));
    }
    case 'edit':
      return [{ id: `${base}-0`, unitId: item.unitId, labelId: choice.labelId!, ranges: choice.ranges!.map(({ start, end }) => ({ start, end })), attributes: { ...(choice.attributes ?? {}) }, sources: [] }];
  }
}

/** The attribute values of a settled span once its attribute disagreement is decided. */
function decidedValues(versions: readonly { annotator: string; attributes: AttributeValues | null }[], agreed: AttributeValues, choice: CurationChoice): AttributeValues {
  if (choice.kind === 'annotator') return versions.find((v) => v.annotator === choice.annotator)?.attributes ?? agreed;
  if (choice.kind === 'edit') return choice.attributes ?? agreed;
  return agreed;
}

/**
 * The curated links `given` makes between the curated spans of a pair's two units: each joins the
 * span of each unit most of the annotators who gave that link chose (else the first), from the first
 * unit to the second unless it is reversed. Its id is `cl-<digest of its ends and type>`.
 */
export function curatedLinksOf(versions: LinkVersions, given: readonly VersionLink[], first: readonly CuratedSpan[], second: readonly CuratedSpan[]): CuratedLinkSpec[] {
  return given.map((link) => {
    const supporters = versions.filter((v) => v.links.some((l) => linkKey(l) === linkKey(link))).map((v) => v.annotator);
    const [a, b] = [bestEnd(first, supporters), bestEnd(second, supporters)];
    const [source, target] = link.reversed ? [b, a] : [a, b];
    return { id: `cl-${digest(`${source.id}|${target.id}|${link.typeId}`)}`, typeId: link.typeId, source: source.id, target: target.id };
  });
}

/** The links of a link disagreement decided with `choice`. */
export function decidedLinks(versions: LinkVersions, choice: CurationChoice): VersionLink[] {
  switch (choice.kind) {
    case 'none':
      return [];
    case 'annotator':
      return versions.find((v) => v.annotator === choice.annotator)?.links ?? [];
    case 'all': {
      const all = new Map<string, VersionLink>();
      for (const v of versions) for (const link of v.links) all.set(linkKey(link), link);
      return [...all.values()];
    }
    case 'edit':
      return [{ typeId: choice.typeId!, reversed: choice.reversed ?? false }];
  }
}

/** The curated span a link joins in a unit: the one most of the link's annotators chose, else the first. */
function bestEnd(spans: readonly CuratedSpan[], supporters: readonly string[]): CuratedSpan {
  let best = spans[0]!;
  let bestCount = -1;
  for (const span of spans) {
    const count = span.sources.filter((s) => supporters.includes(s)).length;
    if (count > bestCount) [best, bestCount] = [span, count];
  }
  return best;
}

function spanOf(id: string, unitId: string, span: VersionSpan, sources: string[]): CuratedSpan {
  return { id, unitId, labelId: span.labelId, ranges: span.ranges.map(({ start, end }) => ({ start, end })), attributes: { ...span.attributes }, sources: [...sources] };
}

function sameSpan(a: VersionSpan, b: VersionSpan): boolean {
  return a.labelId === b.labelId && a.ranges.length === b.ranges.length && a.ranges.every((r, i) => r.start === b.ranges[i]!.start && r.end === b.ranges[i]!.end);
}

/** Each item once, the last given of each id. */
export function dedupeById<T extends { id: string }>(list: readonly T[]): T[] {
  return [...new Map(list.map((item) => [item.id, item])).values()];
}

/** Sixteen hex digits of the SHA-256 of `text`: short, stable ids made from long ones. */
function digest(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}
