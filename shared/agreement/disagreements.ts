/**
 * The disagreements behind one figure of the agreement report: the aligned units (or pairs of
 * units, for links) where the annotators the figure compares chose differently, each with where
 * it is and what each annotator chose, in document order. A figure's drill-down reads them.
 */
import { MAX_DISAGREEMENTS, type AgreementCell, type AgreementPlace, type AnnotatorChoice, type Disagreement, type DisagreementList } from '../api/contract/agreement.js';
import type { Annotation } from '../model/annotation.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { AgreementScopeError, documentsCodedByAll, gatherCorpus, unitAt, unitsOf, type AgreementCorpus, type UnitRef } from './agreement-corpus.js';
import { nameOf, type FigureSubject } from './agreement-figure.js';
import { attributeValueOf } from './attribute-figures.js';
import { clustersFromLinks, type UnitLink } from './link-agreement.js';
import { linkReliabilityOf, linksOfSubject } from './link-figures.js';
import { spanKey, type AlignedUnit } from './span-alignment.js';
import { excerpt } from '../text/excerpt.js';

/** Lists the disagreements of `cell` in `snapshot` (every layer); `names` gives annotators' names. */
export function listDisagreements(snapshot: WorkspaceSnapshot, cell: AgreementCell, names: Readonly<Record<string, string>> = {}): DisagreementList {
  return disagreementsOf(gatherCorpus(snapshot, cell.scope, names), cell);
}

/** Lists the disagreements of `cell` in a corpus already gathered for the cell's scope. */
export function disagreementsOf(corpus: AgreementCorpus, cell: AgreementCell): DisagreementList {
  const unknown = cell.annotators.find((id) => !corpus.annotators.some((a) => a.id === id));
  if (unknown !== undefined) throw new AgreementScopeError(`The annotator "${unknown}" is not among those compared.`);
  const order = new Map(corpus.annotators.map((a, i) => [a.id, i]));
  const coders = [...new Set(cell.annotators)].sort((a, b) => order.get(a)! - order.get(b)!);
  const documents = cell.documentId === null ? documentsCodedByAll(corpus, coders) : corpus.documents.filter((d) => d.id === cell.documentId);
  const subject: FigureSubject = { corpus, coders, documents, documentId: cell.documentId };
  const found = listFor(subject, cell);
  const rank = new Map(corpus.documents.map((d, i) => [d.id, i]));
  found.sort((a, b) => rank.get(a.place.documentId)! - rank.get(b.place.documentId)! || a.place.start - b.place.start || a.place.end - b.place.end);
  return { cell, total: found.length, items: found.slice(0, MAX_DISAGREEMENTS) };
}

function listFor(subject: FigureSubject, cell: AgreementCell): Disagreement[] {
  switch (cell.measure) {
    case 'span-f1-exact':
    case 'span-f1-overlap':
    case 'unitizing-alpha':
      return spanDisagreements(subject, cell.labelId, cell.measure === 'span-f1-overlap');
    case 'attribute-alpha':
      return attributeDisagreements(subject, cell.labelId, cell.attribute);
    case 'link-alpha':
    case 'link-f1':
      return linkDisagreements(subject, cell.measure === 'link-alpha');
    case 'clusters':
      return clusterDisagreements(subject);
  }
}

