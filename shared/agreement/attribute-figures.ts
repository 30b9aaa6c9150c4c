/**
 * Agreement on the attributes of spans the annotators agree exist: Krippendorff's alpha over the
 * aligned units, one attribute of one label at a time, each annotator's value being the one their
 * span of that label in the unit carries. The level of measurement follows the attribute's type:
 * text, yes/no and one-of-a-list are nominal, a list whose options are a scale is ordinal (ranked as
 * listed), a number is interval.
 */
import type { AttributeFigure } from '../api/contract/agreement.js';
import type { AttributeValue } from '../model/annotation.js';
import type { AttributeDefinition, Label } from '../model/label-schema.js';
import { AgreementMemo, type AgreementCorpus, type CorpusDocument } from './agreement-corpus.js';
import { amount, cellOf, figureOf, subjectWords, type FigureSubject } from './agreement-figure.js';
import { krippendorffAlpha, type AlphaValue } from './krippendorff-alpha.js';

/** The level of measurement alpha uses for an attribute. */
export type AttributeLevel = AttributeFigure['level'];

/** The level of measurement of an attribute's values. */
export function levelOf(definition: AttributeDefinition): AttributeLevel {
  if (definition.type === 'number') return 'interval';
  if (definition.type === 'choice' && definition.ordered) return 'ordinal';
  return 'nominal';
}

/** The values one attribute was given in one unit: the unit's article, each compared annotator's value (in the corpus's order). */
interface AttributeRow {
  documentId: string;
  values: (AlphaValue | null)[];
}

/** The attribute figures of one corpus: each attribute's values read from the units once, then taken for any subject. */
export class AttributeFigureMaker {
  readonly #rows = new Map<string, AttributeRow[]>();

  constructor(
    private readonly corpus: AgreementCorpus,
    private readonly memo: AgreementMemo = new AgreementMemo(),
  ) {}

  /** Krippendorff's alpha of every attribute of every label, over `subject`. */
  figures(subject: FigureSubject): AttributeFigure[] {
    return this.corpus.labels.flatMap((label) => label.attributes.map((definition) => this.figure(subject, label, definition)));
  }

  private figure(subject: FigureSubject, label: Label, definition: AttributeDefinition): AttributeFigure {
    const level = levelOf(definition);
    const columns = subject.coders.map((coder) => this.corpus.annotators.findIndex((a) => a.id === coder));
    const inSubject = new Set(subject.documents.map((d) => d.id));
    const rows: (AlphaValue | null)[][] = [];
    for (const row of this.rowsOf(label, definition)) {
      if (!inSubject.has(row.documentId)) continue;
      const values = columns.map((c) => row.values[c] ?? null);
      let given = 0;
      for (const value of values) if (value !== null) given++;
      if (given >= 2) rows.push(values);
    }
    const order = definition.type === 'choice' && definition.ordered ? definition.options : undefined;
    const result = krippendorffAlpha(rows, level, order ? { order } : {});
    const levelWords = order ? `ordinal, ranked as listed: ${order.join(' < ')}` : level;
    const method =
      `Krippendorff’s α (${levelWords}), attribute “${definition.name}” of label ${label.name}, over the aligned spans ` +
      `(sharing at least one character) that at least two annotators marked as ${label.name} and gave a value ` +
      `(an empty attribute gives none): ${amount(result.pairableUnits, 'span')}, ${amount(result.pairableValues, 'value')}; ${subjectWords(subject)}.`;
    return {
      labelId: label.id,
      labelName: label.name,
      attribute: definition.name,
      level,
      figure: figureOf(cellOf(subject, 'attribute-alpha', label.id, definition.name), result.alpha, method, [
        { name: 'observed disagreement', value: result.observedDisagreement },
        { name: 'expected disagreement', value: result.expectedDisagreement },
        { name: 'spans', value: result.pairableUnits },
        { name: 'values', value: result.pairableValues },
      ]),
    };
  }

  /** The units where at least one annotator gave the attribute a value, with every annotator's (each article read once while its units stay the same). */
  private rowsOf(label: Label, definition: AttributeDefinition): AttributeRow[] {
    const annotators = this.corpus.annotators.map((a) => a.id);
    const key = `${label.id}\u0000${definition.name}\u0000${definition.type}\u0000${definition.type === 'choice' && definition.ordered ? definition.options.join('\u0000') : ''}`;
    const known = this.#rows.get(key);
    if (known) return known;
    const kept = this.memo.attributeDocuments as Map<string, { units: readonly unknown[]; rows: Map<string, AttributeRow[]> }>;
    const rows: AttributeRow[] = [];
    for (const document of this.corpus.documents) {
      let read = kept.get(document.id);
      if (read?.units !== document.units) kept.set(document.id, (read = { units: document.units, rows: new Map() }));
      const rowsKey = `${key}\u0000${annotators.join(' ')}`;
      let mine = read.rows.get(rowsKey);
      if (!mine) read.rows.set(rowsKey, (mine = rowsIn(document, annotators, label, definition)));
      for (const row of mine) rows.push(row);
    }
    this.#rows.set(key, rows);
    return rows;
  }
}

/** One article's units where at least one annotator gave the attribute a value, with each of `annotators`' values. */
function rowsIn(document: CorpusDocument, annotators: readonly string[], label: Label, definition: AttributeDefinition): AttributeRow[] {
  const index = new Map(annotators.map((a, i) => [a, i]));
  const rows: AttributeRow[] = [];
  for (const unit of document.units) {
    let values: (AlphaValue | null)[] | null = null;
    for (const member of unit.members) {
      if (member.labelId !== label.id) continue;
      const value = usableValue(member.attributes?.[definition.name], definition);
      if (value === null) continue;
      values ??= annotators.map(() => null);
      values[index.get(member.annotator)!] = value;
    }
    if (values) rows.push({ documentId: document.id, values });
  }
  return rows;
}

/** The value `annotator` gave `attribute` in a unit (their span of `labelId` there), as alpha takes it; null when none or unusable. */
export function attributeValueOf(
  members: readonly { annotator: string; labelId: string; attributes?: Readonly<Record<string, AttributeValue>> }[],
  annotator: string,
  labelId: string,
  definition: AttributeDefinition,
): AlphaValue | null {
  const member = members.find((m) => m.annotator === annotator && m.labelId === labelId);
  return usableValue(member?.attributes?.[definition.name], definition);
}

/** An attribute's value as alpha takes it (text trimmed, numbers finite, a scale's values among its options); null when none or unusable. */
function usableValue(value: AttributeValue | undefined, definition: AttributeDefinition): AlphaValue | null {
  if (value === undefined) return null;
  switch (definition.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'choice':
      return typeof value === 'string' && (!definition.ordered || definition.options.includes(value)) ? value : null;
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  }
}
