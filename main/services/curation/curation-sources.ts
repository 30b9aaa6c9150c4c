import type { Annotator } from '../../../shared/api/contract/index.js';
import { statusOf } from '../../../shared/model/assignment.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import { DEFAULT_CURATION_POLICY, type CurationChoice, type CurationDecision, type CurationPolicy } from '../../../shared/model/curation.js';
import type { Link } from '../../../shared/model/link.js';
import type { CurationLayer, CurationSource } from '../../../shared/curation/curation-items.js';
import type { PolicyRule } from '../../../shared/curation/curation-policy.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { LinkLayerFile } from '../../../shared/model/workspace.js';
import { StoreFileError } from '../../storage/index.js';
import { readLinkLayerFile } from '../../workspace/layer-reading.js';
import { WORKSPACE_LAYOUT } from '../../workspace/workspace-layout.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { describeAnnotator, layerAnnotations, layersOf } from '../team/layer-queries.js';

/** What curation reads of a document: the persons' layers and their links from or to it (within it and across articles), and who they are. */
export interface DocumentCurationSource {
  source: CurationSource;
  /** The annotators compared, sorted by id (as `computeCuration` orders them). */
  annotators: Annotator[];
}

/** What curation reads of an annotator's link file: who they are, their links, their statuses. */
type AnnotatorLinks = Pick<LinkLayerFile, 'annotator' | 'links' | 'documentStatus'>;

/**
 * The annotators' link files as one computation of curation reads them: each file read once, when
 * first needed, however many articles the computation reads.
 */
export class LinkFileReads {
  private readonly files = new Map<string, Promise<AnnotatorLinks | null>>();

  constructor(private readonly store: WorkspaceStore) {}

  /** An annotator's link file (mine as the store holds it); null when they have none. Refused naming it when it cannot be used. */
  of(annotator: string): Promise<AnnotatorLinks | null> {
    const { store } = this;
    if (annotator === store.annotator.id) return Promise.resolve({ annotator: store.annotator, links: store.linkLayer.links, documentStatus: store.linkLayer.documentStatus });
    const known = this.files.get(annotator);
    if (known) return known;
    const file = readAnnotatorLinks(store, annotator);
    this.files.set(annotator, file);
    return file;
  }
}

/**
 * Every person's layer of a document, with their links, as curation compares them. A person takes
 * part when they annotated the document or marked their status of it (someone who read it and found
 * nothing to mark says so by marking it done); an empty file alone (the one an import makes for
 * whoever imported) does not count. The reserved `owner` takes part like anyone: its layer is a
 * person's work, made before they said who they are. The curated layer never does. Each person is
 * named as their link file names them (me as I am now).
 */
export async function readCurationSource(store: WorkspaceStore, documentId: string, linkFiles = new LinkFileReads(store)): Promise<DocumentCurationSource> {
  const meta = store.requireDocument(documentId);
  const layers: CurationLayer[] = [];
  const links: Link[] = [];
  const annotators: Annotator[] = [];
  for (const id of await layersOf(store, documentId)) {
    if (id === CURATED_ANNOTATOR) continue;
    const annotations = await layerAnnotations(store, documentId, id);
    const linkFile = await linkFiles.of(id);
    if (annotations.length === 0 && statusOf(linkFile?.documentStatus, documentId) === 'not-started') continue;
    layers.push({ annotator: id, annotations });
    links.push(...(linkFile?.links ?? []).filter((l) => l.annotator === id && (l.source.documentId === documentId || l.target.documentId === documentId)));
    annotators.push(describeAnnotator(store, linkFile?.annotator.id === id ? linkFile.annotator : { id, name: id, email: '' }));
  }
  const text = await store.readText(documentId);
  return { source: { documentId: meta.id, text, layers, links, linkTypes: store.workspace.linkTypes }, annotators };
}

/**
 * An annotator's link file as on disk (null: they have none). One that cannot be used is refused
 * naming it: read as absent, that annotator's links would vanish from the curation, and the next
 * write would drop the curated links they made.
 */
async function readAnnotatorLinks(store: WorkspaceStore, annotator: string): Promise<LinkLayerFile | null> {
  try {
    return await readLinkLayerFile(store.dir, annotator);
  } catch (error) {
    if (!(error instanceof StoreFileError)) throw error;
    throw new WorkbenchError(
      'storage',
      `${WORKSPACE_LAYOUT.links(annotator)}: ${error.reason}. Nothing was curated, because that annotator's links would be missing.`,
    );
  }
}

/** A document's curation as kept in the curated layer's link file: the policy and the decisions. */
export interface StoredCuration {
  policy: PolicyRule;
  decisions: CurationDecision[];
}

/** The curation kept for a document (the unanimous policy and no decisions when nothing was kept). */
export function storedCuration(store: WorkspaceStore, documentId: string): StoredCuration {
  const kept = store.curated.linkLayer.curation?.[documentId];
  const policy: PolicyRule = kept?.policy ? { kind: kept.policy.kind, fraction: kept.policy.fraction } : { ...DEFAULT_CURATION_POLICY };
  return { policy, decisions: kept?.decisions ?? [] };
}

/** The decisions as a map from disagreement id to choice. */
export function choicesOf(decisions: readonly CurationDecision[]): Map<string, CurationChoice> {
  return new Map(decisions.map((d) => [d.id, d.choice]));
}

/** The stored form of a policy rule, set now. */
export function policyToStore(rule: PolicyRule, now: string): CurationPolicy {
  return { kind: rule.kind, fraction: rule.kind === 'unanimous' ? 1 : rule.kind === 'majority' ? 0.5 : rule.fraction, updatedAt: now };
}
