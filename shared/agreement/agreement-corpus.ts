/**
 * What agreement compares, gathered once from a workspace snapshot holding every layer: which
 * annotators (every person by default; the reserved curated and owner layers only when named),
 * which articles (those at least two of them coded), each article's annotations aligned into units
 * (`span-alignment.ts`), and each annotator's links rewritten onto those units, so that links and
 * clusters of different annotators are compared on the same places of the text.
 */
import type { AgreementScope } from '../api/contract/agreement.js';
import type { Annotation } from '../model/annotation.js';
import { RESERVED_ANNOTATORS } from '../model/annotator.js';
import type { Label, LinkType } from '../model/label-schema.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { COREFERENCE_LINK_TYPE_IDS } from '../linking/clusters.js';
import { amount } from './agreement-figure.js';
import type { LinkTypeInfo, UnitLink } from './link-agreement.js';
import { alignAnnotations, type AlignedUnit } from './span-alignment.js';

/** The scope asked for could not be compared; the message says why, for people. */
export class AgreementScopeError extends Error {
  override readonly name = 'AgreementScopeError';
}

/** An annotator compared: their id and the name people know them by. */
export interface ComparedAnnotator {
  id: string;
  name: string;
}

/** One article as agreement compares it. */
export interface CorpusDocument {
  id: string;
  title: string;
  /** Its length in UTF-16 code units (the continuum of unitizing alpha). */
  length: number;
  /** The compared annotators who coded it, in the report's order (at least two). */
  coders: string[];
  /** The coders' annotations (placed ones only), aligned into units, in document order. */
  units: AlignedUnit<Annotation>[];
  /** Each unit's key (`unitAt` finds it again): the article's id, `#`, its index. */
  keys: string[];
  /** Annotator → annotation id → the index of its unit. */
  unitOfAnnotation: Map<string, Map<string, number>>;
}

/** A unit found again by its key: the article it is in and the unit. */
export interface UnitRef {
  document: CorpusDocument;
  unit: AlignedUnit<Annotation>;
}

/** Everything agreement compares. */
export interface AgreementCorpus {
  scope: AgreementScope;
  /** The annotators compared, by name then id. */
  annotators: ComparedAnnotator[];
  /** The layers left out, with why. */
  excluded: (ComparedAnnotator & { reason: string })[];
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  /** What agreement needs of each link type (direction, whether it forms clusters), by id. */
  linkTypeInfo: ReadonlyMap<string, LinkTypeInfo>;
  /** The articles at least two compared annotators coded, in document order. */
  documents: CorpusDocument[];
  /** The articles by id. */
  documentsById: ReadonlyMap<string, CorpusDocument>;
  /** Each annotator's links with both ends in compared articles, rewritten onto unit keys. */
  links: ReadonlyMap<string, UnitLink[]>;
  /** What was left out, in sentences. */
  notes: string[];
}

/**
 * What one computation keeps for the next (the worker keeps it while the workspace stays open):
 * each article's alignment, reused while its annotations are the very same objects (files that did
 * not change are not read again, so their annotations are), and what else is kept per article.
 */
export class AgreementMemo {
  /** Each article's placed annotations of the compared annotators, the units they were aligned into, their keys and who is where. */
  readonly alignments = new Map<string, { annotations: readonly Annotation[] } & Pick<CorpusDocument, 'units' | 'keys' | 'unitOfAnnotation'>>();
  /** Each article's spans and segments by annotator, and its pairs' matches, kept by the span figures while its units stay the same. */
  readonly spanDocuments = new Map<string, unknown>();
  /** Each article's attribute values by annotator, kept by the attribute figures while its units stay the same. */
  readonly attributeDocuments = new Map<string, unknown>();
}

/**
 * Gathers the corpus of `scope` from `snapshot` (every layer). `names` gives annotators' display
 * names by id. Throws `AgreementScopeError` for an annotator or article the workspace does not
 * have, and when fewer than two annotators can be compared.
 */
