import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { CurationProgress } from '../../../shared/api/contract/index.js';
import { statusEntryOf, statusOf, type WorkStatus } from '../../../shared/model/assignment.js';
import type { CurationChoice, CurationDecision, CurationPolicy } from '../../../shared/model/curation.js';
import type { Link } from '../../../shared/model/link.js';
import { curatedContent, curatedLayer, fittingDecisions, type CuratedSpan } from '../../../shared/curation/curated-layer.js';
import type { Curation, CurationItem } from '../../../shared/curation/curation-items.js';
import { crossArticleCuratedLinks, crossArticleIdNames, curatedSpansByUnit, type CuratedCrossLink } from '../../../shared/curation/cross-article-links.js';
import { articleCounts, choiceProblem, itemStates, type CurationStanding } from '../../../shared/curation/curation-progress.js';
import { fragmentAt, InvalidRangeError } from '../../../shared/text/text-quote.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { choicesOf } from './curation-sources.js';
import type { ComputedCuration } from './document-curation.js';

/** What a change of a document's curation writes besides the curated layer: the policy, the decisions, the status. */
export interface CurationChange {
  policy: CurationPolicy | undefined;
  decisions: CurationDecision[];
  /** The status to set, or undefined to keep it (a first decision moves a not-started curation on). */
  status?: WorkStatus;
  /** The decision about one link across articles that changed: `decision` replaces any kept under `id` (null: none kept). */
  crossChange?: CrossDecisionChange;
  now: string;
}

/** A change of the decision about one link across articles. */
export interface CrossDecisionChange {
  id: string;
  decision: CurationDecision | null;
}

/** The decisions about links across articles with `change` made: any under its id dropped, its decision added. */
function withCrossChange(decisions: readonly CurationDecision[], change: CrossDecisionChange | undefined): CurationDecision[] {
  if (!change) return [...decisions];
  return [...decisions.filter((d) => d.id !== change.id), ...(change.decision ? [change.decision] : [])];
}

/**
 * Writes the curated layer of a document as the curation and the change make it: its annotations
 * first (each with the curator as author where it changed), then in one write of the curated link
 * file its links within the document and across articles from or to it, the policy, the decisions
 * and the status. Resolves to where the curation stands.
 */
export async function writeCuratedLayer(store: WorkspaceStore, computed: ComputedCuration, change: CurationChange): Promise<CurationProgress> {
  const { documentId } = computed.source;
  const meta = store.requireDocument(documentId);
  const crossDecisions = withCrossChange(computed.cross.decisions, change.crossChange);
  const choices = choicesOf([...change.decisions, ...crossDecisions]);
  const touches = (l: Link) => l.source.documentId === documentId || l.target.documentId === documentId;
  const content = curatedContent(computed.curation, choices);
  const previousLinks = store.curated.linkLayer.links.filter(touches);
  const layer = curatedLayer(content, {
    documentId,
    contentHash: meta.contentHash,
    text: computed.source.text,
    curator: store.annotator.name,
    now: change.now,
    previous: computed.curatedAnnotations,
    previousLinks,
  });
  const across = crossLinksOf(computed, content.spans, new Set(layer.annotations.map((a) => a.id)), fittingDecisions(computed.curation.items, choices));
  const crossLinks = across.map((spec) => linkOfCrossSpec(spec, previousLinks, store.annotator.name, change.now));
  const current = statusOf(store.curated.linkLayer.documentStatus, documentId);
  const counts = articleCounts(computed.curation.items, itemStates(computed.curation.items, choices), standingOf(store, documentId), linkedStandings(store, computed));
  const status = change.status ?? (current === 'not-started' || (current === 'done' && counts.left > 0) ? 'in-progress' : current);
  await store.curated.updateAnnotations(documentId, () => layer.annotations);
  await store.curated.updateLinkLayer((file) => {
    file.links = [...file.links.filter((l) => !touches(l)), ...layer.links, ...crossLinks];
    file.curation = { ...file.curation, [documentId]: { ...(change.policy ? { policy: change.policy } : {}), decisions: change.decisions } };
    // Made on the list as it is now, not as computed: a sync since may have brought other decisions in.
    if (change.crossChange) file.crossCuration = { decisions: withCrossChange(file.crossCuration?.decisions ?? [], change.crossChange) };
    if (status !== current) file.documentStatus = { ...file.documentStatus, [documentId]: { status, updatedAt: change.now } };
  });
  return progressOf(store, computed, change.decisions, crossDecisions, layer.annotations.length);
}

