import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { CurationProgress } from '../../../shared/api/contract/index.js';
import { statusOf, type WorkStatus } from '../../../shared/model/assignment.js';
import type { CurationChoice, CurationDecision, CurationPolicy } from '../../../shared/model/curation.js';
import type { Link } from '../../../shared/model/link.js';
import { curatedContent, curatedLayer } from '../../../shared/curation/curated-layer.js';
import { computeCuration, type Curation, type CurationItem } from '../../../shared/curation/curation-items.js';
import { choiceProblem, countStates, itemStates } from '../../../shared/curation/curation-progress.js';
import type { PolicyRule } from '../../../shared/curation/curation-policy.js';
import { fragmentAt, InvalidRangeError } from '../../../shared/text/text-quote.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { choicesOf, readCurationSource, storedCuration, type DocumentCurationSource } from './curation-sources.js';

/** One document's curation as computed now: what was read, what is kept, and what it makes. */
export interface ComputedCuration extends DocumentCurationSource {
  policy: PolicyRule;
  /** The policy as kept (absent: never set). */
  storedPolicy: CurationPolicy | undefined;
  decisions: CurationDecision[];
  curation: Curation;
}

/** Reads a document's layers and its kept curation, and computes what is to curate (under `policy`, else the kept one). */
export async function computeDocumentCuration(store: WorkspaceStore, documentId: string, policy?: PolicyRule): Promise<ComputedCuration> {
  const read = await readCurationSource(store, documentId);
  const kept = storedCuration(store, documentId);
  const rule = policy ?? kept.policy;
  return {
    ...read,
    policy: rule,
    storedPolicy: store.curated.linkLayer.curation?.[documentId]?.policy,
    decisions: kept.decisions,
    curation: computeCuration(read.source, rule),
  };
}

/** What a change of a document's curation writes besides the curated layer: the policy, the decisions, the status. */
export interface CurationChange {
  policy: CurationPolicy | undefined;
  decisions: CurationDecision[];
  /** The status to set, or undefined to keep it (a first decision moves a not-started curation on). */
  status?: WorkStatus;
  now: string;
}

/**
 * Writes the curated layer of a document as the curation and the change make it: its annotations
 * first (each with the curator as author where it changed), then in one write of the curated link
 * file its links within the document, the policy, the decisions and the status. Resolves to where the
 * curation stands.
 */
export async function writeCuratedLayer(store: WorkspaceStore, computed: ComputedCuration, change: CurationChange): Promise<CurationProgress> {
  const { documentId } = computed.source;
  const meta = store.requireDocument(documentId);
  const choices = choicesOf(change.decisions);
  const counts = countStates(itemStates(computed.curation.items, choices));
  const inDocument = (l: Link) => l.source.documentId === documentId && l.target.documentId === documentId;
  const layer = curatedLayer(curatedContent(computed.curation, choices), {
    documentId,
    contentHash: meta.contentHash,
    text: computed.source.text,
    curator: store.annotator.name,
    now: change.now,
    previous: await store.curated.readAnnotations(documentId),
    previousLinks: store.curated.linkLayer.links.filter(inDocument),
  });
  const current = statusOf(store.curated.linkLayer.documentStatus, documentId);
  const status = change.status ?? (current === 'not-started' || (current === 'done' && counts.left > 0) ? 'in-progress' : current);
  await store.curated.updateAnnotations(documentId, () => layer.annotations);
  await store.curated.updateLinkLayer((file) => {
    file.links = [...file.links.filter((l) => !inDocument(l)), ...layer.links];
    file.curation = { ...file.curation, [documentId]: { ...(change.policy ? { policy: change.policy } : {}), decisions: change.decisions } };
    if (status !== current) file.documentStatus = { ...file.documentStatus, [documentId]: { status, updatedAt: change.now } };
  });
  return progressOf(store, documentId, change.decisions, computed.curation);
}

/** Where a document's curation stands: its decisions, the counts, its status, the curated layer's size. */
export async function progressOf(store: WorkspaceStore, documentId: string, decisions: CurationDecision[], curation: Curation): Promise<CurationProgress> {
  return {
    documentId,
    decisions,
    counts: countStates(itemStates(curation.items, choicesOf(decisions))),
    status: statusOf(store.curated.linkLayer.documentStatus, documentId),
    curatedAnnotations: (await store.curated.readAnnotations(documentId)).length,
  };
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
