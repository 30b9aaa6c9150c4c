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
import type { AgreementCorpus } from './agreement-corpus.js';
import { amount, cellOf, figureOf, subjectWords, type FigureSubject } from './agreement-figure.js';
import { usableValue } from './article-parts.js';
import { krippendorffAlpha, type AlphaValue } from './krippendorff-alpha.js';

/** The level of measurement alpha uses for an attribute. */
export type AttributeLevel = AttributeFigure['level'];

/** The level of measurement of an attribute's values. */
export function levelOf(definition: AttributeDefinition): AttributeLevel {
  if (definition.type === 'number') return 'interval';
  if (definition.type === 'choice' && definition.ordered) return 'ordinal';
  return 'nominal';
}

/** The attribute figures of one corpus: each attribute's values per unit taken from each article's parts (`article-parts.ts`). */
export class AttributeFigureMaker {
  constructor(private readonly corpus: AgreementCorpus) {}

  /** Krippendorff's alpha of every attribute of every label, over `subject`. */
  figures(subject: FigureSubject): AttributeFigure[] {
    return this.corpus.labels.flatMap((label) => label.attributes.map((definition) => this.figure(subject, label, definition)));
  }

  private figure(subject: FigureSubject, label: Label, definition: AttributeDefinition): AttributeFigure {
    const level = levelOf(definition);
    const rows: (AlphaValue | null)[][] = [];
    for (const document of subject.documents) {
      // Each article's rows hold its coders' values; the subject's coders are taken from them.
      const columns = subject.coders.map((coder) => document.parts.data.coders.indexOf(coder));
      const asIs = columns.length === document.parts.data.coders.length && columns.every((c, i) => c === i);
      for (const row of document.parts.attributeRowsOf(label, definition)) {
        const values = asIs ? row : columns.map((c) => (c < 0 ? null : (row[c] ?? null)));
        let given = 0;
        for (const value of values) if (value !== null) given++;
        if (given >= 2) rows.push(values);
      }
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