/** Units where the coders' spans differ: someone marked nothing, another label, other boundaries (not counted under overlap matching). */
function spanDisagreements(subject: FigureSubject, labelId: string | null, overlapOnly: boolean): Disagreement[] {
  const found: Disagreement[] = [];
  for (const document of subject.documents) {
    for (const unit of unitsOf(document)) {
      const members = membersOf(unit, subject.coders);
      if (members.length === 0 || (labelId !== null && !members.some((m) => m.labelId === labelId))) continue;
      const ref = { document, unit };
      const missing = subject.coders.filter((c) => !members.some((m) => m.annotator === c));
      const labels = new Set(members.map((m) => m.labelId));
      let kind: Disagreement['kind'];
      let summary: string;
      if (missing.length > 0) {
        kind = 'only-some';
        summary = `Not marked by ${missing.map((c) => nameOf(subject.corpus, c)).join(', ')}.`;
      } else if (labels.size > 1) {
        kind = 'label-differs';
        summary = `Marked with different labels: ${[...labels].map((l) => labelName(subject.corpus, l)).join(', ')}.`;
      } else if (!overlapOnly && new Set(members.map((m) => spanKey(m))).size > 1) {
        kind = 'boundary-differs';
        summary = 'Marked with the same label, but from or to different characters.';
      } else continue;
      found.push({ kind, summary, place: placeOf(ref), other: null, choices: subject.coders.map((c) => spanChoice(subject.corpus, c, members)) });
    }
  }
  return found;
}

/** Units where two or more coders gave the attribute different values. */
function attributeDisagreements(subject: FigureSubject, labelId: string | null, attribute: string | null): Disagreement[] {
  const label = subject.corpus.labels.find((l) => l.id === labelId);
  const definition = label?.attributes.find((a) => a.name === attribute);
  if (!label || !definition) throw new AgreementScopeError(`The label schema has no attribute “${attribute ?? ''}” of “${labelId ?? ''}” any more.`);
  const found: Disagreement[] = [];
  for (const document of subject.documents) {
    for (const unit of unitsOf(document)) {
      const values = subject.coders.map((c) => attributeValueOf(unit.members, c, label.id, definition));
      const given = values.filter((v) => v !== null);
      if (given.length < 2 || new Set(given.map((v) => JSON.stringify(v))).size === 1) continue;
      const choices = subject.coders.map((coder, i): AnnotatorChoice => {
        const member = unit.members.find((m) => m.annotator === coder && m.labelId === label.id) ?? null;
        const value = values[i]!;
        const choice = !member ? `not marked as ${label.name}` : value === null ? 'no value' : `${definition.name}: ${String(value)}`;
        return { annotator: coder, choice, labelId: member?.labelId ?? null, fragments: member ? plainFragments(member) : null, value };
      });
      found.push({ kind: 'value-differs', summary: `Different values of “${definition.name}”.`, place: placeOf({ document, unit }), other: null, choices });
    }
  }
  return found;
}

/** Pairs of units the coders linked differently (for alpha: only where two or more gave a value). */
function linkDisagreements(subject: FigureSubject, pairableOnly: boolean): Disagreement[] {
  const { corpus } = subject;
  const { links, data } = linkReliabilityOf(subject);
  const between = new Map(subject.coders.map((coder) => [coder, linksByPair(links.get(coder)!)]));
  const found: Disagreement[] = [];
  data.pairs.forEach((pair, i) => {
    const values = data.values[i]!;
    const given = values.filter((v) => v !== null);
    if (new Set(given).size <= 1 && (pairableOnly || given.length === values.length)) return;
    if (pairableOnly && given.length < 2) return;
    const source = unitAt(corpus, pair.source);
    const target = unitAt(corpus, pair.target);
    if (!source || !target) return;
    let linkedTypes = 0;
    const choices = subject.coders.map((coder, c): AnnotatorChoice => {
      const own = between.get(coder)!.get(pairKey(pair.source, pair.target)) ?? [];
      if (own.length > 0) linkedTypes++;
      const choice =
        own.length > 0
          ? `linked as ${own.map((l) => linkWords(corpus, l, pair.source)).join(' and ')}`
          : values[c] !== null
            ? 'no link'
            : 'did not mark both spans';
      return { annotator: coder, choice, labelId: null, fragments: null };
    });
    const typeDiffers = linkedTypes >= 2 && linkedTypes === given.length;
    found.push({
      kind: typeDiffers ? 'link-type-differs' : 'link-missing',
      summary: typeDiffers ? 'Linked with different types or directions.' : 'Linked by some annotators only.',
      place: placeOf(source),
      other: placeOf(target),
      choices,
    });
  });
  return found;
}

