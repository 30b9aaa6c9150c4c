import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import { testAnnotation } from '../model/annotation.test-support.js';
import type { CurationChoice } from '../model/curation.js';
import type { Link } from '../model/link.js';
import { normaliseText } from '../text/normalise-text.js';
import { fragmentAt } from '../text/text-quote.js';
import { curatedContent, curatedLayer } from './curated-layer.js';
import { computeCuration, type CurationLayer, type CurationSource } from './curation-items.js';
import { countStates, itemStates } from './curation-progress.js';

const UNANIMOUS = { kind: 'unanimous', fraction: 1 } as const;
const MAJORITY = { kind: 'majority', fraction: 0.5 } as const;
const LINK_TYPES = [
  { id: 'same', directed: false },
  { id: 'supports', directed: true },
];

/** A text of words, emoji (a family, a flag), letters with combining marks, right-to-left words and line breaks made from CRLF. */
const TEXT = normaliseText(
  'Ana said “we won” 👩‍👩‍👧 today.\r\nThe café (q\u0323\u0307) opened 🇪🇸 at noon; مرحبا بالعالم said the sign.\r\nBob said nothing at all, then left.',
).text;

function span(annotator: string, id: string, start: number, end: number, labelId = 'claim', attributes: Annotation['attributes'] = {}): Annotation {
  return testAnnotation(id, [fragmentAt(TEXT, { start, end })], { annotator, labelId, attributes, documentId: 'doc' });
}

function link(annotator: string, id: string, source: string, target: string, typeId = 'supports'): Link {
  const end = (annotationId: string) => ({ documentId: 'doc', annotationId });
  return { id, typeId, source: end(source), target: end(target), note: '', author: annotator, annotator, createdAt: '', updatedAt: '' };
}

function source(layers: CurationLayer[], links: Link[] = []): CurationSource {
  return { documentId: 'doc', text: TEXT, layers, links, linkTypes: LINK_TYPES };
}

const at = (phrase: string): [number, number] => {
  const start = TEXT.indexOf(phrase);
  if (start < 0) throw new Error(`${phrase} is not in the text`);
  return [start, start + phrase.length];
};

const context = { documentId: 'doc', contentHash: 'sha256:x', text: TEXT, curator: 'Cy Curator', now: '2026-12-10T10:00:00.000Z', previous: [], previousLinks: [] };

/** The code-unit offsets of `TEXT` that split no character's surrogate pair. */
const BOUNDARIES = [...TEXT].reduce<number[]>((list, ch) => [...list, list[list.length - 1]! + ch.length], [0]);

/** Up to three annotators' layers of random spans on character boundaries, with random labels and attributes. */
const arbitraryLayers = fc.array(
  fc.record({
    annotator: fc.constantFrom('ann', 'bob', 'cy'),
    from: fc.nat(BOUNDARIES.length - 2),
    length: fc.integer({ min: 1, max: 12 }),
    labelId: fc.constantFrom('claim', 'quote'),
    sure: fc.boolean(),
  }),
  { maxLength: 14 },
).map((raw) => {
  const layers = new Map<string, Annotation[]>([['ann', []], ['bob', []]]);
  raw.forEach((r, i) => {
    const end = BOUNDARIES[Math.min(BOUNDARIES.length - 1, r.from + r.length)]!;
    const list = layers.get(r.annotator) ?? [];
    list.push(span(r.annotator, `${r.annotator}-${i}`, BOUNDARIES[r.from]!, end, r.labelId, { sure: r.sure }));
    layers.set(r.annotator, list);
  });
  return [...layers].map(([annotator, annotations]) => ({ annotator, annotations }));
});

