import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteFinder } from './quote-finder.js';

function scan(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

describe('QuoteFinder', () => {
  const big = Array.from({ length: 20_000 }, (_, i) => `w${i % 997} `).join('') + 'aaaaaaaaaa 👍🏽👍🏽';

  it('finds the same occurrences with its index as a scan does', () => {
    const finder = new QuoteFinder(big);
    for (let i = 0; i < 10; i++) finder.occurrences('warm up the index');
    for (const quote of ['w5 w6 ', 'w996 w0 ', 'aaaa', 'aaaaa', 'aaaaaaaaaa ', '👍🏽👍🏽', 'nowhere', 'w1 ', 'w', '']) {
      expect(finder.occurrences(quote)).toEqual(quote === '' ? [] : scan(big, quote));
    }
  });

  it('agrees with a scan on random quotes (property)', () => {
    const finder = new QuoteFinder(big);
    fc.assert(
      fc.property(fc.nat(big.length - 1), fc.integer({ min: 1, max: 40 }), (start, length) => {
        const quote = big.slice(start, start + length);
        expect(finder.occurrences(quote)).toEqual(scan(big, quote));
      }),
      { numRuns: 300 },
    );
  });
});