/** The curated links across articles from or to the document: between its curated spans as now written and the other articles' as their curated layers hold them. */
function crossLinksOf(computed: ComputedCuration, spans: readonly CuratedSpan[], present: ReadonlySet<string>, choices: ReadonlyMap<string, CurationChoice>): CuratedCrossLink[] {
  const { documentId } = computed.source;
  const held = new Map<string, ReadonlyMap<string, readonly CuratedSpan[]>>([[documentId, curatedSpansByUnit(spans, present)]]);
  for (const article of computed.cross.articles) {
    if (article.documentId !== documentId) held.set(article.documentId, article.curatedSpans);
  }
  return crossArticleCuratedLinks(computed.cross.pairs, choices, (end) => held.get(end.documentId)?.get(end.unitId));
}

/** A curated link across articles as the link file keeps it (as it was, when it is the same link). */
function linkOfCrossSpec(spec: CuratedCrossLink, previous: readonly Link[], curator: string, now: string): Link {
  const old = previous.find((l) => l.id === spec.id);
  if (old && old.source.documentId === spec.sourceDocumentId && old.target.documentId === spec.targetDocumentId) return old;
  return {
    id: spec.id,
    typeId: spec.typeId,
    source: { documentId: spec.sourceDocumentId, annotationId: spec.source },
    target: { documentId: spec.targetDocumentId, annotationId: spec.target },
    note: '',
    author: curator,
    annotator: CURATED_ANNOTATOR,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Where a document's curation stands: its decisions with those about links across articles from or to it, the
 * counts, its status, the curated layer's size (`curatedAnnotations`: as computed, unless written since).
 */
export function progressOf(
  store: WorkspaceStore,
  computed: ComputedCuration,
  decisions: CurationDecision[],
  crossDecisions: readonly CurationDecision[],
  curatedAnnotations = computed.curatedAnnotations.length,
): CurationProgress {
  const { documentId } = computed.source;
  // Those about a link across articles no longer there are kept and returned, like the document's own, so they can be taken back.
  const all = [...decisions, ...crossDecisions.filter((d) => crossArticleIdNames(d.id, documentId))];
  const here = standingOf(store, documentId);
  return {
    documentId,
    decisions: all,
    counts: articleCounts(computed.curation.items, itemStates(computed.curation.items, choicesOf(all)), here, linkedStandings(store, computed)),
    status: here.status,
    statusUpdatedAt: here.updatedAt,
    curatedAnnotations,
  };
}

/** A document's curation status as the curated layer keeps it. */
function standingOf(store: WorkspaceStore, documentId: string): CurationStanding {
  const entry = statusEntryOf(store.curated.linkLayer.documentStatus, documentId);
  return { documentId, status: entry?.status ?? 'not-started', updatedAt: entry?.updatedAt ?? null };
}

/** The curation statuses of the other articles the document's links across articles reach. */
export function linkedStandings(store: WorkspaceStore, computed: ComputedCuration): CurationStanding[] {
  return computed.cross.articles.filter((a) => a.documentId !== computed.source.documentId).map((a) => standingOf(store, a.documentId));
}

/**
 * Refuses a choice that does not fit its disagreement, naming why: an annotator not compared, `all`
 * for attribute values, an edited span that does not fit the text (outside it, empty, overlapping,
 * splitting a character) or has no such label, an edited link of no such type.
 */
export function refuseUnfitChoice(store: WorkspaceStore, item: CurationItem, choice: CurationChoice, text: string): void {
  const problem = choiceProblem(item, choice);
  if (problem) throw new WorkbenchError('invalid-input', problem);
  if (choice.kind !== 'edit') return;
  if (item.kind === 'span') {
    const ranges = choice.ranges!;
    if (!store.workspace.labels.some((l) => l.id === choice.labelId)) throw new WorkbenchError('invalid-input', `There is no label “${choice.labelId}” in this workspace.`);
    if (ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) throw new WorkbenchError('invalid-input', 'The pieces of an edited span go in order and do not overlap.');
    try {
      for (const range of ranges) fragmentAt(text, range);
    } catch (error) {
      if (error instanceof InvalidRangeError) throw new WorkbenchError('invalid-input', `That edited span does not fit the article: ${error.message}.`);
      throw error;
    }
  }
  if (item.kind === 'link' && !store.workspace.linkTypes.some((t) => t.id === choice.typeId)) {
    throw new WorkbenchError('invalid-input', `There is no link type “${choice.typeId}” in this workspace.`);
  }
}
