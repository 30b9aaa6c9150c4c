import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import { testAnnotation } from '../model/annotation.test-support.js';
import type { CurationChoice } from '../model/curation.js';
import type { Link } from '../model/link.js';
import { fragmentAt } from '../text/text-quote.js';
import { curatedContent, curatedLayer } from './curated-layer.js';
import { articleCurationOf, crossArticleCuratedLinks, crossArticleItems, crossArticlePairs, curatedSpansByUnit, type ArticleCuration } from './cross-article-links.js';
import { computeCuration, inCurationOrder, type CurationItem, type CurationLayer, type LinkDisagreement } from './curation-items.js';
import type { PolicyRule } from './curation-policy.js';
import { articleCounts, countStates, crossLinkHoldsBack, itemStates, linkEndsProblem } from './curation-progress.js';

// Two outlets carry the same quote; annotators link their two spans of it (or not) across the articles.

const UNANIMOUS: PolicyRule = { kind: 'unanimous', fraction: 1 };
const MAJORITY: PolicyRule = { kind: 'majority', fraction: 0.5 };
const LINK_TYPES = [
  { id: 'same', directed: false },
  { id: 'supports', directed: true },
];
const TEXTS: Record<string, string> = {
  'doc-a': 'The minister said “we will cut taxes by 5 %” on Monday, to applause.',
  'doc-b': 'Reuters quoted the minister 👩‍👩‍👧: “we will cut taxes by 5 %”. Others heard 3 %.',
};
const TITLES: Record<string, string> = { 'doc-a': 'Minister promises cuts', 'doc-b': 'Reuters: a 5 % cut' };
const QUOTE = 'we will cut taxes by 5 %';

function span(documentId: string, annotator: string, phrase: string, labelId = 'quote'): Annotation {
  const text = TEXTS[documentId]!;
  const start = text.indexOf(phrase);
  return testAnnotation(`${annotator}-${documentId}-${start}`, [fragmentAt(text, { start, end: start + phrase.length })], { annotator, labelId, documentId });
}

function crossLink(annotator: string, source: Annotation, target: Annotation, typeId = 'same'): Link {
  return {
    id: `${annotator}-${source.id}-${target.id}`,
    typeId,
    source: { documentId: source.documentId, annotationId: source.id },
    target: { documentId: target.documentId, annotationId: target.id },
    note: '',
    author: annotator,
    annotator,
    createdAt: '',
    updatedAt: '',
  };
}

/** An article's curation: its layers computed under `policy`, with its own decisions, and its curated layer written (or not yet). */
function article(documentId: string, layers: CurationLayer[], policy: PolicyRule, written: boolean, decisions: ReadonlyMap<string, CurationChoice> = new Map()): ArticleCuration {
  const text = TEXTS[documentId]!;
  const curation = computeCuration({ documentId, text, layers, links: [], linkTypes: LINK_TYPES }, policy);
  const context = { documentId, contentHash: 'sha256:x', text, curator: 'Cy', now: '2026-12-10T10:00:00.000Z', previous: [], previousLinks: [] };
  const curatedIds = new Set(written ? curatedLayer(curatedContent(curation, decisions), context).annotations.map((a) => a.id) : []);
  return articleCurationOf({ documentId, title: TITLES[documentId]!, text, policy, curation, decisions, curatedIds });
}

/** Each annotator's spans of the quote in both articles (and, for `split`, a longer one in the first). */
function layersOf(annotators: readonly string[], longer: readonly string[] = []) {
  const spans = new Map(annotators.map((a) => [a, { a: span('doc-a', a, longer.includes(a) ? `${QUOTE}” on Monday` : QUOTE), b: span('doc-b', a, QUOTE) }]));
  const layers = (documentId: 'doc-a' | 'doc-b') => annotators.map((annotator) => ({ annotator, annotations: [spans.get(annotator)![documentId === 'doc-a' ? 'a' : 'b']] }));
  return { spans, a: layers('doc-a'), b: layers('doc-b') };
}

