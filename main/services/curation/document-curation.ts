import type { Annotation } from '../../../shared/model/annotation.js';
import type { CurationDecision, CurationPolicy } from '../../../shared/model/curation.js';
import { computeCuration, inCurationOrder, type Curation } from '../../../shared/curation/curation-items.js';
import { articleCurationOf, crossArticleItems, crossArticlePairs, type ArticleCuration, type CrossLinkPair } from '../../../shared/curation/cross-article-links.js';
import type { PolicyRule } from '../../../shared/curation/curation-policy.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { choicesOf, LinkFileReads, readCurationSource, storedCuration, type DocumentCurationSource } from './curation-sources.js';

/** The links across articles from or to a document, as curation computed them now. */
interface CrossCurationState {
  /** Every pair of units of this document and another some annotator linked. */
  pairs: CrossLinkPair[];
  /** The articles they join (this one included), each with its curation as kept. */
  articles: ArticleCuration[];
  /** Every decision kept about links across articles (of any article). */
  decisions: CurationDecision[];
}

/** One document's curation as computed now: what was read, what is kept, and what it makes. */
export interface ComputedCuration extends DocumentCurationSource {
  policy: PolicyRule;
  /** The policy as kept (absent: never set). */
  storedPolicy: CurationPolicy | undefined;
  /** The document's own decisions (those about links across articles are in `cross`). */
  decisions: CurationDecision[];
  /** What is to curate: its disagreements include the links across articles from or to it. */
  curation: Curation;
  cross: CrossCurationState;
  /** The document's annotations in the curated layer, as read for this computation. */
  curatedAnnotations: readonly Annotation[];
}

/**
 * Reads a document's layers and its kept curation, and computes what is to curate (under `policy`,
 * else the kept one): within the article, and its links across articles, for which every other
 * article they reach is read and computed under its own kept policy and decisions.
 */
export async function computeDocumentCuration(store: WorkspaceStore, documentId: string, policy?: PolicyRule): Promise<ComputedCuration> {
  // Each annotator's link file is read once, for this article and every other it reaches.
  const linkFiles = new LinkFileReads(store);
  const read = await readCurationSource(store, documentId, linkFiles);
  const kept = storedCuration(store, documentId);
  const rule = policy ?? kept.policy;
  const curation = computeCuration(read.source, rule);
  const curatedAnnotations = await store.curated.readAnnotations(documentId);
  const here = articleCuration(store, read, curation, rule, kept.decisions, curatedAnnotations);
  const across = read.source.links.filter((l) => l.source.documentId !== l.target.documentId);
  const others = [...new Set(across.flatMap((l) => [l.source.documentId, l.target.documentId]))]
    .filter((id) => id !== documentId && store.workspace.documents.some((d) => d.id === id))
    .sort();
  const articles = [here];
  for (const other of others) {
    const otherRead = await readCurationSource(store, other, linkFiles);
    const otherKept = storedCuration(store, other);
    const otherCurated = await store.curated.readAnnotations(other);
    articles.push(articleCuration(store, otherRead, computeCuration(otherRead.source, otherKept.policy), otherKept.policy, otherKept.decisions, otherCurated));
  }
  const pairs = crossArticlePairs(articles, across, store.workspace.linkTypes);
  const items = crossArticleItems(documentId, pairs, articles);
  return {
    ...read,
    policy: rule,
    storedPolicy: store.curated.linkLayer.curation?.[documentId]?.policy,
    decisions: kept.decisions,
    curation: items.length > 0 ? { ...curation, items: inCurationOrder([...curation.items, ...items]) } : curation,
    cross: { pairs, articles, decisions: store.curated.linkLayer.crossCuration?.decisions ?? [] },
    curatedAnnotations,
  };
}

/** An article's curation as links across articles read it. */
function articleCuration(
  store: WorkspaceStore,
  read: DocumentCurationSource,
  curation: Curation,
  policy: PolicyRule,
  decisions: CurationDecision[],
  curated: readonly Annotation[],
): ArticleCuration {
  const { documentId, text } = read.source;
  return articleCurationOf({
    documentId,
    title: store.requireDocument(documentId).title,
    text,
    policy,
    curation,
    decisions: choicesOf(decisions),
    curatedIds: new Set(curated.map((a) => a.id)),
  });
}
