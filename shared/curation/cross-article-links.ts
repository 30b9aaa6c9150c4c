/**
 * Curating links across articles: a link of an annotator between their annotation of one article and
 * their annotation of another (the same quote carried by two outlets, one outlet's number
 * contradicting another's). Each end is a unit of its own article's curation; the links of the
 * annotators who took part in both articles are grouped by the two units they join, as within an
 * article (`link-versions.ts`). What both articles' policies let through goes in ahead; every other
 * pair is a link disagreement shown in both articles' curations, decided once (the decision is kept
 * under the pair's id, the same from either side), and settled only once both its ends are curated
 * spans, each in its own article's curated layer. Pure and deterministic: the same layers give the
 * same pairs, ids and items however they are ordered.
 */
import type { UnitLink } from '../agreement/link-agreement.js';
import { memberKey } from '../agreement/span-alignment.js';
import type { CurationChoice } from '../model/curation.js';
import type { LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import { curatedContent, curatedLinksOf, decidedLinks, dedupeById, type CuratedLinkSpec, type CuratedSpan } from './curated-layer.js';
import { contextOf, unitText, type Curation, type LinkDisagreement, type LinkItemEnd } from './curation-items.js';
import { compareText } from '../text/compare-text.js';
import type { PolicyRule } from './curation-policy.js';
import { keepsSomething } from './curation-progress.js';
import { linksAhead, linkVersionsByUnitPair, type LinkVersions, type VersionLink } from './link-versions.js';

/** What an article's curation is made from, as links across articles read it (`articleCurationOf` adds what follows). */
export interface ArticleCurationInput {
  documentId: string;
  title: string;
  text: string;
  policy: PolicyRule;
  curation: Curation;
  /** The article's own decisions, by disagreement id. */
  decisions: ReadonlyMap<string, CurationChoice>;
  /** The ids of the article's annotations in the curated layer as it is written. */
  curatedIds: ReadonlySet<string>;
}

/** One article's curation as links across articles read it. */
export interface ArticleCuration extends ArticleCurationInput {
  /** The curated spans its curated layer holds, by unit (computed once, on first use). */
  readonly curatedSpans: ReadonlyMap<string, readonly CuratedSpan[]>;
}

/** An article's curation as links across articles read it, its curated spans computed once when first asked for. */
export function articleCurationOf(input: ArticleCurationInput): ArticleCuration {
  let held: Map<string, CuratedSpan[]> | undefined;
  return {
    ...input,
    get curatedSpans() {
      return (held ??= curatedSpansByUnit(curatedContent(input.curation, input.decisions).spans, input.curatedIds));
    },
  };
}

/** One end of a pair across articles: a unit of an article's curation. */
export interface CrossEnd {
  documentId: string;
  unitId: string;
}

/** Two units of two articles some annotator linked, with each annotator's links and what the policies let through. */
export interface CrossLinkPair {
  /** `xlink:` and the JSON of both ends' `[document id, unit id]`, in code-unit order. */
  id: string;
  /** In the order of the id: a link from the second to the first is `reversed`. */
  ends: [CrossEnd, CrossEnd];
  /** The annotators who took part in both articles, sorted by id. */
  versions: LinkVersions;
  /** The links merged ahead ([] for "no link"), or undefined when it is a disagreement. */
  ahead: VersionLink[] | undefined;
}

/** A curated link across articles: its spec, and the article each end is in. */
export interface CuratedCrossLink extends CuratedLinkSpec {
  sourceDocumentId: string;
  targetDocumentId: string;
}

/** Whether a disagreement id names a link across articles. */
export function isCrossArticleId(id: string): boolean {
  return id.startsWith('xlink:');
}

/** Whether the decision id `id` is about a link across articles with an end in the document `documentId`. */
export function crossArticleIdNames(id: string, documentId: string): boolean {
  if (!isCrossArticleId(id)) return false;
  try {
    const ends = JSON.parse(id.slice('xlink:'.length)) as unknown;
    return Array.isArray(ends) && ends.some((end) => Array.isArray(end) && end[0] === documentId);
  } catch {
    return false;
  }
}

/**
 * Every pair of units in two different articles of `articles` some annotator linked, among the
 * annotators compared in both; a link of someone compared in only one, or an end that is in no unit
 * (left out, orphaned), is not read. A link type not in `linkTypes` counts as directed.
 */
export function crossArticlePairs(articles: readonly ArticleCuration[], links: readonly Link[], linkTypes: readonly Pick<LinkType, 'id' | 'directed'>[]): CrossLinkPair[] {
  const byId = new Map(articles.map((a) => [a.documentId, a]));
  const unitOf = new Map<string, Map<string, string>>();
  for (const article of articles) {
    const units = new Map<string, string>();
    for (const unit of article.curation.units) for (const member of unit.members) units.set(memberKey(member), unit.id);
    unitOf.set(article.documentId, units);
  }
  const keyOf = (end: CrossEnd) => JSON.stringify([end.documentId, end.unitId]);
  // The links grouped by the two articles they join, each link on unit keys.
  const byArticles = new Map<string, { annotators: string[]; linksOf: UnitLink[][] }>();
  for (const link of links) {
    const [from, to] = [link.source.documentId, link.target.documentId];
    const [a, b] = [byId.get(from), byId.get(to)];
    if (from === to || !a || !b) continue;
    const source = unitOf.get(from)!.get(`${link.annotator}/${link.source.annotationId}`);
    const target = unitOf.get(to)!.get(`${link.annotator}/${link.target.annotationId}`);
    if (source === undefined || target === undefined) continue;
    const group = JSON.stringify([from, to].sort(compareText));
    let entry = byArticles.get(group);
    if (!entry) {
      const annotators = a.curation.annotators.filter((x) => b.curation.annotators.includes(x)).sort(compareText);
      entry = { annotators, linksOf: annotators.map(() => []) };
      byArticles.set(group, entry);
    }
    const side = entry.annotators.indexOf(link.annotator);
    if (side >= 0) entry.linksOf[side]!.push({ source: keyOf({ documentId: from, unitId: source }), target: keyOf({ documentId: to, unitId: target }), typeId: link.typeId });
  }
  const directed = new Map(linkTypes.map((t) => [t.id, t.directed]));
  const pairs: CrossLinkPair[] = [];
  for (const { annotators, linksOf } of byArticles.values()) {
    // Ends in code-unit order of their keys, the same from either article.
    for (const { ends, versions } of linkVersionsByUnitPair(annotators, linksOf, directed, compareText)) {
      const [first, second] = ends.map((key) => {
        const [documentId, unitId] = JSON.parse(key) as [string, string];
        return { documentId, unitId };
      }) as [CrossEnd, CrossEnd];
      const policies = [byId.get(first.documentId)!.policy, byId.get(second.documentId)!.policy];
      pairs.push({ id: `xlink:[${ends[0]},${ends[1]}]`, ends: [first, second], versions, ahead: linksAhead(versions, policies) });
    }
  }
  return pairs.sort((x, y) => compareText(x.id, y.id));
}

/**
 * The link disagreements across articles of the article `documentId`: each pair with an end in it that
 * no policy settled, unless a policy left an end out. Its end in another article says which article
 * that is, and whether its curated layer holds the end (`kept`), its curation left it out (`none`), or
 * it is not curated there yet (null). The item is placed at its end in this article.
 */
export function crossArticleItems(documentId: string, pairs: readonly CrossLinkPair[], articles: readonly ArticleCuration[]): LinkDisagreement[] {
  const byId = new Map(articles.map((a) => [a.documentId, a]));
  const here = byId.get(documentId);
  if (!here) return [];
  const outcomes = new Map<string, Map<string, 'kept' | 'none' | null>>();
  const outcomeElsewhere = (article: ArticleCuration, unitId: string) => {
    let known = outcomes.get(article.documentId);
    if (!known) outcomes.set(article.documentId, (known = curatedOutcomes(article)));
    return known.get(unitId) ?? null;
  };
  const items: LinkDisagreement[] = [];
  for (const pair of pairs) {
    if (pair.ahead || !pair.ends.some((e) => e.documentId === documentId)) continue;
    const ends = pair.ends.map((end): LinkItemEnd | null => {
      const article = byId.get(end.documentId)!;
      const unit = article.curation.units.find((u) => u.id === end.unitId)!;
      const settled = article.curation.ahead.get(end.unitId);
      if (settled === null) return null;
      const base = { unitId: end.unitId, start: unit.start, end: unit.end, text: unitText(article.text, unit) };
      if (end.documentId === documentId) return { ...base, ahead: settled ? 'kept' : null };
      return { ...base, ahead: outcomeElsewhere(article, end.unitId), article: { documentId: article.documentId, title: article.title } };
    });
    const [first, second] = ends;
    if (!first || !second) continue;
    const local = first.article ? second : first;
    items.push({ kind: 'link', id: pair.id, start: local.start, end: local.end, context: contextOf(here.text, local.start, local.end), ends: [first, second], versions: pair.versions });
  }
  return items;
}

/**
 * The curated links across articles the pairs make: what the policies let through, else the
 * decision, between the curated spans of both ends (`spansOf`: those of a unit the curated layer holds,
 * or none). Decisions that do not fit their disagreement are to be left out by the caller.
 */
export function crossArticleCuratedLinks(
  pairs: readonly CrossLinkPair[],
  choices: ReadonlyMap<string, CurationChoice>,
  spansOf: (end: CrossEnd) => readonly CuratedSpan[] | undefined,
): CuratedCrossLink[] {
  const links: CuratedCrossLink[] = [];
  for (const pair of pairs) {
    const choice = choices.get(pair.id);
    const given = pair.ahead ?? (choice ? decidedLinks(pair.versions, choice) : []);
    const [first, second] = pair.ends.map(spansOf);
    if (!first?.length || !second?.length || given.length === 0) continue;
    const documentOf = new Map([...first.map((s) => [s.id, pair.ends[0].documentId] as const), ...second.map((s) => [s.id, pair.ends[1].documentId] as const)]);
    for (const spec of curatedLinksOf(pair.versions, given, first, second)) {
      links.push({ ...spec, sourceDocumentId: documentOf.get(spec.source)!, targetDocumentId: documentOf.get(spec.target)! });
    }
  }
  return dedupeById(links);
}

/** The curated spans of an article its curated layer holds, by unit. */
export function curatedSpansByUnit(spans: readonly CuratedSpan[], present: ReadonlySet<string>): Map<string, CuratedSpan[]> {
  const byUnit = new Map<string, CuratedSpan[]>();
  for (const span of spans) {
    if (!present.has(span.id)) continue;
    const list = byUnit.get(span.unitId) ?? [];
    list.push(span);
    byUnit.set(span.unitId, list);
  }
  return byUnit;
}

/** What an article's curation made of each of its units, as a link end in another article sees it. */
function curatedOutcomes(article: ArticleCuration): Map<string, 'kept' | 'none' | null> {
  const held = article.curatedSpans;
  const outcomes = new Map<string, 'kept' | 'none' | null>();
  for (const unit of article.curation.units) outcomes.set(unit.id, held.has(unit.id) ? 'kept' : null);
  for (const item of article.curation.items) {
    const choice = article.decisions.get(item.id);
    if (item.kind === 'span' && choice && !held.has(item.unitId) && !keepsSomething(item, choice)) outcomes.set(item.unitId, 'none');
  }
  return outcomes;
}
