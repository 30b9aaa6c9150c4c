import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { findAllInText } from '../../../shared/text/find-text.js';
import { lazySections, lazySectionsKey } from './lazy-sections.js';
import { testAnnotation } from '../../../shared/model/annotation.test-support.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { overlayDecorations, overlayDecorationsKey, withoutLandedLabels, type OverlayRanges, type OverlaySpec } from './overlay-decorations.js';
import { TextLayout } from './text-layout.js';

// 120 paragraphs in 30 sections; "needle" appears in every paragraph, twice in some, and once across a line end.
const text = Array.from({ length: 120 }, (_, i) => `Line ${i}: a needle ${i % 3 === 0 ? 'and another needle ' : ''}in the haystack 👍🏽 nee`).join('\ndle ');
const layout = new TextLayout(text, { paragraphs: 4, characters: 10_000 });
const hits = findAllInText(text, 'needle');

/** What should be painted: every hit reaching into a drawn section, once, as text ranges. */
function expected(drawn: ReadonlySet<number>, current: number): string[] {
  return hits
    .map((hit, i) => ({ hit, i }))
    .filter(({ hit }) => [...drawn].some((s) => hit.start < layout.sections[s]!.end && hit.end > layout.sections[s]!.start))
    .flatMap(({ hit, i }) => {
      const at = layout.rangeAt(hit.start, hit.end);
      return at ? [`${at.from}-${at.to}${i === current ? ' current' : ''}`] : [];
    })
    .sort();
}

function painted(state: EditorState): string[] {
  return overlayDecorationsKey
    .getState(state)!
    .decorations.find()
    .map((d) => `${d.from}-${d.to}${(d.spec as OverlaySpec).currentHit ? ' current' : ''}`)
    .sort();
}

describe('search hits over lazily drawn sections', () => {
  it('paints every hit that reaches into a drawn section, once, and no other, as sections come and go', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.nat(layout.sections.length - 1)), fc.array(fc.nat(layout.sections.length - 1))), { maxLength: 12 }), fc.integer({ min: -1, max: hits.length - 1 }), (steps, current) => {
        let state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, overlayDecorations(layout)] });
        const ranges: OverlayRanges = { searchHits: hits, currentHit: current, pending: [], saving: [] };
        state = state.apply(state.tr.setMeta(overlayDecorationsKey, ranges));
        expect(painted(state)).toEqual(expected(lazySectionsKey.getState(state)!.drawn, current));
        for (const [draw, drop] of steps) {
          const drawn = lazySectionsKey.getState(state)!.drawn;
          const toDraw = [...new Set(draw)].filter((s) => !drawn.has(s));
          const toDrop = [...new Set(drop)].filter((s) => drawn.has(s) && !toDraw.includes(s));
          state = state.apply(state.tr.setMeta(lazySectionsKey, { draw: toDraw, drop: toDrop }));
          expect(painted(state)).toEqual(expected(lazySectionsKey.getState(state)!.drawn, current));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('paints pieces and unsaved labels wherever they are', () => {
    let state = EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin, overlayDecorations(layout)] });
    const far = layout.sections[layout.sections.length - 1]!;
    const ranges: OverlayRanges = { searchHits: [], currentHit: -1, pending: [{ start: far.start, end: far.start + 4 }], saving: [{ labelId: 'claim', ranges: [{ start: 0, end: 4 }] }] };
    state = state.apply(state.tr.setMeta(overlayDecorationsKey, ranges));
    expect(overlayDecorationsKey.getState(state)!.decorations.find()).toHaveLength(2);
  });

  it('takes away the unsaved labels that painted annotations now show, and only those', () => {
    const unsaved = [
      { labelId: 'claim', ranges: [{ start: 0, end: 4 }] },
      { labelId: 'quote', ranges: [{ start: 10, end: 16 }, { start: 20, end: 24 }] },
    ];
    const ranges: OverlayRanges = { searchHits: [], currentHit: -1, pending: [], saving: unsaved };
    const quote = { ...testAnnotation('q', [fragmentAt(text, { start: 10, end: 16 }), fragmentAt(text, { start: 20, end: 24 })]), labelId: 'quote' };
    expect(withoutLandedLabels(ranges, [quote])).toEqual({ ...ranges, saving: [unsaved[0]] });
    // Another label, or other ranges, is another annotation: nothing landed.
    expect(withoutLandedLabels(ranges, [{ ...quote, labelId: 'fact' }])).toBeNull();
    expect(withoutLandedLabels(ranges, [{ ...testAnnotation('c', [fragmentAt(text, { start: 0, end: 5 })]), labelId: 'claim' }])).toBeNull();
    expect(withoutLandedLabels({ ...ranges, saving: [] }, [quote])).toBeNull();
  });
});
