import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../text/fold-for-matching.js';
import { QuoteIndex } from './quote-index.js';

const seedsDir = resolve(import.meta.dirname, '../../fixtures/seeds');
const seeds = readdirSync(seedsDir).sort().map((f) => readFileSync(join(seedsDir, f), 'utf8'));

describe('QuoteIndex', () => {
  const index = new QuoteIndex(seeds);

  it('finds the apology in the other outlets despite curly vs straight apostrophes', () => {
    const quote = 'Yesterday wasn’t my proudest day,” he wrote on Monday';
    const found = index.find('Yesterday wasn’t my proudest day', { exclude: new Set([2]) })!;
    expect([3, 4]).toContain(found.documentIndex);
    expect(seeds[found.documentIndex]!.slice(found.start, found.end)).toBe("Yesterday wasn't my proudest day");
    expect(found.errors).toBe(0);
    expect(index.find(quote)!.documentIndex).toBe(2);
  });

  it('finds Hamilton’s reply across its wording drift (mistakes/mistake, will/can)', () => {
    const found = index.find('If you don’t make the mistakes you will never learn', { exclude: new Set([2]), maxErrorRate: 0.15 })!;
    expect(found.documentIndex).toBe(3);
    expect(seeds[3]!.slice(found.start, found.end)).toMatch(/make the mistake you can never learn/);
    expect(found.errors).toBeGreaterThan(0);
  });

  it('finds nothing for text no outlet carries', () => {
    expect(index.find('The stewards awarded a ten-second penalty to both drivers for dangerous driving.')).toBeNull();
  });

  it('agrees with scanning every document on quotes with up to 10% edits', () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom('x', 'q', '')), { maxLength: 8 }), (d, at, edits) => {
        const text = seeds[d]!;
        const start = at % (text.length - 120);
        const chars = [...text.slice(start, start + 100)];
        for (const [where, what] of edits) chars.splice(where % chars.length, 1, what);
        const quote = chars.join('');
        const indexed = index.find(quote);
        const scanned = index.findByScanning(quote);
        expect(indexed?.errors ?? null).toBe(scanned?.errors ?? null);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });

  it('folds case, quote marks and no-break spaces without changing length', () => {
    const text = 'Russell’s “DRS”\u00a0Move';
    expect(foldForMatching(text)).toBe('russell\'s "drs" move');
    expect(foldForMatching(text)).toHaveLength(text.length);
  });
});