export function gatherCorpus(snapshot: WorkspaceSnapshot, scope: AgreementScope = {}, names: Readonly<Record<string, string>> = {}, memo = new AgreementMemo()): AgreementCorpus {
  const nameOf = (id: string) => names[id] ?? (id === 'curated' ? 'Curated' : id === 'owner' ? 'Owner' : id);
  const withLayer = annotatorsWithLayers(snapshot);
  for (const id of scope.annotators ?? []) {
    if (!withLayer.has(id)) throw new AgreementScopeError(`There is no layer of the annotator "${id}" in this workspace.`);
  }
  const chosenIds = scope.annotators ? [...new Set(scope.annotators)] : [...withLayer].filter((id) => !RESERVED_ANNOTATORS.includes(id));
  const annotators = chosenIds.map((id) => ({ id, name: nameOf(id) })).sort((a, b) => a.name.localeCompare(b.name, 'en') || compareText(a.id, b.id));
  const chosen = new Set(chosenIds);
  const excluded = [...withLayer]
    .filter((id) => !chosen.has(id))
    .sort()
    .map((id) => ({ id, name: nameOf(id), reason: excludedReason(id, scope.annotators !== undefined) }));
  if (annotators.length < 2) {
    const who = annotators.map((a) => a.name).join('');
    throw new AgreementScopeError(
      `Agreement compares the layers of at least two annotators; ${annotators.length === 0 ? 'this workspace has none' : `only ${who}’s layer is here`}. ` +
        'Each annotator’s work arrives with team sync.',
    );
  }
  const wanted = scope.documentIds ? new Set(scope.documentIds) : null;
  if (wanted) {
    const known = new Set(snapshot.documents.map((d) => d.meta.id));
    const missing = [...wanted].find((id) => !known.has(id));
    if (missing !== undefined) throw new AgreementScopeError(`There is no article "${missing}" in this workspace.`);
  }
  let orphaned = 0;
  let fewCoders = 0;
  const documents: CorpusDocument[] = [];
  for (const { meta, annotations } of snapshot.documents) {
    if (wanted && !wanted.has(meta.id)) continue;
    const theirs = annotations.filter((a) => chosen.has(a.annotator));
    const placed = theirs.filter((a) => !a.orphaned);
    orphaned += theirs.length - placed.length;
    const coders = annotators.map((a) => a.id).filter((id) => theirs.some((a) => a.annotator === id) || hasWorkedOn(snapshot, id, meta.id));
    if (coders.length < 2) {
      if (coders.length === 1) fewCoders++;
      continue;
    }
    documents.push({ id: meta.id, title: meta.title, length: meta.length, coders, ...alignedOnce(memo, meta.id, placed) });
  }

  // Whoever coded none of the articles compared has nothing to agree on: left out, not a coder of nothing.
  const coding = new Set(documents.flatMap((d) => d.coders));
  for (const annotator of annotators.filter((a) => !coding.has(a.id))) {
    excluded.push({ ...annotator, reason: 'coded none of the articles another annotator coded' });
    chosen.delete(annotator.id);
  }
  const compared = annotators.filter((a) => coding.has(a.id));
  if (compared.length < 2) {
    throw new AgreementScopeError(
      documents.length === 0 && annotators.length >= 2
        ? 'No article here was coded by two of the annotators compared: agreement needs articles that at least two of them annotated (or marked done).'
        : 'Agreement compares the layers of at least two annotators who coded the same articles.',
    );
  }
  const order = new Map(compared.map((a, i) => [a.id, i]));

  const documentsById = new Map(documents.map((d) => [d.id, d]));
  const links = new Map<string, UnitLink[]>(compared.map((a) => [a.id, []]));
  let outside = 0;
  for (const link of snapshot.links) {
    if (!chosen.has(link.annotator)) continue;
    const source = keyOf(documentsById.get(link.source.documentId), link.annotator, link.source.annotationId);
    const target = keyOf(documentsById.get(link.target.documentId), link.annotator, link.target.annotationId);
    if (source === undefined || target === undefined) outside++;
    else links.get(link.annotator)!.push({ source, target, typeId: link.typeId });
  }

  const notes: string[] = [];
  if (orphaned > 0) notes.push(`${amount(orphaned, 'annotation')} that lost ${orphaned === 1 ? 'its' : 'their'} place in a changed text ${orphaned === 1 ? 'was' : 'were'} left out.`);
  if (fewCoders > 0) notes.push(`${amount(fewCoders, 'article')} coded by only one of the annotators ${fewCoders === 1 ? 'was' : 'were'} left out.`);
  if (outside > 0) notes.push(`${amount(outside, 'link')} with an end outside the compared articles (or on an annotation left out) ${outside === 1 ? 'was' : 'were'} left out.`);
  const linkTypeInfo = new Map(snapshot.linkTypes.map((t) => [t.id, { directed: t.directed, clusters: COREFERENCE_LINK_TYPE_IDS.includes(t.id) }]));
  for (const annotatorLinks of links.values()) {
    // Links of a type the workspace no longer has still compare, as undirected and outside clusters.
    for (const link of annotatorLinks) if (!linkTypeInfo.has(link.typeId)) linkTypeInfo.set(link.typeId, { directed: false, clusters: false });
  }
  for (const document of documents) document.coders.sort((a, b) => order.get(a)! - order.get(b)!);
  return { scope, annotators: compared, excluded, labels: snapshot.labels, linkTypes: snapshot.linkTypes, linkTypeInfo, documents, documentsById, links, notes };
}

