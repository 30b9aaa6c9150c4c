/**
 * Krippendorff's alpha: how far coders agree when each gives a unit one value, corrected for the
 * agreement chance would produce. α = 1 − D_o / D_e, the observed disagreement within units over the
 * disagreement expected from how often each value was used at all. Any number of coders, missing
 * values, and four levels of measurement (which difference between two values counts).
 *
 * Defined in Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability", Annenberg School
 * for Communication, University of Pennsylvania (the coincidence-matrix computation), and in
 * Krippendorff, K. (2004) Content Analysis: An Introduction to Its Methodology, 2nd ed., ch. 11.
 *
 * The coincidence matrix is summed unit by unit from each unit's own values (o_ck gains
 * 1/(m_u − 1) for each ordered pair of values c, k of different coders in unit u), never by
 * comparing values across units. Its margins n_c give the expected disagreement: in closed form for
 * nominal, ordinal and interval data, and over the distinct values (V² pairs) for ratio data.
 */

/** The level of measurement of the values being compared (which difference function alpha uses). */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** A value one coder gave one unit. */
export type AlphaValue = string | number | boolean;

/** Krippendorff's alpha and the figures it is made of. */
export interface AlphaResult {
  /** Krippendorff's alpha, or null when it is undefined (fewer than 2 pairable values, or no variation at all: expected disagreement 0). */
  alpha: number | null;
  /** D_o: the mean difference between two values of different coders in one unit. */
  observedDisagreement: number;
  /** D_e: the mean difference between any two pairable values, whichever units they are in. */
  expectedDisagreement: number;
  /** n: the number of pairable values (values in units coded by at least two coders). */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
}

/** Options of `krippendorffAlpha`. */
export interface AlphaOptions {
  /** Ordinal data only: every value in rank order, lowest first (values no one gave may be listed too). */
  order?: readonly AlphaValue[];
}

/**
 * Krippendorff's alpha of reliability data: `units[u][c]` is the value coder `c` gave unit `u`, or
 * null (or absent) when that coder gave none. Only units with at least two values count.
 *
 * - nominal: two values differ by 1 when they are not the same value (`1` and `'1'` are different values).
 * - ordinal: by the squared count of values ranked between them (Krippendorff 2011), ranked by
 *   `options.order`, else numbers numerically, strings by `localeCompare`, `false` before `true`.
 * - interval: by (c − k)². ratio: by ((c − k) / (c + k))². Both take non-negative (ratio) or any
 *   finite numbers only.
 *
 * Throws an Error naming the unit, the coder and the value for a value the level cannot use.
 */
export function krippendorffAlpha(
  units: readonly (readonly (AlphaValue | null)[])[],
  level: AlphaLevel,
  options: AlphaOptions = {},
): AlphaResult {
  const data = collectPairableValues(units, level);
  const n = data.valueIndices.length;
  const result: AlphaResult = {
    alpha: null,
    observedDisagreement: 0,
    expectedDisagreement: 0,
    pairableValues: n,
    pairableUnits: data.unitStarts.length - 1,
  };
  if (n < 2) return result;

  const margins = new Float64Array(data.values.length);
  for (const index of data.valueIndices) margins[index]! += 1;
  const difference = differenceFunction(level, data.values, margins, options.order);

  result.observedDisagreement = observedDifferenceSum(data, difference.between) / n;
  result.expectedDisagreement = difference.expectedSum() / (n * (n - 1));
  if (result.expectedDisagreement > 0) result.alpha = 1 - result.observedDisagreement / result.expectedDisagreement;
  return result;
}

/** Internal: the pairable values, as indices into the distinct values, grouped by unit. */
interface PairableValues {
  /** The distinct values, in the order first met. */
  values: AlphaValue[];
  /** Every pairable value's index into `values`, unit after unit. */
  valueIndices: number[];
  /** Where each pairable unit's values start in `valueIndices`, and a last entry: its length. */
  unitStarts: number[];
}

function collectPairableValues(units: readonly (readonly (AlphaValue | null)[])[], level: AlphaLevel): PairableValues {
  const indexOf = new Map<AlphaValue, number>();
  const values: AlphaValue[] = [];
  const valueIndices: number[] = [];
  const unitStarts: number[] = [0];
  for (let u = 0; u < units.length; u++) {
    const row = units[u]!;
    let given = 0;
    for (const value of row) if (value !== null && value !== undefined) given++;
    if (given < 2) continue;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === null || value === undefined) continue;
      checkValue(value, level, u, c);
      let index = indexOf.get(value);
      if (index === undefined) {
        index = values.length;
        indexOf.set(value, index);
        values.push(value);
      }
      valueIndices.push(index);
    }
    unitStarts.push(valueIndices.length);
  }
  return { values, valueIndices, unitStarts };
}

function checkValue(value: AlphaValue, level: AlphaLevel, unit: number, coder: number): void {
  const numeric = level === 'interval' || level === 'ratio';
  if (typeof value === 'number' ? Number.isFinite(value) && !(level === 'ratio' && value < 0) : !numeric) return;
  const where = `unit ${unit}, coder ${coder}`;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`Krippendorff's alpha: ${where} gave ${value}, which is not a finite number`);
  }
  if (typeof value !== 'number') {
    throw new Error(`Krippendorff's alpha at the ${level} level needs numbers; ${where} gave ${JSON.stringify(value)}`);
  }
  throw new Error(`Krippendorff's alpha at the ratio level needs numbers of at least 0; ${where} gave ${value}`);
}

