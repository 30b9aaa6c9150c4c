import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../text/code-points.js';
import { offsetConverter } from './offset-unit.js';

const astralHeavy = fc.array(
  fc.oneof(fc.constantFrom('a', '\n', 'é', 'e\u0301', '😢', '🇺🇦', '👨‍👩‍👧', '\u00a0', 'ש', '\u{10FFFF}'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  { maxLength: 60 },
).map((parts) => parts.join(''));

describe('code-point offsets', () => {
  it('convert UTF-16 ↔ code points and back on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(astralHeavy, (text) => {
        const index = new CodePointIndex(text);
        const points = Array.from(text);
        expect(index.codePointLength).toBe(points.length);
        let utf16 = 0;
        for (let cp = 0; cp <= points.length; cp++) {
          expect(index.toUtf16(cp)).toBe(utf16);
          expect(index.toCodePoint(utf16)).toBe(cp);
          utf16 += points[cp]?.length ?? 0;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('slice the same text in both units (property)', () => {
    fc.assert(
      fc.property(astralHeavy, fc.nat(), fc.nat(), (text, a, b) => {
        const points = Array.from(text);
        const [s, e] = [a % (points.length + 1), b % (points.length + 1)].sort((x, y) => x - y) as [number, number];
        const index = new CodePointIndex(text);
        const toCp = offsetConverter(text, 'codePoint');
        const start = index.toUtf16(s);
        const end = index.toUtf16(e);
        expect(text.slice(start, end)).toBe(points.slice(s, e).join(''));
        expect([toCp(start), toCp(end)]).toEqual([s, e]);
        expect(offsetConverter(text, 'utf16')(end)).toBe(end);
      }),
      { numRuns: 500 },
    );
  });
});