describe('curation of one document', () => {
  it('merges identical layers ahead, spans, attributes and links, and asks nothing', () => {
    const layerOf = (annotator: string): CurationLayer => ({
      annotator,
      annotations: [span(annotator, `${annotator}-1`, ...at('we won'), 'quote', { sure: true }), span(annotator, `${annotator}-2`, ...at('opened 🇪🇸 at noon'))],
    });
    const links = ['ann', 'bob', 'cy'].map((a) => link(a, `${a}-l`, `${a}-2`, `${a}-1`));
    const curation = computeCuration(source(['ann', 'bob', 'cy'].map(layerOf), links), UNANIMOUS);
    expect(curation.items).toEqual([]);
    expect([...curation.ahead.values()].map((a) => a?.supporters)).toEqual([['ann', 'bob', 'cy'], ['ann', 'bob', 'cy']]);
    const layer = curatedLayer(curatedContent(curation, new Map()), context);
    expect(layer.annotations.map((a) => [a.fragments[0]!.exact, a.labelId, a.attributes, a.annotator, a.author])).toEqual([
      ['we won', 'quote', { sure: true }, 'curated', 'Cy Curator'],
      ['opened 🇪🇸 at noon', 'claim', {}, 'curated', 'Cy Curator'],
    ]);
    // The link keeps its direction: from the later span to the earlier one.
    expect(layer.links).toMatchObject([{ typeId: 'supports', source: { annotationId: layer.annotations[1]!.id }, target: { annotationId: layer.annotations[0]!.id }, annotator: 'curated' }]);
  });

  it('asks about spans that differ, attribute values of a settled span and links only some made', () => {
    const layers: CurationLayer[] = [
      { annotator: 'ann', annotations: [span('ann', 'a1', ...at('we won'), 'quote', { sure: true }), span('ann', 'a2', ...at('The café')), span('ann', 'a3', ...at('at noon'))] },
      { annotator: 'bob', annotations: [span('bob', 'b1', ...at('we won'), 'quote', { sure: false }), span('bob', 'b2', ...at('The café (q\u0323\u0307)')), span('bob', 'b3', ...at('at noon'))] },
    ];
    const links = [link('ann', 'l1', 'a3', 'a1')];
    const curation = computeCuration(source(layers, links), UNANIMOUS);
    expect(curation.items.map((i) => [i.kind, i.id])).toEqual([
      ['attributes', 'ann/a1|bob/b1#attributes'],
      ['span', 'ann/a2|bob/b2'],
      ['link', 'link:ann/a1|bob/b1>ann/a3|bob/b3'],
    ]);
    const [values, spanItem, linkItem] = curation.items;
    expect(values).toMatchObject({ names: ['sure'], span: { attributes: {} }, versions: [{ annotator: 'ann', attributes: { sure: true } }, { annotator: 'bob', attributes: { sure: false } }] });
    expect(spanItem!.context.text).toContain('The café (q\u0323\u0307) opened');
    expect(linkItem).toMatchObject({ ends: [{ ahead: 'kept' }, { ahead: 'kept' }], versions: [{ annotator: 'ann', links: [{ typeId: 'supports', reversed: true }] }, { annotator: 'bob', links: [] }] });
    const decisions = new Map<string, CurationChoice>([
      [values!.id, { kind: 'annotator', annotator: 'bob' }],
      [spanItem!.id, { kind: 'all' }],
      [linkItem!.id, { kind: 'annotator', annotator: 'ann' }],
    ]);
    expect(countStates(itemStates(curation.items, decisions))).toEqual({ done: 3, left: 0, waiting: 0, moot: 0, elsewhere: 0 });
    const layer = curatedLayer(curatedContent(curation, decisions), context);
    expect(layer.annotations.map((a) => [a.fragments.map((f) => f.exact).join(''), a.attributes])).toEqual([
      ['we won', { sure: false }],
      ['The café', {}],
      ['The café (q\u0323\u0307)', {}],
      ['at noon', {}],
    ]);
    expect(layer.links).toHaveLength(1);
  });

  it('lets through what the policy asks for, never a tie', () => {
    const three = (labels: [string, string, string]): CurationLayer[] =>
      (['ann', 'bob', 'cy'] as const).map((annotator, i) => ({ annotator, annotations: [span(annotator, `${annotator}-1`, ...at('the sign'), labels[i])] }));
    expect(computeCuration(source(three(['claim', 'claim', 'quote'])), UNANIMOUS).items).toHaveLength(1);
    expect(computeCuration(source(three(['claim', 'claim', 'quote'])), MAJORITY).items).toHaveLength(0);
    expect(computeCuration(source(three(['claim', 'claim', 'quote'])), { kind: 'threshold', fraction: 2 / 3 }).items).toHaveLength(0);
    expect(computeCuration(source(three(['claim', 'claim', 'quote'])), { kind: 'threshold', fraction: 0.7 }).items).toHaveLength(1);
    // Two of four against two: no version is let through at a half.
    const four = [...three(['claim', 'claim', 'quote']), { annotator: 'dee', annotations: [span('dee', 'dee-1', ...at('the sign'), 'quote')] }];
    expect(computeCuration(source(four), { kind: 'threshold', fraction: 0.5 }).items).toHaveLength(1);
    // A winning "nothing here" leaves the span out without asking.
    const mostlyNothing = [...three(['claim', 'claim', 'claim']).slice(0, 1), { annotator: 'bob', annotations: [] }, { annotator: 'cy', annotations: [] }];
    const curation = computeCuration(source(mostlyNothing), MAJORITY);
    expect(curation.items).toEqual([]);
    expect(curatedContent(curation, new Map()).spans).toEqual([]);
  });

  it('waits with a link until both its ends are curated, and drops it when an end is left out', () => {
    const layers: CurationLayer[] = [
      { annotator: 'ann', annotations: [span('ann', 'a1', ...at('we won')), span('ann', 'a2', ...at('at noon'))] },
      { annotator: 'bob', annotations: [span('bob', 'b1', ...at('we won'), 'quote'), span('bob', 'b2', ...at('at noon'))] },
    ];
    const curation = computeCuration(source(layers, [link('ann', 'l', 'a1', 'a2'), link('bob', 'm', 'b1', 'b2', 'same')]), UNANIMOUS);
    const [spanItem, linkItem] = curation.items;
    expect(itemStates(curation.items, new Map()).get(linkItem!.id)).toBe('waiting');
    expect(itemStates(curation.items, new Map([[spanItem!.id, { kind: 'annotator', annotator: 'bob' }]])).get(linkItem!.id)).toBe('open');
    expect(itemStates(curation.items, new Map([[spanItem!.id, { kind: 'none' }]])).get(linkItem!.id)).toBe('moot');
  });
});

