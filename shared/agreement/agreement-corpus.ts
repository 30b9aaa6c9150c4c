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
import { ArticleParts, type ArticlePartsData } from './article-parts.js';
import { sameList } from './same-list.js';
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
  /**
   * What the figures use of the article (`article-parts.ts`), with the coders' annotations (placed
   * ones only) aligned into units in document order (`parts.units`, null when the parts were restored
   * from the agreement cache: its annotations were not read). A unit's key is the article's id, `#`,
   * its index (`unitAt` finds it again).
   */
  parts: ArticleParts;
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
  /** The articles fewer than two compared annotators coded, left out, with their parts (who coded them, what was orphaned). */
  leftOut: ReadonlyMap<string, ArticleParts>;
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
  /** Each article's placed annotations of the compared annotators and its parts (for the coders then, with the units the annotations were aligned into). */
  readonly articles = new Map<string, { annotations: readonly Annotation[]; parts: ArticleParts }>();
  /** The parts of each article fewer than two coded (who coded it, what was orphaned). */
  readonly leftOut = new Map<string, ArticleParts>();
}

/**
 * Gathers the corpus of `scope` from `snapshot` (every layer). `names` gives annotators' display
 * names by id. `prepared` holds the parts of articles whose annotations were not read (the snapshot
 * has none of them): each must fit (`articlesNeedingAnnotations` names those that do not). Throws
 * `AgreementScopeError` for an annotator or article the workspace does not have, and when fewer
 * than two annotators can be compared.
 */