/** Internal: the squared difference between two distinct values, and the sum of n_c · n_k · δ²(c, k) over all c, k. */
interface DifferenceFunction {
  between(c: number, k: number): number;
  expectedSum(): number;
}

function differenceFunction(
  level: AlphaLevel,
  values: readonly AlphaValue[],
  margins: Float64Array,
  order: readonly AlphaValue[] | undefined,
): DifferenceFunction {
  switch (level) {
    case 'nominal':
      return {
        between: (c, k) => (c === k ? 0 : 1),
        expectedSum: () => {
          let n = 0;
          let sumOfSquares = 0;
          for (const count of margins) {
            n += count;
            sumOfSquares += count * count;
          }
          return n * n - sumOfSquares;
        },
      };
    case 'interval':
      return squaredDistanceOf(Float64Array.from(values as number[]), margins);
    case 'ordinal':
      return squaredDistanceOf(ordinalPositions(values, margins, order), margins);
    case 'ratio': {
      const numbers = values as number[];
      const between = (c: number, k: number): number => {
        const sum = numbers[c]! + numbers[k]!;
        return sum === 0 ? 0 : ((numbers[c]! - numbers[k]!) / sum) ** 2;
      };
      return {
        between,
        expectedSum: () => {
          let total = 0;
          for (let c = 0; c < numbers.length; c++) {
            for (let k = c + 1; k < numbers.length; k++) total += 2 * margins[c]! * margins[k]! * between(c, k);
          }
          return total;
        },
      };
    }
  }
}

/**
 * Internal: δ²(c, k) = (p_c − p_k)² for positions p. Σ_c Σ_k n_c n_k (p_c − p_k)² = 2n Σ_c n_c (p_c − p̄)²,
 * taken around the mean so that large, close values lose no precision.
 */
function squaredDistanceOf(positions: Float64Array, margins: Float64Array): DifferenceFunction {
  return {
    between: (c, k) => (positions[c]! - positions[k]!) ** 2,
    expectedSum: () => {
      let n = 0;
      let weighted = 0;
      for (let c = 0; c < positions.length; c++) {
        n += margins[c]!;
        weighted += margins[c]! * positions[c]!;
      }
      const mean = weighted / n;
      let spread = 0;
      for (let c = 0; c < positions.length; c++) spread += margins[c]! * (positions[c]! - mean) ** 2;
      return 2 * n * spread;
    },
  };
}

/**
 * Internal: the ordinal difference (Σ_{g=c..k} n_g − (n_c + n_k)/2)² is (M_k − M_c)², where M_g is the
 * number of values ranked below g plus half of g's own: so ordinal alpha is interval alpha on M.
 */
function ordinalPositions(values: readonly AlphaValue[], margins: Float64Array, order: readonly AlphaValue[] | undefined): Float64Array {
  const ranked = order ? checkedOrder(values, order) : defaultOrder(values);
  const rankOf = new Map<AlphaValue, number>();
  ranked.forEach((value, rank) => rankOf.set(value, rank));
  const byRank = new Float64Array(ranked.length);
  values.forEach((value, index) => (byRank[rankOf.get(value)!] = margins[index]!));
  const positionByRank = new Float64Array(ranked.length);
  let below = 0;
  for (let rank = 0; rank < ranked.length; rank++) {
    positionByRank[rank] = below + byRank[rank]! / 2;
    below += byRank[rank]!;
  }
  return Float64Array.from(values, (value) => positionByRank[rankOf.get(value)!]!);
}

function checkedOrder(values: readonly AlphaValue[], order: readonly AlphaValue[]): readonly AlphaValue[] {
  const listed = new Set<AlphaValue>();
  for (const value of order) {
    if (listed.has(value)) throw new Error(`Krippendorff's alpha: the ordinal order lists ${JSON.stringify(value)} twice`);
    listed.add(value);
  }
  for (const value of values) {
    if (!listed.has(value)) throw new Error(`Krippendorff's alpha: the value ${JSON.stringify(value)} is not in the ordinal order`);
  }
  return order;
}

function defaultOrder(values: readonly AlphaValue[]): AlphaValue[] {
  const kinds = new Set(values.map((value) => typeof value));
  if (kinds.size > 1) {
    throw new Error(`Krippendorff's alpha: ordinal values of mixed kinds (${[...kinds].sort().join(', ')}) need an explicit order`);
  }
  return [...values].sort((a, b) => {
    if (typeof a === 'number') return a - (b as number);
    if (typeof a === 'boolean') return Number(a) - Number(b);
    return a.localeCompare(b as string) || (a < (b as string) ? -1 : a > (b as string) ? 1 : 0);
  });
}

/** Internal: Σ_u Σ_{pairs of different coders' values in u} δ² / (m_u − 1), the coincidence matrix weighted by δ². */
function observedDifferenceSum(data: PairableValues, between: (c: number, k: number) => number): number {
  const { valueIndices, unitStarts } = data;
  let total = 0;
  for (let u = 0; u + 1 < unitStarts.length; u++) {
    const start = unitStarts[u]!;
    const end = unitStarts[u + 1]!;
    let unitSum = 0;
    for (let i = start; i < end; i++) {
      const c = valueIndices[i]!;
      for (let j = i + 1; j < end; j++) {
        const k = valueIndices[j]!;
        if (c !== k) unitSum += between(c, k);
      }
    }
    // Each unordered pair stands for the two ordered pairs (c, k) and (k, c) of the coincidence matrix.
    total += (2 * unitSum) / (end - start - 1);
  }
  return total;
}