/** The units of an article's annotations, keyed: worked out again only when they are not the very annotations of last time. */
function alignedOnce(memo: AgreementMemo, documentId: string, annotations: readonly Annotation[]): Pick<CorpusDocument, 'units' | 'keys' | 'unitOfAnnotation'> {
  const known = memo.alignments.get(documentId);
  if (known && known.annotations.length === annotations.length && known.annotations.every((a, i) => a === annotations[i])) return known;
  const units = alignAnnotations(annotations);
  const unitOfAnnotation = new Map<string, Map<string, number>>();
  units.forEach((unit, index) => {
    for (const member of unit.members) {
      let ids = unitOfAnnotation.get(member.annotator);
      if (!ids) unitOfAnnotation.set(member.annotator, (ids = new Map()));
      ids.set(member.id, index);
    }
  });
  const aligned = { annotations, units, keys: units.map((_, index) => `${documentId}#${index}`), unitOfAnnotation };
  memo.alignments.set(documentId, aligned);
  return aligned;
}

/** The key of the unit holding `annotator`'s annotation `annotationId` in `document`, if it is compared. */
function keyOf(document: CorpusDocument | undefined, annotator: string, annotationId: string): string | undefined {
  const index = document?.unitOfAnnotation.get(annotator)?.get(annotationId);
  return index === undefined ? undefined : document!.keys[index];
}

/** The unit a key names (`CorpusDocument.keys`), if it is in the corpus. */
export function unitAt(corpus: AgreementCorpus, key: string): UnitRef | undefined {
  const at = key.lastIndexOf('#');
  const document = corpus.documentsById.get(key.slice(0, at));
  const unit = document?.units[Number(key.slice(at + 1))];
  return unit ? { document: document!, unit } : undefined;
}

/** The article of a unit's key. */
export function documentOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf('#'));
}

/** The articles of `corpus` every one of `coders` coded. */
export function documentsCodedByAll(corpus: AgreementCorpus, coders: readonly string[]): CorpusDocument[] {
  return corpus.documents.filter((d) => coders.every((c) => d.coders.includes(c)));
}

/** The pairs of `coders`, in order: (0,1), (0,2), …, (1,2), … */
export function pairsOf<T>(coders: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) pairs.push([coders[i]!, coders[j]!]);
  return pairs;
}

/** Every annotator with a layer: annotations, links or a status of some article. */
function annotatorsWithLayers(snapshot: WorkspaceSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const document of snapshot.documents) for (const a of document.annotations) ids.add(a.annotator);
  for (const link of snapshot.links) ids.add(link.annotator);
  for (const id of Object.keys(snapshot.documentStatus ?? {})) ids.add(id);
  return ids;
}

/** Whether an annotator marked an article done (they coded it, even if they marked nothing in it). */
function hasWorkedOn(snapshot: WorkspaceSnapshot, annotator: string, documentId: string): boolean {
  return snapshot.documentStatus?.[annotator]?.[documentId]?.status === 'done';
}

function excludedReason(id: string, named: boolean): string {
  if (named) return 'not among the annotators asked for';
  if (id === 'curated') return 'the curated layer is the agreed version, not an annotator’s own coding';
  if (id === 'owner') return 'the owner’s layer is work done before anyone said who they are';
  return 'left out';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
