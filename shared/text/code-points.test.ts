import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, splitsSurrogatePair } from './code-points.js';

describe('CodePointIndex', () => {
  it('converts around emoji, flags and combining marks', () => {
    const text = 'a👍🏽b🇬🇧e\u0301c';
    const index = new CodePointIndex(text);
    expect(index.toCodePoint(1)).toBe(1);
    expect(index.toCodePoint(5)).toBe(3); // after 👍 (2 units) and 🏽 (2 units)
    expect(index.toCodePoint(text.length)).toBe([...text].length);
    expect(index.codePointLength).toBe([...text].length);
    expect(() => index.toCodePoint(2)).toThrow(/splits a surrogate pair/);
  });

  it('round-trips every boundary of arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const index = new CodePointIndex(text);
        let utf16 = 0;
        for (const [cp, char] of [...text].entries()) {
          expect(index.toCodePoint(utf16)).toBe(cp);
          expect(index.toUtf16(cp)).toBe(utf16);
          utf16 += char.length;
        }
        expect(index.toUtf16(index.codePointLength)).toBe(text.length);
      }),
    );
  });

  it('knows which offsets split a surrogate pair', () => {
    expect(splitsSurrogatePair('x😀y', 2)).toBe(true);
    expect(splitsSurrogatePair('x😀y', 1)).toBe(false);
    expect(splitsSurrogatePair('x😀y', 3)).toBe(false);
  });
});