/** Everything computed for `documentId` as the services do: its items with those across articles, their states and counts. */
function curate(documentId: string, articles: ArticleCuration[], links: readonly Link[], decisions: ReadonlyMap<string, CurationChoice>) {
  const pairs = crossArticlePairs(articles, links, LINK_TYPES);
  const here = articles.find((a) => a.documentId === documentId)!;
  const items = inCurationOrder([...here.curation.items, ...crossArticleItems(documentId, pairs, articles)]);
  const states = itemStates(items, decisions);
  return { pairs, items, states, counts: countStates(states) };
}

/** The curated links across articles the pairs make between the articles' curated layers as written. */
function curatedLinks(articles: ArticleCuration[], links: readonly Link[], decisions: ReadonlyMap<string, CurationChoice>) {
  const pairs = crossArticlePairs(articles, links, LINK_TYPES);
  const held = new Map(articles.map((a) => [a.documentId, curatedSpansByUnit(curatedContent(a.curation, a.decisions).spans, a.curatedIds)]));
  return crossArticleCuratedLinks(pairs, decisions, (end) => held.get(end.documentId)?.get(end.unitId));
}

/** The item as a link disagreement (failing the test when it is not one). */
function asLink(item: CurationItem | undefined): LinkDisagreement {
  if (item?.kind !== 'link') throw new Error(`a link disagreement was expected, not ${item?.kind ?? 'nothing'}`);
  return item;
}

