import { describe, expect, it } from 'vitest';
import { planBatches, shouldRead } from './import-plan.js';

const file = (path: string, size: number, fromFolder = false) => ({ path, size, fromFolder });
const limits = { maxFileBytes: 1000, maxBatchBytes: 100 };

describe('planning the batches of an import', () => {
  it('sends small files together, large files in pieces, and refused files as one empty piece, in order', () => {
    const batches = planBatches([file('a.txt', 30), file('b.txt', 50), file('big.txt', 250), file('huge.txt', 5000), file('c.md', 10)], limits);
    expect(batches).toEqual([
      [{ index: 0, offset: 0, length: 30 }, { index: 1, offset: 0, length: 50 }],
      [{ index: 2, offset: 0, length: 100 }],
      [{ index: 2, offset: 100, length: 100 }],
      [{ index: 2, offset: 200, length: 50 }, { index: 3, offset: 0, length: 0 }, { index: 4, offset: 0, length: 10 }],
    ]);
    for (const batch of batches) expect(batch.reduce((n, p) => n + p.length, 0)).toBeLessThanOrEqual(100);
  });

  it('covers every byte of every file it reads exactly once', () => {
    const sizes = [0, 1, 99, 100, 101, 333, 1000];
    const pieces = planBatches(sizes.map((s, i) => file(`f${i}.txt`, s)), limits).flat();
    sizes.forEach((size, index) => {
      const mine = pieces.filter((p) => p.index === index);
      expect(mine.reduce((n, p) => n + p.length, 0)).toBe(size);
      mine.forEach((p, i) => expect(p.offset).toBe(i === 0 ? 0 : mine[i - 1]!.offset + mine[i - 1]!.length));
    });
  });

  it('caps the number of pieces in one batch', () => {
    const batches = planBatches(Array.from({ length: 450 }, (_, i) => file(`f${i}.txt`, 0)), { ...limits, maxPiecesPerBatch: 200 });
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('does not read what a folder holds besides article files, nor anything over the limit', () => {
    expect(shouldRead(file('news/a.txt', 10, true), 1000)).toBe(true);
    expect(shouldRead(file('news/photo.jpg', 10, true), 1000)).toBe(false);
    expect(shouldRead(file('news/.git/config', 10, true), 1000)).toBe(false);
    expect(shouldRead(file('README', 10, false), 1000)).toBe(true);
    expect(shouldRead(file('a.txt', 1001, false), 1000)).toBe(false);
  });
});
