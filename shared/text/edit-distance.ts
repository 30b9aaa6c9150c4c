/**
 * The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions of UTF-16
 * units, each costing 1), or `limit + 1` when it is larger than `limit`. Only the cells within
 * `limit` of the diagonal are computed, so a close pair costs about `a.length × (2 × limit + 1)`
 * steps however long the texts are.
 */
export function editDistance(a: string, b: string, limit = Math.max(a.length, b.length)): number {
  const n = a.length;
  const m = b.length;
  const over = limit + 1;
  if (Math.abs(n - m) > limit) return over;
  // previous[j] / current[j]: the distance between a[0..i) and b[0..j); the cell just past either
  // side of the band is set to `over`, so the band's own cells never read a stale value.
  let previous = new Int32Array(m + 2).fill(over);
  let current = new Int32Array(m + 2).fill(over);
  for (let j = 0; j <= Math.min(m, limit); j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const from = i - limit > 1 ? i - limit : 1;
    const to = i + limit < m ? i + limit : m;
    let left = from === 1 && i <= limit ? i : over;
    current[from - 1] = left;
    let diagonal = previous[from - 1]!;
    let best = left;
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const up = previous[j]!;
      let value = diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < value) value = up + 1;
      if (left + 1 < value) value = left + 1;
      current[j] = value;
      if (value < best) best = value;
      diagonal = up;
      left = value;
    }
    current[to + 1] = over;
    if (best > limit) return over;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[m]! < over ? previous[m]! : over;
}
