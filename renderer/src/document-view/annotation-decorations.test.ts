import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotation.js';
import { testAnnotation } from '../../../shared/model/annotation.test-support.js';
import { defaultLabels } from '../../../shared/model/label-schema.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { annotationDecorations, annotationDecorationsKey, annotationsAt, type AnnotationDecorationSpec } from './annotation-decorations.js';
import { lazySections, lazySectionsKey } from './lazy-sections.js';
import { TextLayout } from './text-layout.js';

// 100 paragraphs in 25 sections: the first few are drawn when the article opens, the rest are not.
const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} says something 👍🏽 here. `.repeat(6).trim()).join('\n');
const layout = new TextLayout(text, { paragraphs: 4, characters: 10_000 });
const initiallyDrawn = lazySectionsKey.getState(EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin] }))!.drawn;
const labels = new Map(defaultLabels.map((l) => [l.id, l]));

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

/** The colour decorations a state should hold: one per fragment of every annotation touching a drawn section. */
function expectedDecorations(annotations: ReadonlyMap<string, Annotation>, drawn: ReadonlySet<number>): string[] {
  const expected: string[] = [];
  for (const a of annotations.values()) {
    const ranges = a.fragments.map((f) => layout.rangeAt(f.start, f.end)!);
    const touches = ranges.some((r) => {
      for (let s = layout.sectionAt(r.from); s <= layout.sectionAt(r.to - 1); s++) if (drawn.has(s)) return true;
      return false;
    });
    if (touches) for (const r of ranges) expected.push(`${a.id}:${r.from}-${r.to}`);
  }
  return expected.sort();
}

function paintedDecorations(state: EditorState): string[] {
  return annotationDecorationsKey
    .getState(state)!
    .decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => !spec.focus)
    .map((d) => `${(d.spec as AnnotationDecorationSpec).annotationId}:${d.from}-${d.to}`)
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
          plugins: [lazy.plugin, annotationDecorations(layout, () => labels, [...first.values()])],
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
          const rings = annotationDecorationsKey.getState(state)!.decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.focus === true);
          expect(new Set(rings.map((d) => (d.spec as AnnotationDecorationSpec).annotationId))).toEqual(new Set(focus ? [focus] : []));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tells which annotations are under a position in a drawn section, innermost first', () => {
    const outer = annotation('outer', [[0, 40]]);
    const inner = annotation('inner', [[10, 19]]);
    const state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, annotationDecorations(layout, () => labels, [outer, inner])] });
    expect(annotationsAt(state, layout.positionAt(12))).toEqual(['inner', 'outer']);
    expect(annotationsAt(state, layout.positionAt(30))).toEqual(['outer']);
  });
});