describe('curation, whatever the layers', () => {
  it('gives the same items and curated layer however the annotators and their annotations are ordered', () => {
    fc.assert(
      fc.property(arbitraryLayers, fc.nat(), (layers, seed) => {
        const shuffled = [...layers].reverse().map((l) => ({ ...l, annotations: [...l.annotations].sort((x, y) => ((x.id.length + seed) % 3) - ((y.id.length + seed) % 2)) }));
        const a = computeCuration(source(layers), MAJORITY);
        const b = computeCuration(source(shuffled), MAJORITY);
        expect(b.items).toEqual(a.items);
        const decide = new Map(a.items.map((item, i): [string, CurationChoice] => [item.id, i % 2 === 0 ? { kind: 'all' } : { kind: 'annotator', annotator: 'bob' }]));
        expect(curatedContent(b, decide)).toEqual(curatedContent(a, decide));
      }),
    );
  });

  it('merges every unit of identical layers ahead and asks nothing', () => {
    fc.assert(
      fc.property(arbitraryLayers, (layers) => {
        const ann = layers.find((l) => l.annotator === 'ann')!.annotations;
        const copies = ['ann', 'bob', 'cy'].map((annotator) => ({ annotator, annotations: ann.map((a) => ({ ...a, id: `${annotator}:${a.id}`, annotator })) }));
        const curation = computeCuration(source(copies), UNANIMOUS);
        expect(curation.items).toEqual([]);
        expect(curatedContent(curation, new Map()).spans).toHaveLength(ann.length);
      }),
    );
  });

  it('keeps a decision through a new computation after someone annotated elsewhere', () => {
    const [lastWordStart, lastWordEnd] = at('left.');
    fc.assert(
      fc.property(arbitraryLayers, (layers) => {
        const before = computeCuration(source(layers), UNANIMOUS);
        // A span of the text's last word, where nobody marked anything yet, changes no unit already there.
        fc.pre(before.units.every((u) => u.end <= lastWordStart));
        const decisions = new Map(before.items.map((item): [string, CurationChoice] => [item.id, { kind: 'annotator', annotator: 'ann' }]));
        const added = layers.map((l) => (l.annotator === 'ann' ? { ...l, annotations: [...l.annotations, span('ann', 'ann-late', lastWordStart, lastWordEnd)] } : l));
        const after = computeCuration(source(added), UNANIMOUS);
        expect(after.items).toEqual(expect.arrayContaining(before.items));
        expect(after.items.length).toBe(before.items.length + 1);
        expect(curatedContent(after, decisions).spans).toEqual(expect.arrayContaining(curatedContent(before, decisions).spans));
      }),
    );
  });

  it('curates spans whose offsets slice exactly the chosen text (emoji, combining marks, CRLF made LF, right-to-left)', () => {
    fc.assert(
      fc.property(arbitraryLayers, fc.constantFrom<CurationChoice['kind']>('annotator', 'all', 'none'), (layers, kind) => {
        const curation = computeCuration(source(layers), UNANIMOUS);
        const choice: CurationChoice = kind === 'annotator' ? { kind, annotator: 'bob' } : { kind };
        const decisions = new Map(curation.items.map((item): [string, CurationChoice] => [item.id, item.kind === 'attributes' && kind === 'all' ? { kind: 'none' } : choice]));
        const layer = curatedLayer(curatedContent(curation, decisions), context);
        const chosen = new Map(layers.flatMap((l) => l.annotations).map((a) => [a.fragments.map((f) => `${f.start}-${f.end}`).join(), a.fragments.map((f) => f.exact).join('|')]));
        for (const annotation of layer.annotations) {
          for (const f of annotation.fragments) expect(TEXT.slice(f.start, f.end)).toBe(f.exact);
          // Every curated span is exactly the text some annotator marked there.
          expect(chosen.get(annotation.fragments.map((f) => `${f.start}-${f.end}`).join())).toBe(annotation.fragments.map((f) => f.exact).join('|'));
        }
      }),
    );
  });
});
