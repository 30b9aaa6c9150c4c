import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAllInText } from './find-text.js';

describe('findAllInText', () => {
  it('finds every occurrence, ignoring case by default', () => {
    expect(findAllInText('Russell and russell and RUSSELL', 'russell')).toEqual([
      { start: 0, end: 7 },
      { start: 12, end: 19 },
      { start: 24, end: 31 },
    ]);
    expect(findAllInText('Russell and russell', 'russell', { caseSensitive: true })).toEqual([{ start: 12, end: 19 }]);
  });

  it('keeps offsets in the original text where lower-casing changes length', () => {
    const text = 'İstanbul and istanbul (a+b)';
    expect(findAllInText(text, 'istanbul', { caseSensitive: true })).toEqual([{ start: 13, end: 21 }]);
    expect(findAllInText(text, '(a+b)')).toEqual([{ start: 22, end: 27 }]);
  });

  it('returns ranges whose text equals the query ignoring case, and respects the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), (text, query) => {
        const hits = findAllInText(text, query, { caseSensitive: true });
        for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(query);
        hits.forEach((hit, i) => i > 0 && expect(hit.start).toBeGreaterThanOrEqual(hits[i - 1]!.end));
        expect(findAllInText(text, query, { caseSensitive: true, limit: 1 }).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
