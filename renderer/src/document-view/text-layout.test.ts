import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapSelection } from './selection-snapping.js';
import { TextLayout } from './text-layout.js';

const lineArbitrary = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/\n|\r/g, ''));
const textArbitrary = fc
  .array(fc.tuple(lineArbitrary, fc.integer({ min: 1, max: 3 })), { maxLength: 30 })
  .map((parts) => parts.map(([line, newlines]) => line + '\n'.repeat(newlines)).join(''));

describe('TextLayout', () => {
  it('shows every line as a paragraph, grouped in sections', () => {
    const layout = new TextLayout(' date 2024-01-01 Title\n\nFirst para\nSecond line\n', { paragraphs: 2, characters: 1000 });
    expect(layout.doc.childCount).toBe(2);
    expect(layout.doc.textBetween(0, layout.doc.content.size, '|')).toBe(' date 2024-01-01 Title|First para|Second line');
    expect(layout.doc.firstChild!.firstChild!.attrs.gap).toBe(true);
  });

  it('maps offsets inside a paragraph to positions and back exactly', () => {
    fc.assert(
      fc.property(textArbitrary, fc.nat(), fc.nat(), (text, a, b) => {
        const layout = new TextLayout(text, { paragraphs: 4, characters: 20 });
        let lineStart = 0;
        for (const line of text.split('\n')) {
          for (let i = 0; i < line.length; i++) {
            expect(layout.offsetAt(layout.positionAt(lineStart + i, 1))).toBe(lineStart + i);
            expect(layout.offsetAt(layout.positionAt(lineStart + i + 1, -1))).toBe(lineStart + i + 1);
          }
          if (line.length > 0) {
            const s = lineStart + (a % line.length);
            const e = s + 1 + (b % (lineStart + line.length - s));
            const range = layout.rangeAt(s, e)!;
            expect(layout.doc.textBetween(range.from, range.to)).toBe(text.slice(s, e));
          }
          lineStart += line.length + 1;
        }
      }),
    );
  });

  it('maps a selection across paragraphs to the text with its newlines', () => {
    const text = 'one\n\ntwo 👍🏽\n\nthree';
    const layout = new TextLayout(text);
    const from = layout.positionAt(text.indexOf('one'));
    const to = layout.positionAt(text.indexOf('three') + 2);
    expect(text.slice(layout.offsetAt(from), layout.offsetAt(to))).toBe('one\n\ntwo 👍🏽\n\nth');
    expect(layout.rangeAt(3, 5)).toBeNull();
  });

  it('lays out an empty text as one empty paragraph', () => {
    const layout = new TextLayout('');
    expect(layout.doc.content.size).toBe(4);
    expect(layout.offsetAt(2)).toBe(0);
  });

  it('maps any selection between two positions to the offsets of exactly the text shown between them, snapped or not', () => {
    const pieces = ['a', 'word', ' ', '\n', '\n\n', 'q\u0303', '👍🏽', '👨‍👩‍👧', '🇬🇧', 'שָׁ', 'مُ', '\u00a0', '.'];
    const richText = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(richText, fc.nat(), fc.nat(), fc.boolean(), (text, a, b, words) => {
        const layout = new TextLayout(text, { paragraphs: 3, characters: 10 });
        const positions: number[] = [];
        layout.doc.descendants((node, pos) => {
          if (node.type.name !== 'paragraph') return true;
          for (let i = 0; i <= node.content.size; i++) positions.push(pos + 1 + i);
          return false;
        });
        const from = positions[Math.min(a, b) % positions.length]!;
        const to = positions[Math.max(a, b) % positions.length]!;
        if (to <= from) return;
        const start = layout.offsetAt(from);
        const end = layout.offsetAt(to);
        // What the screen shows between the positions is the stored text between the offsets, less line ends.
        expect(text.slice(start, end).replace(/\n/g, '')).toBe(layout.doc.textBetween(from, to, ''));
        const snapped = snapSelection(text, { start, end }, { words });
        if (!snapped) return;
        const range = layout.rangeAt(snapped.start, snapped.end);
        if (!range) return;
        expect(layout.doc.textBetween(range.from, range.to, '')).toBe(text.slice(snapped.start, snapped.end).replace(/\n/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('closes a section at its paragraph or character limit and knows which section holds every position', () => {
    fc.assert(
      fc.property(textArbitrary, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 30 }), (text, paragraphs, characters) => {
        const layout = new TextLayout(text, { paragraphs, characters });
        expect(layout.sections.length).toBe(layout.doc.childCount);
        layout.doc.forEach((section, offset, index) => {
          const extent = layout.sections[index]!;
          expect(extent.from).toBe(offset);
          expect(extent.to).toBe(offset + section.nodeSize);
          expect(extent.paragraphs.length).toBe(section.childCount);
          expect(extent.characters).toBe(section.textContent.length);
          expect(text.slice(extent.start, extent.end).replace(/\n/g, '')).toBe(section.textContent);
          expect(section.childCount).toBeLessThanOrEqual(paragraphs);
          // Only the paragraph that crossed the character limit may end past it.
          const beforeLast = extent.characters - extent.paragraphs[extent.paragraphs.length - 1]!.length;
          expect(beforeLast).toBeLessThan(Math.max(characters, 1));
          for (let position = extent.from; position < extent.to; position++) expect(layout.sectionAt(position)).toBe(index);
        });
      }),
      { numRuns: 200 },
    );
  });
});
