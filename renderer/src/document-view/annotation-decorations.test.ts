import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotation.js';
import { testAnnotation } from '../../../shared/model/annotation.test-support.js';
import { defaultLabels } from '../../../shared/model/label-schema.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { annotationDecorations, annotationDecorationsKey, annotationsAt, type AnnotationDecorationSpec, type AnnotationPaintSources } from './annotation-decorations.js';
import { lazySections, lazySectionsKey } from './lazy-sections.js';
import { NO_LINK_MARKS, type LinkMarks } from './link-marks.js';
import { TextLayout } from './text-layout.js';

// 100 paragraphs in 25 sections: the first few are drawn when the article opens, the rest are not.
const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} says something 👍🏽 here. `.repeat(6).trim()).join('\n');
const layout = new TextLayout(text, { paragraphs: 4, characters: 10_000 });
const initiallyDrawn = lazySectionsKey.getState(EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin] }))!.drawn;
const labels = new Map(defaultLabels.map((l) => [l.id, l]));
const plain: AnnotationPaintSources = { labelsById: () => labels, linkMarks: () => NO_LINK_MARKS };

function annotation(id: string, ranges: [number, number][]): Annotation {
  return testAnnotation(id, ranges.map(([start, end]) => fragmentAt(text, { start, end })));
}

/** Ranges that never split a surrogate pair: whole words of the text. */
const wordStarts = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
const rangeArbitrary = fc
  .tuple(fc.nat(wordStarts.length - 1), fc.nat(60))
  .map(([i, more]) => [wordStarts[i]![0], wordStarts[Math.min(i + more, wordStarts.length - 1)]![1]] as [number, number]);

type Step =
  | { kind: 'sections'; draw: number[]; drop: number[] }
  | { kind: 'add'; id: string; ranges: [number, number][] }
  | { kind: 'remove'; id: string }
  | { kind: 'focus'; id: string | null };

const sectionArbitrary = fc.nat(layout.sections.length - 1);
const idArbitrary: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('sections' as const), draw: fc.array(sectionArbitrary, { maxLength: 3 }), drop: fc.array(sectionArbitrary, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('add' as const), id: idArbitrary, ranges: fc.array(rangeArbitrary, { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), id: idArbitrary }),
  fc.record({ kind: fc.constant('focus' as const), id: fc.option(idArbitrary) }),
);

/** Whether an annotation touches a drawn section. */
function touchesDrawn(a: Annotation, drawn: ReadonlySet<number>): boolean {
  return a.fragments.some((f) => {
    const r = layout.rangeAt(f.start, f.end)!;
    for (let s = layout.sectionAt(r.from); s <= layout.sectionAt(r.to - 1); s++) if (drawn.has(s)) return true;
    return false;
  });
}

/**
 * The decorations a state should hold, as `id:kind:from-to`: for every fragment of every annotation
 * touching a drawn section, its colour, an opening bracket at its start and a closing one at its end.
 */
function expectedDecorations(annotations: ReadonlyMap<string, Annotation>, drawn: ReadonlySet<number>): string[] {
  const expected: string[] = [];
  for (const a of annotations.values()) {
    if (!touchesDrawn(a, drawn)) continue;
    for (const f of a.fragments) {
      const r = layout.rangeAt(f.start, f.end)!;
      expected.push(`${a.id}:colour:${r.from}-${r.to}`, `${a.id}:start:${r.from}-${r.from}`, `${a.id}:end:${r.to}-${r.to}`);
    }
  }
  return expected.sort();
}

function paintedDecorations(state: EditorState): string[] {
  return annotationDecorationsKey
    .getState(state)!
    .decorations.find(undefined, undefined, () => true)
    .map((d) => {
      const spec = d.spec as AnnotationDecorationSpec;
      return `${spec.annotationId}:${spec.edge ?? 'colour'}:${d.from}-${d.to}`;
    })
    .sort();
}

describe('annotation decorations over lazily drawn sections', () => {
  it('starts with the first sections drawn and the rest not', () => {
    expect(initiallyDrawn.size).toBeGreaterThan(0);
    expect(initiallyDrawn.size).toBeLessThan(layout.sections.length / 2);
  });

  it('paints exactly the annotations touching a drawn section, once, through any mix of edits and drawing', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 25 }), fc.array(fc.tuple(idArbitrary, fc.array(rangeArbitrary, { minLength: 1, maxLength: 2 })), { maxLength: 4 }), (steps, initial) => {
        const first = new Map(initial.map(([id, ranges]) => [id, annotation(id, ranges)]));
        const lazy = lazySections(layout, () => {});
        let state = EditorState.create({
          doc: layout.doc,
          plugins: [lazy.plugin, annotationDecorations(layout, plain, [...first.values()])],
        });
        const model = new Map(first);
        let focus: string | null = null;
        for (const step of steps) {
          const tr = state.tr;
          if (step.kind === 'sections') {
            const drawn = lazySectionsKey.getState(state)!.drawn;
            const draw = [...new Set(step.draw)].filter((s) => !drawn.has(s));
            const drop = [...new Set(step.drop)].filter((s) => drawn.has(s) && !draw.includes(s));
            tr.setMeta(lazySectionsKey, { draw, drop });
          } else if (step.kind === 'add') {
            const added = annotation(step.id, step.ranges);
            tr.setMeta(annotationDecorationsKey, { add: [added], remove: model.has(step.id) ? [model.get(step.id)!] : [] });
            model.set(step.id, added);
          } else if (step.kind === 'remove') {
            tr.setMeta(annotationDecorationsKey, { add: [], remove: model.has(step.id) ? [model.get(step.id)!] : [] });
            model.delete(step.id);
          } else {
            focus = step.id !== null && model.has(step.id) ? step.id : null;
            tr.setMeta(annotationDecorationsKey, { focus: focus ? model.get(focus)! : null });
          }
          state = state.apply(tr);
          const drawn = lazySectionsKey.getState(state)!.drawn;
          expect(paintedDecorations(state)).toEqual(expectedDecorations(model, drawn));
          // The ring follows the focused annotation wherever it is drawn: one piece per fragment.
          const rings = annotationDecorationsKey.getState(state)!.decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.focused === true);
          // (A focused annotation deleted has no ring; added again under its id, it has it again.)
          const focused = focus === null ? undefined : model.get(focus);
          const ringed = focused && touchesDrawn(focused, drawn) ? focused : null;
          expect(rings.map((d) => `${(d.spec as AnnotationDecorationSpec).annotationId}:${d.from}-${d.to}`).sort()).toEqual(
            ringed ? ringed.fragments.map((f) => layout.rangeAt(f.start, f.end)!).map((r) => `${ringed.id}:${r.from}-${r.to}`).sort() : [],
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tells which annotations are under a position in a drawn section, innermost first', () => {
    const outer = annotation('outer', [[0, 40]]);
    const inner = annotation('inner', [[10, 19]]);
    const state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, annotationDecorations(layout, plain, [outer, inner])] });
    expect(annotationsAt(state, layout.positionAt(12))).toEqual(['inner', 'outer']);
    expect(annotationsAt(state, layout.positionAt(30))).toEqual(['outer']);
  });

  it('gives each of two nested spans of one label its own element, its own brackets, and opens and closes them in nesting order', () => {
    // "Paragraph 0 says something": the outer span, and "Paragraph" inside it, both claims.
    const outer = testAnnotation('outer', [fragmentAt(text, { start: 0, end: 26 })]);
    const inner = testAnnotation('inner', [fragmentAt(text, { start: 0, end: 9 })]);
    const tail = testAnnotation('tail', [fragmentAt(text, { start: 12, end: 26 })]);
    const state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, annotationDecorations(layout, plain, [outer, inner, tail])] });
    const set = annotationDecorationsKey.getState(state)!.decorations;
    const colours = set.find(undefined, undefined, (spec: AnnotationDecorationSpec) => !spec.edge);
    // An element of its own (nodeName): ProseMirror would otherwise merge overlapping spans' attributes into one element.
    for (const d of colours) expect((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs).toMatchObject({ nodeName: 'span', class: 'annotation label-claim' });
    expect(new Set(colours.map((d) => (d.spec as AnnotationDecorationSpec).annotationId))).toEqual(new Set(['outer', 'inner', 'tail']));

    const at = (position: number) =>
      set
        .find(position, position, (spec: AnnotationDecorationSpec) => spec.edge !== undefined)
        .filter((d) => d.from === position)
        .sort((a, b) => (a.spec as { side: number }).side - (b.spec as { side: number }).side)
        .map((d) => `${(d.spec as AnnotationDecorationSpec).edge === 'start' ? '[' : ']'}${(d.spec as AnnotationDecorationSpec).annotationId}`);
    // Both open at 0: the outer first. Inner closes before tail opens. Both outer and tail close at 26: the shorter first.
    expect(at(layout.positionAt(0))).toEqual(['[outer', '[inner']);
    expect(at(layout.positionAt(9, -1))).toEqual([']inner']);
    expect(at(layout.positionAt(26, -1))).toEqual([']tail', ']outer']);
    const touching = testAnnotation('touching', [fragmentAt(text, { start: 26, end: 31 })]);
    const next = state.apply(state.tr.setMeta(annotationDecorationsKey, { add: [touching], remove: [] }));
    const atEnd = annotationDecorationsKey
      .getState(next)!
      .decorations.find(layout.positionAt(26, -1), layout.positionAt(26, -1), (spec: AnnotationDecorationSpec) => spec.edge !== undefined)
      .sort((a, b) => (a.spec as { side: number }).side - (b.spec as { side: number }).side)
      .map((d) => `${(d.spec as AnnotationDecorationSpec).edge}:${(d.spec as AnnotationDecorationSpec).annotationId}`);
    expect(atEnd).toEqual(['end:tail', 'end:outer', 'start:touching']);
  });

  it('draws the focused annotation\'s brackets in the ring\'s colour and moves both with the focus', () => {
    const a = annotation('a', [[0, 9]]);
    const b = annotation('b', [[10, 11], [12, 26]]);
    let state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, annotationDecorations(layout, plain, [a, b])] });
    const ringedEdges = () =>
      annotationDecorationsKey
        .getState(state)!
        .decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.drawing?.focused === true)
        .map((d) => `${(d.spec as AnnotationDecorationSpec).annotationId}:${(d.spec as AnnotationDecorationSpec).edge}`)
        .sort();
    const colours = () =>
      annotationDecorationsKey
        .getState(state)!
        .decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => !spec.edge)
        .map((d) => `${(d.spec as AnnotationDecorationSpec).annotationId}:${(d as unknown as { type: { attrs: { class: string } } }).type.attrs.class}`)
        .sort();
    expect(ringedEdges()).toEqual([]);
    state = state.apply(state.tr.setMeta(annotationDecorationsKey, { focus: a }));
    expect(ringedEdges()).toEqual(['a:end', 'a:start']);
    // The ring is a class of the annotation's own elements, not elements of its own: focusing
    // changes no element wrapping the text.
    expect(colours()).toEqual(['a:annotation label-claim annotation-focused', 'b:annotation label-claim', 'b:annotation label-claim']);
    state = state.apply(state.tr.setMeta(annotationDecorationsKey, { focus: b }));
    expect(ringedEdges()).toEqual(['b:end', 'b:end', 'b:start', 'b:start']);
    expect(paintedDecorations(state)).toEqual(expectedDecorations(new Map([['a', a], ['b', b]]), lazySectionsKey.getState(state)!.drawn));
  });

  it('puts the link badge on the last fragment\'s closing bracket, and repaints an annotation when its links change', () => {
    const linked = annotation('linked', [[0, 9], [12, 26]]);
    const other = annotation('other', [[32, 36]]);
    let marks: LinkMarks = new Map([['linked', { count: 1, types: [{ id: 'supports', colour: '#22c55e' }], readings: [] }]]);
    const sources: AnnotationPaintSources = { labelsById: () => labels, linkMarks: () => marks };
    let state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, annotationDecorations(layout, sources, [linked, other])] });
    const badges = () =>
      annotationDecorationsKey
        .getState(state)!
        .decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.drawing?.mark !== undefined)
        .map((d) => `${(d.spec as AnnotationDecorationSpec).annotationId}@${layout.offsetAt(d.from)}:${(d.spec as AnnotationDecorationSpec).drawing!.mark!.count}`);
    expect(badges()).toEqual(['linked@26:1']);
    marks = new Map([
      ['linked', { count: 2, types: [{ id: 'supports', colour: '#22c55e' }, { id: 'same', colour: '#6366f1' }], readings: [] }],
      ['other', { count: 1, types: [{ id: 'same', colour: '#6366f1' }], readings: [] }],
    ]);
    state = state.apply(state.tr.setMeta(annotationDecorationsKey, { add: [linked, other], remove: [linked, other] }));
    expect(badges().sort()).toEqual(['linked@26:2', 'other@36:1']);
    marks = NO_LINK_MARKS;
    state = state.apply(state.tr.setMeta(annotationDecorationsKey, { add: [linked], remove: [linked] }));
    expect(badges()).toEqual(['other@36:1']);
    expect(paintedDecorations(state)).toEqual(expectedDecorations(new Map([['linked', linked], ['other', other]]), lazySectionsKey.getState(state)!.drawn));
  });
});