/** Units that some coder's clusters place with other units than another coder's do. */
function clusterDisagreements(subject: FigureSubject): Disagreement[] {
  const { corpus } = subject;
  const links = linksOfSubject(subject);
  const mates = new Map<string, Map<string, string[]>>();
  for (const coder of subject.coders) {
    const byUnit = new Map<string, string[]>();
    for (const cluster of clustersFromLinks(links.get(coder)!, corpus.linkTypeInfo)) for (const unit of cluster) byUnit.set(unit, cluster.filter((u) => u !== unit));
    mates.set(coder, byUnit);
  }
  const units = new Set([...mates.values()].flatMap((byUnit) => [...byUnit.keys()]));
  const found: Disagreement[] = [];
  for (const key of units) {
    const ref = unitAt(corpus, key);
    if (!ref) continue;
    const placements = subject.coders.map((c) => [...(mates.get(c)!.get(key) ?? [])].sort().join('\n'));
    if (new Set(placements).size === 1) continue;
    const choices = subject.coders.map((coder): AnnotatorChoice => {
      const others = mates.get(coder)!.get(key);
      const quotes = (others ?? []).slice(0, 3).map((u) => `“${excerpt(placeOf(unitAt(corpus, u)!).quote, 50)}”`);
      const more = (others?.length ?? 0) > 3 ? ` and ${others!.length - 3} more` : '';
      const choice = others ? `in a cluster with ${others.length} ${others.length === 1 ? 'other' : 'others'}: ${quotes.join(', ')}${more}` : 'in no cluster';
      return { annotator: coder, choice, labelId: null, fragments: null };
    });
    found.push({ kind: 'cluster-differs', summary: 'Placed in different clusters.', place: placeOf(ref), other: null, choices });
  }
  return found;
}

function membersOf(unit: AlignedUnit<Annotation>, coders: readonly string[]): Annotation[] {
  return unit.members.filter((m) => coders.includes(m.annotator));
}

function spanChoice(corpus: AgreementCorpus, coder: string, members: readonly Annotation[]): AnnotatorChoice {
  const member = members.find((m) => m.annotator === coder);
  if (!member) return { annotator: coder, choice: 'nothing here', labelId: null, fragments: null };
  return { annotator: coder, choice: `${labelName(corpus, member.labelId)} “${excerpt(quoteOf(member), 120)}”`, labelId: member.labelId, fragments: plainFragments(member) };
}

/** Where a unit is: its article and the stretch its members cover, quoted by its longest member. */
export function placeOf({ document, unit }: UnitRef): AgreementPlace {
  const longest = unit.members.reduce((best, m) => (quoteOf(m).length > quoteOf(best).length ? m : best), unit.members[0]!);
  return { documentId: document.id, title: document.title, start: unit.start, end: unit.end, quote: quoteOf(longest) };
}

function quoteOf(annotation: Annotation): string {
  return annotation.fragments.map((f) => f.exact).join(' … ');
}

function plainFragments(annotation: Annotation): { start: number; end: number }[] {
  return annotation.fragments.map((f) => ({ start: f.start, end: f.end }));
}

function labelName(corpus: AgreementCorpus, labelId: string): string {
  return corpus.labels.find((l) => l.id === labelId)?.name ?? labelId;
}

function linksByPair(links: readonly UnitLink[]): Map<string, UnitLink[]> {
  const byPair = new Map<string, UnitLink[]>();
  for (const link of links) {
    const key = pairKey(link.source, link.target);
    const list = byPair.get(key);
    if (list) list.push(link);
    else byPair.set(key, [link]);
  }
  return byPair;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

/** `Supports (from the first span)`: a link's type, with its direction when the type is directed. */
function linkWords(corpus: AgreementCorpus, link: UnitLink, first: string): string {
  const type = corpus.linkTypes.find((t) => t.id === link.typeId);
  const name = type?.name ?? link.typeId;
  if (!type?.directed) return name;
  return `${name} (${link.source === first ? 'from the first span' : 'from the second span'})`;
}