describe('links across articles in curation', () => {
  it('waits for the other article, is then settled once for both articles, and is taken back', () => {
    const { spans, a, b } = layersOf(['ann', 'bob']);
    const links = [crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b)];
    // Neither article's curated layer is written yet: each sees the link wait for the other.
    let articles = [article('doc-a', a, UNANIMOUS, false), article('doc-b', b, UNANIMOUS, false)];
    const fromA = curate('doc-a', articles, links, new Map());
    expect(fromA.items).toHaveLength(1);
    const item = asLink(fromA.items[0]);
    expect(item.ends.map((e) => [e.article?.title ?? 'here', e.text, e.ahead])).toEqual([
      ['here', QUOTE, 'kept'],
      [TITLES['doc-b'], QUOTE, null],
    ]);
    expect(item.versions.map((v) => [v.annotator, v.links])).toEqual([
      ['ann', [{ typeId: 'same', reversed: false }]],
      ['bob', []],
    ]);
    expect(fromA.states.get(item.id)).toBe('elsewhere');
    // Waiting for the other article does not hold this one back.
    expect(fromA.counts).toEqual({ done: 0, left: 0, waiting: 0, moot: 0, elsewhere: 1 });
    expect(linkEndsProblem(item, fromA.states)).toBe(`Curate “${TITLES['doc-b']}” first: this link’s span there “${QUOTE}” is not in its curated layer yet.`);
    // A long span is quoted cut after a whole word.
    const long = { ...item, ends: [item.ends[0], { ...item.ends[1], text: `${'word '.repeat(20)}and more` }] as typeof item.ends };
    expect(linkEndsProblem(long, fromA.states)).toBe(`Curate “${TITLES['doc-b']}” first: this link’s span there “${'word '.repeat(11)}word…” is not in its curated layer yet.`);

    // Both written: the same item (the same id) is open in both articles.
    articles = [article('doc-a', a, UNANIMOUS, true), article('doc-b', b, UNANIMOUS, true)];
    const [nowA, nowB] = [curate('doc-a', articles, links, new Map()), curate('doc-b', articles, links, new Map())];
    expect(nowB.items.map((i) => i.id)).toEqual([item.id]);
    expect(nowA.states.get(item.id)).toBe('open');
    expect(nowA.counts.left).toBe(1);
    // Once an article is marked curated, the open link holds back only the other one (and still counts as decided here once settled).
    const doneA = { documentId: 'doc-a', status: 'done' as const, updatedAt: '2026-12-10T10:00:00.000Z' };
    const curatingB = { documentId: 'doc-b', status: 'in-progress' as const, updatedAt: '2026-12-10T09:00:00.000Z' };
    expect(articleCounts(nowA.items, nowA.states, doneA, [curatingB])).toEqual({ done: 0, left: 0, waiting: 0, moot: 0, elsewhere: 1 });
    expect(articleCounts(nowB.items, nowB.states, curatingB, [doneA])).toEqual(nowB.counts);
    expect(curatedLinks(articles, links, new Map())).toEqual([]);

    // Decided once (from either article), seen as decided in both; the curated link joins the two curated spans.
    const decided = new Map<string, CurationChoice>([[item.id, { kind: 'annotator', annotator: 'ann' }]]);
    expect(curate('doc-a', articles, links, decided).states.get(item.id)).toBe('decided');
    expect(curate('doc-b', articles, links, decided).counts).toEqual({ done: 1, left: 0, waiting: 0, moot: 0, elsewhere: 0 });
    const made = curatedLinks(articles, links, decided);
    expect(made.map((l) => [l.typeId, l.sourceDocumentId, l.targetDocumentId])).toEqual([['same', 'doc-a', 'doc-b']]);
    expect(made[0]!.source).toMatch(/^cu-[0-9a-f]{16}-0$/);
    expect([...articles[0]!.curatedIds]).toContain(made[0]!.source);
    expect([...articles[1]!.curatedIds]).toContain(made[0]!.target);

    // Undo: the decision taken back, open again in both, no curated link; decided again, the very same link.
    expect(curate('doc-b', articles, links, new Map()).states.get(item.id)).toBe('open');
    expect(curatedLinks(articles, links, new Map())).toEqual([]);
    expect(curatedLinks(articles, links, decided)).toEqual(made);
    // None: no link.
    expect(curatedLinks(articles, links, new Map([[item.id, { kind: 'none' }]]))).toEqual([]);
  });

  it('gives the same pairs, ids and items however articles, layers, annotations and links are ordered', () => {
    const { spans, a, b } = layersOf(['ann', 'bob', 'cy'], ['bob']);
    const links = [
      crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b),
      crossLink('bob', spans.get('bob')!.b, spans.get('bob')!.a, 'supports'),
      crossLink('cy', spans.get('cy')!.a, spans.get('cy')!.b, 'supports'),
    ];
    const forward = [article('doc-a', a, UNANIMOUS, true), article('doc-b', b, UNANIMOUS, true)];
    const backward = [article('doc-b', [...b].reverse(), UNANIMOUS, true), article('doc-a', [...a].reverse(), UNANIMOUS, true)];
    const one = curate('doc-a', forward, links, new Map());
    const other = curate('doc-a', backward, [...links].reverse(), new Map());
    expect(other.pairs).toEqual(one.pairs);
    expect(other.items).toEqual(one.items);
    // From the other article the pair has the same id and the same versions; its ends say which article is the other.
    const fromB = curate('doc-b', forward, links, new Map());
    const crossA = asLink(one.items.find((i) => i.id.startsWith('xlink:')));
    const crossB = asLink(fromB.items.find((i) => i.id.startsWith('xlink:')));
    expect(crossB.id).toBe(crossA.id);
    expect(crossB.versions).toEqual(crossA.versions);
    // Bob's link goes from the second end to the first: reversed, as a directed type.
    expect(crossA.versions.map((v) => v.links)).toEqual([[{ typeId: 'same', reversed: false }], [{ typeId: 'supports', reversed: true }], [{ typeId: 'supports', reversed: false }]]);
    // The link comes after the span of its end in this article (Bob's longer span there is a disagreement).
    expect(one.items.map((i) => i.kind)).toEqual(['span', 'link']);
    expect(one.states.get(crossA.id)).toBe('waiting');
  });

  it('is waiting while its end in this article is a disagreement, then open once that span is decided', () => {
    const { spans, a, b } = layersOf(['ann', 'bob'], ['bob']);
    const links = [crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b), crossLink('bob', spans.get('bob')!.a, spans.get('bob')!.b, 'supports')];
    const articles = [article('doc-a', a, UNANIMOUS, false), article('doc-b', b, UNANIMOUS, true)];
    const first = curate('doc-a', articles, links, new Map());
    const [spanItem, linkItem] = first.items;
    expect(first.states.get(linkItem!.id)).toBe('waiting');
    expect(first.counts).toEqual({ done: 0, left: 2, waiting: 1, moot: 0, elsewhere: 0 });
    const keepBob = new Map<string, CurationChoice>([[spanItem!.id, { kind: 'annotator', annotator: 'bob' }]]);
    expect(curate('doc-a', articles, links, keepBob).states.get(linkItem!.id)).toBe('open');
    const leaveOut = new Map<string, CurationChoice>([[spanItem!.id, { kind: 'none' }]]);
    expect(curate('doc-a', articles, links, leaveOut).states.get(linkItem!.id)).toBe('moot');
  });

  it('merges ahead what both articles’ policies let through, and asks when one of them does not', () => {
    const { spans, a, b } = layersOf(['ann', 'bob', 'cy']);
    const links = ['ann', 'bob'].map((who) => crossLink(who, spans.get(who)!.a, spans.get(who)!.b, 'supports'));
    const majority = [article('doc-a', a, MAJORITY, true), article('doc-b', b, MAJORITY, true)];
    const merged = curate('doc-b', majority, links, new Map());
    expect(merged.items).toEqual([]);
    expect(merged.pairs.map((p) => p.ahead)).toEqual([[{ typeId: 'supports', reversed: false }]]);
    expect(curatedLinks(majority, links, new Map()).map((l) => [l.typeId, l.sourceDocumentId, l.targetDocumentId])).toEqual([['supports', 'doc-a', 'doc-b']]);
    // Not until the other article's curated layer holds its span.
    expect(curatedLinks([majority[0]!, article('doc-b', b, MAJORITY, false)], links, new Map())).toEqual([]);
    // One article unanimous: the pair is a disagreement in both.
    const mixed = [article('doc-a', a, MAJORITY, true), article('doc-b', b, UNANIMOUS, true)];
    expect(curate('doc-a', mixed, links, new Map()).items.map((i) => i.kind)).toEqual(['link']);
    expect(curate('doc-b', mixed, links, new Map()).counts.left).toBe(1);
  });

  it('leaves out a link of someone who took part in only one of the articles, and a link whose end the policy left out', () => {
    const { spans, a, b } = layersOf(['ann', 'bob']);
    const dee = span('doc-a', 'dee', QUOTE);
    const links = [crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b), crossLink('dee', dee, spans.get('bob')!.b)];
    const articles = [article('doc-a', [...a, { annotator: 'dee', annotations: [dee] }], MAJORITY, true), article('doc-b', b, MAJORITY, true)];
    const { pairs } = curate('doc-a', articles, links, new Map());
    expect(pairs.map((p) => p.versions.map((v) => v.annotator))).toEqual([['ann', 'bob']]);
    // In the second article only Ana marked the quote and Bob and Cy nothing: the majority leaves it out, so the link is no question.
    const leftOut = [article('doc-a', a, MAJORITY, true), article('doc-b', [b[0]!, { annotator: 'bob', annotations: [] }, { annotator: 'cy', annotations: [] }], MAJORITY, true)];
    expect(curate('doc-a', leftOut, links, new Map()).items).toEqual([]);
    expect(curatedLinks(leftOut, links, new Map([[pairs[0]!.id, { kind: 'all' }]]))).toEqual([]);
  });

  it('holds back exactly one article when two curators each marked one curated before the other’s curated layer existed', () => {
    const { spans, a, b } = layersOf(['ann', 'bob']);
    const links = [crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b)];
    // After the sync, both curated layers are written and both articles are marked curated: the link is open in both.
    const articles = [article('doc-a', a, UNANIMOUS, true), article('doc-b', b, UNANIMOUS, true)];
    const [fromA, fromB] = [curate('doc-a', articles, links, new Map()), curate('doc-b', articles, links, new Map())];
    const [item] = fromA.items;
    expect([fromA.states.get(item!.id), fromB.states.get(item!.id)]).toEqual(['open', 'open']);
    const counts = (doneA: string, doneB: string) => {
      const [standA, standB] = [
        { documentId: 'doc-a', status: 'done' as const, updatedAt: doneA },
        { documentId: 'doc-b', status: 'done' as const, updatedAt: doneB },
      ];
      return [articleCounts(fromA.items, fromA.states, standA, [standB]), articleCounts(fromB.items, fromB.states, standB, [standA])];
    };
    const heldBack = { done: 0, left: 1, waiting: 0, moot: 0, elsewhere: 0 };
    const notHeldBack = { done: 0, left: 0, waiting: 0, moot: 0, elsewhere: 1 };
    // Cy marked the first article curated at 10:00, Dee the second at 10:05: the second (marked later) is held back.
    expect(counts('2026-12-10T10:00:00.000Z', '2026-12-10T10:05:00.000Z')).toEqual([notHeldBack, heldBack]);
    // The other way round, the first.
    expect(counts('2026-12-10T10:05:00.000Z', '2026-12-10T10:00:00.000Z')).toEqual([heldBack, notHeldBack]);
    // Marked at the same moment: the later document id.
    expect(counts('2026-12-10T10:00:00.000Z', '2026-12-10T10:00:00.000Z')).toEqual([notHeldBack, heldBack]);
    // An article not marked curated is always the one held back; neither marked: both are.
    const stand = (documentId: string, status: 'done' | 'in-progress') => ({ documentId, status, updatedAt: '2026-12-10T11:00:00.000Z' });
    expect([crossLinkHoldsBack(stand('doc-a', 'in-progress'), stand('doc-b', 'done')), crossLinkHoldsBack(stand('doc-b', 'done'), stand('doc-a', 'in-progress'))]).toEqual([true, false]);
    expect([crossLinkHoldsBack(stand('doc-a', 'in-progress'), stand('doc-b', 'in-progress')), crossLinkHoldsBack(stand('doc-b', 'in-progress'), stand('doc-a', 'in-progress'))]).toEqual([true, true]);
    // An article the view was not told about counts as not started.
    expect(articleCounts(fromA.items, fromA.states, stand('doc-a', 'done'), [])).toEqual(notHeldBack);
  });

  it('is moot in this article once the other article’s curation left its end out', () => {
    const { spans, a, b } = layersOf(['ann', 'bob']);
    const links = [crossLink('ann', spans.get('ann')!.a, spans.get('ann')!.b)];
    // Bob did not mark the quote in the second article: there it is a span disagreement, decided as "none".
    const onlyAnn = b.map((layer) => (layer.annotator === 'bob' ? { ...layer, annotations: [] } : layer));
    const spanItem = article('doc-b', onlyAnn, UNANIMOUS, false).curation.items.find((i) => i.kind === 'span')!;
    const leftOut = new Map<string, CurationChoice>([[spanItem.id, { kind: 'none' }]]);
    const articles = [article('doc-a', a, UNANIMOUS, true), article('doc-b', onlyAnn, UNANIMOUS, true, leftOut)];
    const fromA = curate('doc-a', articles, links, new Map());
    const item = asLink(fromA.items[0]);
    expect(item.ends.map((e) => [e.article?.documentId ?? 'here', e.ahead])).toEqual([
      ['here', 'kept'],
      ['doc-b', 'none'],
    ]);
    expect(fromA.states.get(item.id)).toBe('moot');
    expect(fromA.counts).toEqual({ done: 0, left: 0, waiting: 0, moot: 1, elsewhere: 0 });
    expect(linkEndsProblem(item, fromA.states)).toBe('One end of this link was left out of the curated layer, so the link cannot be curated.');
    // Taken by an annotator there instead (kept), the same end is curated and the link is open.
    const kept = new Map<string, CurationChoice>([[spanItem.id, { kind: 'annotator', annotator: 'ann' }]]);
    const keptArticles = [articles[0]!, article('doc-b', onlyAnn, UNANIMOUS, true, kept)];
    const again = curate('doc-a', keptArticles, links, new Map());
    expect([asLink(again.items[0]).ends[1].ahead, again.states.get(item.id)]).toEqual(['kept', 'open']);
  });
});
