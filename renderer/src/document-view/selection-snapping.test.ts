import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  graphemeStartAtOrBefore,
  nextGraphemeBoundary,
  previousGraphemeBoundary,
  snapSelection,
} from './selection-snapping.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Every grapheme boundary of a text. */
function boundaries(text: string): Set<number> {
  const set = new Set<number>([text.length]);
  for (const { index } of graphemeSegmenter.segment(text)) set.add(index);
  return set;
}

// Text rich in what breaks naive offset handling: emoji with skin tones and ZWJ, flags, combining
// marks, Hebrew and Arabic, non-breaking spaces and line breaks.
const pieces = ['a', 'é', 'q\u0303', 'e\u0301\u0323', '👍🏽', '👨‍👩‍👧', '🇬🇧', 'ש', 'ل', '\u00a0', ' ', '\n', 'word', '.', '漢'];
const textArbitrary = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('snapSelection', () => {
  it('never splits a grapheme and always covers what was selected (no word snapping)', () => {
    fc.assert(
      fc.property(textArbitrary, fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + 1 + (Math.max(a, b) % 5));
        if (end <= start) return;
        const snapped = snapSelection(text, { start, end }, { words: false })!;
        const all = boundaries(text);
        expect(all.has(snapped.start)).toBe(true);
        expect(all.has(snapped.end)).toBe(true);
        expect(snapped.start).toBeLessThanOrEqual(start);
        expect(snapped.end).toBeGreaterThanOrEqual(end);
      }),
    );
  });

  it('with word snapping, ends on grapheme boundaries and never starts or ends on white space', () => {
    fc.assert(
      fc.property(textArbitrary, fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + 1 + (Math.max(a, b) % 8));
        if (end <= start) return;
        const snapped = snapSelection(text, { start, end }, { words: true });
        if (!snapped) return;
        const all = boundaries(text);
        expect(all.has(snapped.start) && all.has(snapped.end)).toBe(true);
        expect(/\s/u.test(text[snapped.start]!)).toBe(false);
        expect(/\s/u.test(text[snapped.end - 1]!)).toBe(false);
      }),
    );
  });

  it('extends to whole words by default and leaves whole-word selections alone', () => {
    const text = 'Russell claims he has yet to get closure, said the café owner.';
    const mid = snapSelection(text, { start: 2, end: 10 }, { words: true })!;
    expect(text.slice(mid.start, mid.end)).toBe('Russell claims');
    const exact = snapSelection(text, { start: 0, end: 7 }, { words: true })!;
    expect(text.slice(exact.start, exact.end)).toBe('Russell');
    const punct = snapSelection(text, { start: 33, end: 41 }, { words: true })!;
    expect(text.slice(punct.start, punct.end)).toBe('closure,');
    const trimmed = snapSelection(text, { start: 7, end: 15 }, { words: true })!;
    expect(text.slice(trimmed.start, trimmed.end)).toBe('claims');
    expect(snapSelection(text, { start: 7, end: 8 }, { words: true })).toBeNull();
    const raw = snapSelection(text, { start: 2, end: 10 }, { words: false })!;
    expect(text.slice(raw.start, raw.end)).toBe('ssell cl');
  });

  it('keeps a combining sequence and an emoji whole', () => {
    const text = 'x q\u0303 👨‍👩‍👧 y';
    const inMark = snapSelection(text, { start: 3, end: 4 }, { words: false })!;
    expect(text.slice(inMark.start, inMark.end)).toBe('q\u0303');
    const inFamily = snapSelection(text, { start: 7, end: 9 }, { words: false })!;
    expect(text.slice(inFamily.start, inFamily.end)).toBe('👨‍👩‍👧');
  });

  it('steps one user-perceived character at a time', () => {
    const text = 'a👍🏽b🇬🇧';
    expect(nextGraphemeBoundary(text, 1)).toBe(5);
    expect(previousGraphemeBoundary(text, 5)).toBe(1);
    expect(nextGraphemeBoundary(text, 6)).toBe(10);
    expect(previousGraphemeBoundary(text, 0)).toBe(0);
    expect(graphemeStartAtOrBefore(text, 8)).toBe(6);
  });
});
