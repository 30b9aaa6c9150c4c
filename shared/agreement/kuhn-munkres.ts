/**
 * The assignment problem: pair each row of a weight matrix with at most one column, each column
 * with at most one row, so that the paired weights add up to the most. Solved by the Kuhn–Munkres
 * (Hungarian) method with potentials and shortest augmenting paths, in O(r²·c) time for r ≤ c
 * (O(n³) on a square matrix).
 */

/** The best assignment of a weight matrix. */
export interface Assignment {
  /** For each row, the column it is paired with, or null when the matrix has more rows than columns and this row got none. */
  columnOfRow: (number | null)[];
  /** The sum of the paired weights. */
  total: number;
}

/**
 * The assignment with the largest total weight. `weights[row][column]`: every row as long as the
 * others, every weight a finite number (a missing pairing is a weight of 0, or a large negative
 * weight when it must not be chosen). With more rows than columns, some rows stay unpaired; with
 * more columns than rows, some columns do. Ties are broken deterministically (the same matrix
 * always gives the same assignment).
 */
export function maximumWeightAssignment(weights: readonly (readonly number[])[]): Assignment {
  const rows = weights.length;
  const columns = rows === 0 ? 0 : weights[0]!.length;
  for (const [r, row] of weights.entries()) {
    if (row.length !== columns) throw new Error(`Assignment weights: row ${r} has ${row.length} columns, row 0 has ${columns}.`);
    for (const w of row) if (!Number.isFinite(w)) throw new Error(`Assignment weights: row ${r} holds ${w}, not a finite number.`);
  }
  if (rows === 0 || columns === 0) return { columnOfRow: new Array<null>(rows).fill(null), total: 0 };
  const columnOfRow: (number | null)[] = new Array<number | null>(rows).fill(null);
  if (rows <= columns) {
    const rowOfColumn = minimumCostRowsToColumns(rows, columns, (r, c) => -weights[r]![c]!);
    rowOfColumn.forEach((r, c) => {
      if (r >= 0) columnOfRow[r] = c;
    });
  } else {
    // More rows than columns: solve the transposed problem, whose rows are our columns.
    const columnOfTransposedColumn = minimumCostRowsToColumns(columns, rows, (c, r) => -weights[r]![c]!);
    columnOfTransposedColumn.forEach((c, r) => {
      if (c >= 0) columnOfRow[r] = c;
    });
  }
  let total = 0;
  columnOfRow.forEach((c, r) => {
    if (c !== null) total += weights[r]![c]!;
  });
  return { columnOfRow, total };
}

/**
 * Internal: the Hungarian method for `n` rows and `m ≥ n` columns, minimising the cost. Returns,
 * for each column, the row assigned to it (−1 for none). Every row is assigned.
 */
function minimumCostRowsToColumns(n: number, m: number, cost: (row: number, column: number) => number): Int32Array {
  // 1-based internally: row 0 and column 0 are the sentinels of the augmenting search.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOf = new Int32Array(m + 1); // rowOf[j]: the row assigned to column j (0: none)
  const way = new Int32Array(m + 1);
  const minCost = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    minCost.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (reduced < minCost[j]!) {
          minCost[j] = reduced;
          way[j] = j0;
        }
        if (minCost[j]! < delta) {
          delta = minCost[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = rowOf[j]!;
          u[row] = u[row]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minCost[j] = minCost[j]! - delta;
        }
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    // Flip the augmenting path back to the start.
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Int32Array(m);
  for (let j = 1; j <= m; j++) result[j - 1] = rowOf[j]! - 1;
  return result;
}
