import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { drawnSections, lazySections, lazySectionsKey } from './lazy-sections.js';
import { TextLayout } from './text-layout.js';

const text = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} of a long article, with some words in it.`).join('\n');
const layout = new TextLayout(text, { paragraphs: 5, characters: 100_000 });

function openState(): EditorState {
  return EditorState.create({ doc: layout.doc, plugins: [lazySections(layout, () => {}).plugin] });
}

describe('lazy sections', () => {
  it('draws the first sections when the article opens, not the rest', () => {
    const drawn = drawnSections(openState());
    expect(drawn.has(0)).toBe(true);
    expect(drawn.has(layout.sections.length - 1)).toBe(false);
  });

  it('draws the sections where a selection ends, so select-all reaches the end of the text', () => {
    let state = openState();
    const last = layout.sections.length - 1;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2, state.doc.content.size - 2)));
    expect(drawnSections(state).has(last)).toBe(true);
    expect(layout.offsetAt(state.selection.to)).toBe(text.length);
    // A selection inside one far section draws it, and only it.
    const middle = layout.sections[200]!;
    const before = drawnSections(state).size;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, middle.from + 2, middle.from + 6)));
    expect(drawnSections(state).has(200)).toBe(true);
    expect(drawnSections(state).size).toBe(before + 1);
  });

  it('draws and drops what it is told, in one transaction', () => {
    let state = openState();
    const first = [...drawnSections(state)];
    expect(first).not.toContain(70);
    state = state.apply(state.tr.setMeta(lazySectionsKey, { draw: [70, 90], drop: first }));
    expect([...drawnSections(state)].sort((a, b) => a - b)).toEqual([70, 90]);
    // Each drawn section is marked by one node decoration covering exactly that section.
    const marks = lazySectionsKey.getState(state)!.decorations.find();
    expect(marks.map((d) => [d.from, d.to])).toEqual([70, 90].map((i) => [layout.sections[i]!.from, layout.sections[i]!.to]));
  });
});
