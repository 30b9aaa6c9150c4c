import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitsSurrogatePair } from './code-points.js';
import { fragmentAt, QUOTE_CONTEXT_LENGTH } from './text-quote.js';

describe('fragmentAt', () => {
  it('keeps the exact text and up to 32 units of context each side', () => {
    const text = `${'p'.repeat(40)}QUOTE${'s'.repeat(40)}`;
    const fragment = fragmentAt(text, { start: 40, end: 45 });
    expect(fragment).toEqual({
      start: 40,
      end: 45,
      exact: 'QUOTE',
      prefix: 'p'.repeat(QUOTE_CONTEXT_LENGTH),
      suffix: 's'.repeat(QUOTE_CONTEXT_LENGTH),
    });
  });

  it('refuses empty, reversed, out-of-range and pair-splitting ranges', () => {
    expect(() => fragmentAt('abc', { start: 1, end: 1 })).toThrow();
    expect(() => fragmentAt('abc', { start: 2, end: 1 })).toThrow();
    expect(() => fragmentAt('abc', { start: 0, end: 4 })).toThrow();
    expect(() => fragmentAt('a😀', { start: 0, end: 2 })).toThrow(/splits a character/);
  });

  it('never cuts its context inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.nat(), fc.nat(), (text, a, b) => {
        const boundaries = [0];
        for (const char of text) boundaries.push(boundaries.at(-1)! + char.length);
        const start = boundaries[a % boundaries.length]!;
        const end = boundaries[b % boundaries.length]!;
        if (end <= start) return;
        const f = fragmentAt(text, { start, end });
        expect(f.exact).toBe(text.slice(start, end));
        expect(text.slice(start - f.prefix.length, end + f.suffix.length)).toBe(f.prefix + f.exact + f.suffix);
        expect(splitsSurrogatePair(text, start - f.prefix.length)).toBe(false);
        expect(splitsSurrogatePair(text, end + f.suffix.length)).toBe(false);
      }),
    );
  });
});