export function gatherCorpus(
  snapshot: WorkspaceSnapshot,
  scope: AgreementScope = {},
  names: Readonly<Record<string, string>> = {},
  memo = new AgreementMemo(),
  prepared: ReadonlyMap<string, ArticleParts> = new Map(),
): AgreementCorpus {
  const { annotators, excluded, chosen } = annotatorsChosen(snapshot, scope, names, prepared);
  const wanted = scope.documentIds ? new Set(scope.documentIds) : null;
  if (wanted) {
    const known = new Set(snapshot.documents.map((d) => d.meta.id));
    const missing = [...wanted].find((id) => !known.has(id));
    if (missing !== undefined) throw new AgreementScopeError(`There is no article "${missing}" in this workspace.`);
  }
  let orphaned = 0;
  let fewCoders = 0;
  const documents: CorpusDocument[] = [];
  const leftOut = new Map<string, ArticleParts>();
  for (const { meta, annotations } of snapshot.documents) {
    if (wanted && !wanted.has(meta.id)) continue;
    const restored = prepared.get(meta.id);
    if (restored) {
      const coders = codersOf(snapshot, annotators, new Set(restored.data.present), meta.id);
      if (!partsFit(restored.data, coders)) throw new Error(`Agreement: the parts of article ${meta.id} are for other coders; its annotations must be read.`);
      orphaned += restored.data.orphaned;
      if (coders.length < 2) {
        if (coders.length === 1) fewCoders++;
        leftOut.set(meta.id, restored);
      } else documents.push({ id: meta.id, title: meta.title, length: meta.length, coders, parts: restored });
      continue;
    }
    const theirs = annotations.filter((a) => chosen.has(a.annotator));
    const placed = theirs.filter((a) => !a.orphaned);
    orphaned += theirs.length - placed.length;
    const present = new Set(annotations.map((a) => a.annotator));
    const coders = codersOf(snapshot, annotators, present, meta.id);
    if (coders.length < 2) {
      if (coders.length === 1) fewCoders++;
      // Nothing to align: its parts only say who coded it and what was left out.
      const left = theirs.length - placed.length;
      if (!partsFit(memo.leftOut.get(meta.id)?.data, coders, [...present], left)) memo.leftOut.set(meta.id, ArticleParts.ofUnits([], coders, [...present], left));
      leftOut.set(meta.id, memo.leftOut.get(meta.id)!);
      continue;
    }
    const { parts } = partsOnce(memo, meta.id, placed, coders, [...present], theirs.length - placed.length);
    documents.push({ id: meta.id, title: meta.title, length: meta.length, coders, parts });
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
  return { scope, annotators: compared, excluded, labels: snapshot.labels, linkTypes: snapshot.linkTypes, linkTypeInfo, documents, documentsById, leftOut, links, notes };
}

/**
 * Of the articles whose parts are `prepared` (their annotations not read), those whose parts do not
 * fit the corpus of `scope`: other coders now, or a link of a coder naming an annotation of theirs
 * the parts neither place nor know to have no unit. Their annotations must be read before `gatherCorpus`.
 */
export function articlesNeedingAnnotations(
  snapshot: WorkspaceSnapshot,
  scope: AgreementScope,
  names: Readonly<Record<string, string>>,
  prepared: ReadonlyMap<string, ArticleParts>,
): Set<string> {
  const needed = new Set<string>();
  if (prepared.size === 0) return needed;
  const { annotators, chosen } = annotatorsChosen(snapshot, scope, names, prepared);
  for (const { meta } of snapshot.documents) {
    const parts = prepared.get(meta.id);
    if (parts && !partsFit(parts.data, codersOf(snapshot, annotators, new Set(parts.data.present), meta.id))) needed.add(meta.id);
  }
  for (const link of snapshot.links) {
    if (!chosen.has(link.annotator)) continue;
    for (const end of [link.source, link.target]) {
      const data = prepared.get(end.documentId)?.data;
      // Someone who is not a coder of fitting parts has no annotation there: their link end has no unit.
      if (!data || data.allMapped || !data.coders.includes(link.annotator)) continue;
      if (!data.unitOfAnnotation.get(link.annotator)?.has(end.annotationId) && !data.linkedWithoutUnit.get(link.annotator)?.has(end.annotationId)) needed.add(end.documentId);
    }
  }
  return needed;
}

/** The annotators compared (by name then id), those left out with why, and the ids chosen; throws `AgreementScopeError` when fewer than two can be. */
function annotatorsChosen(snapshot: WorkspaceSnapshot, scope: AgreementScope, names: Readonly<Record<string, string>>, prepared: ReadonlyMap<string, ArticleParts>) {
  const nameOf = (id: string) => names[id] ?? (id === 'curated' ? 'Curated' : id === 'owner' ? 'Owner' : id);
  const withLayer = annotatorsWithLayers(snapshot, prepared);
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
  return { annotators, excluded, chosen };
}

/** The annotators of `annotators` (in their order) who coded an article: an annotation there (`present`), or marked it done. */
function codersOf(snapshot: WorkspaceSnapshot, annotators: readonly ComparedAnnotator[], present: ReadonlySet<string>, documentId: string): string[] {
  return annotators.map((a) => a.id).filter((id) => present.has(id) || hasWorkedOn(snapshot, id, documentId));
}

/** The units and parts of an article's annotations: aligned again only when they are not the very annotations of last time, parts made again when the coders differ. */
function partsOnce(memo: AgreementMemo, documentId: string, annotations: readonly Annotation[], coders: string[], present: string[], orphaned: number) {
  const known = memo.articles.get(documentId);
  const same = known && known.annotations.length === annotations.length && known.annotations.every((a, i) => a === annotations[i]);
  const units = (same && known.parts.units) || alignAnnotations(annotations);
  if (same && partsFit(known.parts.data, coders, present, orphaned)) return known;
  const kept = { annotations, parts: ArticleParts.ofUnits(units, coders, present, orphaned) };
  memo.articles.set(documentId, kept);
  return kept;
}

/**
 * Whether parts worked out earlier still fit an article: for the same `coders` in the same order and,
 * when given, the same annotators `present` and as many `orphaned` annotations.
 */
function partsFit(data: ArticlePartsData | undefined, coders: readonly string[], present: readonly string[] = data?.present ?? [], orphaned = data?.orphaned): boolean {
  return data !== undefined && sameList(data.coders, coders) && sameList(data.present, present) && data.orphaned === orphaned;
}

/** The key of the unit holding `annotator`'s annotation `annotationId` in `document`, if it is compared. */
function keyOf(document: CorpusDocument | undefined, annotator: string, annotationId: string): string | undefined {
  const index = document?.parts.data.unitOfAnnotation.get(annotator)?.get(annotationId);
  return index === undefined ? undefined : `${document!.id}#${index}`;
}

/** The unit a key names, if it is in the corpus (whose articles' annotations must have been read). */
export function unitAt(corpus: AgreementCorpus, key: string): UnitRef | undefined {
  const at = key.lastIndexOf('#');
  const document = corpus.documentsById.get(key.slice(0, at));
  const unit = document && unitsOf(document)[Number(key.slice(at + 1))];
  return unit ? { document: document!, unit } : undefined;
}

/** The units of an article whose annotations were read; throws for one whose parts were restored without them. */
export function unitsOf(document: CorpusDocument): readonly AlignedUnit<Annotation>[] {
  if (!document.parts.units) throw new Error(`Agreement: the annotations of article ${document.id} were not read; its units are not known.`);
  return document.parts.units;
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

/** Every annotator with a layer: annotations (read, or named by an article's parts), links or a status of some article. */
function annotatorsWithLayers(snapshot: WorkspaceSnapshot, prepared: ReadonlyMap<string, ArticleParts>): Set<string> {
  const ids = new Set<string>();
  for (const document of snapshot.documents) for (const a of document.annotations) ids.add(a.annotator);
  for (const parts of prepared.values()) for (const id of parts.data.present) ids.add(id);
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
