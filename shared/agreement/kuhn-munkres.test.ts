import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom } from './seeded-random.test-support.js';
import { maximumWeightAssignment } from './kuhn-munkres.js';

/** The best total by trying every complete pairing of rows with distinct columns (small matrices only). */
function bruteForceBest(weights: number[][]): number {
  const columns = weights[0]?.length ?? 0;
  const best = (row: number, used: Set<number>, skipsLeft: number): number => {
    if (row === weights.length) return 0;
    // A row may stay unpaired only while there are more rows than columns.
    let top = skipsLeft > 0 ? best(row + 1, used, skipsLeft - 1) : -Infinity;
    for (let c = 0; c < columns; c++) {
      if (used.has(c)) continue;
      used.add(c);
      top = Math.max(top, weights[row]![c]! + best(row + 1, used, skipsLeft));
      used.delete(c);
    }
    return top;
  };
  return best(0, new Set(), Math.max(0, weights.length - columns));
}

describe('maximumWeightAssignment', () => {
  it('solves the example of scipy.optimize.linear_sum_assignment (cost [[4,1,3],[2,0,5],[3,2,2]]: columns 1, 0, 2, cost 5)', () => {
    // Minimising a cost is maximising its negation.
    const assignment = maximumWeightAssignment([
      [-4, -1, -3],
      [-2, -0, -5],
      [-3, -2, -2],
    ]);
    expect(assignment.columnOfRow).toEqual([1, 0, 2]);
    expect(assignment.total).toBe(-5);
  });

  it('leaves rows unpaired when there are more rows than columns, and columns when more columns', () => {
    // Worked by hand: the two columns go to rows 1 (0.9) and 2 (0.8): 1.7 beats row 0's 0.5 + 0.8.
    expect(maximumWeightAssignment([[0.5, 0.1], [0.9, 0.2], [0.2, 0.8]])).toEqual({ columnOfRow: [null, 0, 1], total: 0.9 + 0.8 });
    expect(maximumWeightAssignment([[0.1, 0.5, 0.3]])).toEqual({ columnOfRow: [1], total: 0.5 });
    expect(maximumWeightAssignment([])).toEqual({ columnOfRow: [], total: 0 });
    expect(maximumWeightAssignment([[], []])).toEqual({ columnOfRow: [null, null], total: 0 });
  });

  it('prefers the global optimum over the greedy choice', () => {
    // Greedy takes 10 (row 0, column 0) and is left with 1: 11. The optimum is 9 + 9 = 18.
    expect(maximumWeightAssignment([[10, 9], [9, 1]])).toEqual({ columnOfRow: [1, 0], total: 18 });
  });

  it('matches trying every pairing on random matrices, square or not', () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((rows) =>
      fc.integer({ min: 1, max: 6 }).chain((columns) =>
        fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      ),
    );
    fc.assert(
      fc.property(matrix, (weights) => {
        const { columnOfRow, total } = maximumWeightAssignment(weights);
        const paired = columnOfRow.filter((c) => c !== null);
        expect(new Set(paired).size).toBe(paired.length);
        expect(paired.length).toBe(Math.min(weights.length, weights[0]!.length));
        expect(total).toBe(bruteForceBest(weights.map((row) => row.map((w) => w))));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a ragged matrix and a weight that is not a finite number', () => {
    expect(() => maximumWeightAssignment([[1, 2], [3]])).toThrow(/row 1 has 1 columns, row 0 has 2/);
    expect(() => maximumWeightAssignment([[1, Number.NaN]])).toThrow(/row 0 holds NaN/);
  });

  it('solves a 300 × 300 matrix', () => {
    const random = seededRandom(11);
    const weights = Array.from({ length: 300 }, () => Array.from({ length: 300 }, () => random()));
    const { columnOfRow, total } = maximumWeightAssignment(weights);
    expect(new Set(columnOfRow).size).toBe(300);
    // Every row gets a weight near its best: random weights in [0, 1) give an optimum close to 300.
    expect(total).toBeGreaterThan(290);
  });
});
