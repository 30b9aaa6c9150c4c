import type { CurationView, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { statusEntryOf } from '../../../shared/model/assignment.js';
import type { CurationDecision } from '../../../shared/model/curation.js';
import { itemStates, linkEndsProblem } from '../../../shared/curation/curation-progress.js';
import { plural } from '../../../shared/text/plural.js';
import type { ServiceContext } from '../service-context.js';
import { choicesOf, policyToStore } from './curation-sources.js';
import { isCrossArticleId } from '../../../shared/curation/cross-article-links.js';
import { linkedStandings, progressOf, refuseUnfitChoice, writeCuratedLayer } from './curated-layer-writing.js';
import { computeDocumentCuration, type ComputedCuration } from './document-curation.js';

/** The curation domain: open an article's curation, set its policy, settle its disagreements, mark it curated. */
export type CurationService = Pick<WorkbenchApi, 'openCuration' | 'applyCurationPolicy' | 'settleDisagreement' | 'setCurationStatus' | 'listCurationStatuses'>;

/**
 * The curation services of the workspace in `context`. Whoever curates writes the curated layer;
 * the persons' layers are only read. Changes of curation run one at a time (each reads the layers,
 * computes, and writes the curated layer whole for its article), so two quick keys never interleave.
 */
export function curationService({ store, now }: ServiceContext): CurationService {
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const viewOf = async (computed: ComputedCuration): Promise<CurationView> => {
    const { curation } = computed;
    return {
      ...(await progressOf(store, computed, computed.decisions, computed.cross.decisions)),
      annotators: computed.annotators,
      policy: computed.policy,
      units: curation.units.length,
      mergedAhead: curation.ahead.size,
      mergedAheadLinks: [...curation.linkPairs, ...computed.cross.pairs].filter((p) => p.ahead !== undefined).length,
      items: curation.items,
      linkedStatuses: linkedStandings(store, computed),
    };
  };
  return {
    async openCuration({ documentId }) {
      return viewOf(await computeDocumentCuration(store, documentId));
    },

    applyCurationPolicy: ({ documentId, policy }) =>
      oneAtATime(async () => {
        const at = now().toISOString();
        const stored = policyToStore(policy, at);
        const computed = await computeDocumentCuration(store, documentId, stored);
        await writeCuratedLayer(store, computed, { policy: stored, decisions: computed.decisions, now: at });
        return viewOf({ ...computed, policy: { kind: stored.kind, fraction: stored.fraction }, storedPolicy: stored });
      }),

    settleDisagreement: ({ documentId, itemId, choice }) =>
      oneAtATime(async () => {
        const computed = await computeDocumentCuration(store, documentId);
        const item = computed.curation.items.find((i) => i.id === itemId);
        const at = now().toISOString();
        // A link across articles is decided once for both: its decision is kept apart from either article's.
        const across = isCrossArticleId(itemId);
        const kept = across ? computed.decisions : computed.decisions.filter((d) => d.id !== itemId);
        const keptAcross = across ? computed.cross.decisions.filter((d) => d.id !== itemId) : computed.cross.decisions;
        const write = (decision: CurationDecision | null) =>
          writeCuratedLayer(store, computed, {
            policy: computed.storedPolicy,
            decisions: across || !decision ? kept : [...kept, decision],
            ...(across ? { crossChange: { id: itemId, decision } } : {}),
            now: at,
          });
        if (!item) {
          // Taking back a decision about a disagreement that is gone (the layers changed) only forgets it.
          if (choice === null) return write(null);
          throw new WorkbenchError('not-found', 'That disagreement is no longer there: the layers changed since Curate was opened. Open it again.');
        }
        if (choice !== null) {
          refuseUnfitChoice(store, item, choice, computed.source.text);
          const ends = item.kind === 'link' ? linkEndsProblem(item, itemStates(computed.curation.items, choicesOf([...kept, ...keptAcross]))) : null;
          if (ends) throw new WorkbenchError('conflict', ends);
        }
        return write(choice === null ? null : { id: itemId, choice, curatorId: store.annotator.id, curator: store.annotator.name, updatedAt: at });
      }),

    setCurationStatus: ({ documentId, status }) =>
      oneAtATime(async () => {
        const computed = await computeDocumentCuration(store, documentId);
        const { left } = (await progressOf(store, computed, computed.decisions, computed.cross.decisions)).counts;
        if (status === 'done' && left > 0) {
          throw new WorkbenchError('conflict', `${left} ${plural(left, 'disagreement')} ${left === 1 ? 'is' : 'are'} left to settle before this article is curated.`);
        }
        return writeCuratedLayer(store, computed, { policy: computed.storedPolicy, decisions: computed.decisions, status, now: now().toISOString() });
      }),

    async listCurationStatuses() {
      const statuses = store.curated.linkLayer.documentStatus;
      return store.workspace.documents.map((d) => {
        const entry = statusEntryOf(statuses, d.id);
        return { documentId: d.id, status: entry?.status ?? 'not-started', updatedAt: entry?.updatedAt ?? null };
      });
    },
  };
}
