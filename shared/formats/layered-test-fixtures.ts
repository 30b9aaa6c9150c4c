import type { Annotation } from '../model/annotation.js';
import { CURATED_ANNOTATOR, identityOf, type AnnotatorIdentity } from '../model/annotator.js';
import type { ClusterName, Link } from '../model/link.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { assignToAnnotator } from '../model/workspace-v1.js';
import { fragmentAt } from '../text/text-quote.js';
import { buildFixtureSnapshot, FIXTURE_TIME, rangeOf } from './test-fixtures.js';

/**
 * Test data for exports of several layers (not used by the app): the format tests' fixture as three
 * layers of one workspace. Ana's layer is the whole fixture (every document, link and a cluster
 * name); Bob's marks the first and third documents (an emoji span, a claim, a cross-document link
 * and a cluster name); the curated layer marks only the first document (two spans and a link).
 */
export const ANA: AnnotatorIdentity = identityOf({ name: 'Ana López', email: 'ana@example.org' });
/** Bob gave no email. */
export const BOB: AnnotatorIdentity = identityOf({ name: 'Bob Stone', email: '' });

/** Ids of the annotations and links of Bob's and the curated layer. */
export const LAYERED_IDS = {
  bobFact: 'b0b00000-0000-4000-8000-000000000001',
  bobClaim: 'b0b00000-0000-4000-8000-000000000002',
  bobPoliceFact: 'b0b00000-0000-4000-8000-000000000003',
  bobLink: 'b0b00000-0000-4000-8000-0000000000a1',
  curatedQuote: 'c0a70000-0000-4000-8000-000000000001',
  curatedFact: 'c0a70000-0000-4000-8000-000000000002',
  curatedLink: 'c0a70000-0000-4000-8000-0000000000a1',
  anaCluster: 'a0a00000-0000-4000-8000-0000000000c1',
  bobCluster: 'b0b00000-0000-4000-8000-0000000000c1',
} as const;

/** The three-layer snapshot, as a reader of every layer gives it (each document lists its layers). */
export function buildLayeredSnapshot(): WorkspaceSnapshot {
  const fixture = buildFixtureSnapshot();
  const [a, b, c] = fixture.documents as [DocumentSnapshot, DocumentSnapshot, DocumentSnapshot];
  const bob = BOB.id;
  const bobA = [span(a, LAYERED_IDS.bobFact, 'fact', 'confirmed 3 deaths 😢', bob), span(a, LAYERED_IDS.bobClaim, 'claim', 'Mayor Li said', bob)];
  const bobC = [span(c, LAYERED_IDS.bobPoliceFact, 'fact', 'three people died', bob)];
  const curatedA = [
    span(a, LAYERED_IDS.curatedQuote, 'quote', 'We will rebuild.', CURATED_ANNOTATOR),
    span(a, LAYERED_IDS.curatedFact, 'fact', 'confirmed 3 deaths 😢', CURATED_ANNOTATOR),
  ];
  const documents: DocumentSnapshot[] = [
    { ...a, annotations: [...assignToAnnotator(a.annotations, ANA.id), ...bobA, ...curatedA], layers: [ANA.id, bob, CURATED_ANNOTATOR].sort() },
    { ...b, annotations: assignToAnnotator(b.annotations, ANA.id), layers: [ANA.id] },
    { ...c, annotations: [...assignToAnnotator(c.annotations, ANA.id), ...bobC], layers: [ANA.id, bob].sort() },
  ];
  const links: Link[] = [
    ...assignToAnnotator(fixture.links, ANA.id),
    link(LAYERED_IDS.bobLink, 'same', bobA[0]!, bobC[0]!, bob),
    link(LAYERED_IDS.curatedLink, 'supports', curatedA[1]!, curatedA[0]!, CURATED_ANNOTATOR),
  ];
  const clusterNames: ClusterName[] = [
    cluster(LAYERED_IDS.anaCluster, 'Rebuild pledge', ['a1000000-0000-4000-8000-000000000002', 'b1000000-0000-4000-8000-000000000002'], ANA.id),
    cluster(LAYERED_IDS.bobCluster, 'Police toll', [LAYERED_IDS.bobFact, LAYERED_IDS.bobPoliceFact], bob),
  ];
  // The curation of the first article is done.
  const documentStatus = { [CURATED_ANNOTATOR]: { [a.meta.id]: { status: 'done' as const, updatedAt: FIXTURE_TIME } } };
  return { ...fixture, documents, links, clusterNames, documentStatus, annotators: [ANA, BOB, { id: CURATED_ANNOTATOR, name: CURATED_ANNOTATOR, email: '' }] };
}

function span(document: DocumentSnapshot, id: string, labelId: string, exact: string, annotator: string): Annotation {
  return {
    id,
    documentId: document.meta.id,
    labelId,
    fragments: [fragmentAt(document.text, rangeOf(document.text, exact))],
    contentHash: document.meta.contentHash,
    attributes: {},
    note: '',
    author: annotator === BOB.id ? BOB.name : 'Curator',
    annotator,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    orphaned: false,
  };
}

function link(id: string, typeId: string, from: Annotation, to: Annotation, annotator: string): Link {
  return {
    id,
    typeId,
    source: { documentId: from.documentId, annotationId: from.id },
    target: { documentId: to.documentId, annotationId: to.id },
    note: '',
    author: from.author,
    annotator,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
  };
}

function cluster(id: string, name: string, members: string[], annotator: string): ClusterName {
  return { id, name, canonicalText: name, members, updatedAt: FIXTURE_TIME, annotator };
}
