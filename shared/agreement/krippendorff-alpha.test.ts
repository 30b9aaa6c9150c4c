import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { krippendorffAlpha, type AlphaLevel, type AlphaValue } from './krippendorff-alpha.js';

/** Reliability data written as one row per coder (as the papers print it), turned into one row per unit. */
function byUnit(...coders: readonly (readonly (AlphaValue | null)[])[]): (AlphaValue | null)[][] {
  return coders[0]!.map((_, unit) => coders.map((coder) => coder[unit] ?? null));
}

// Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability", section C ("Nominal data, any
// number of observers, missing data"), reused for the ordinal, interval and ratio metrics in sections
// D–F: 4 observers × 12 units, "." for a missing value. The same data is Krippendorff (2004) Content
// Analysis, 2nd ed., p. 230 (dkpro-statistics `coding/Krippendorff2004Test`, with D_o and D_e), and the
// Python `krippendorff` package's `tests/test_krippendorff.py` (ordinal 0.815, ratio 0.797).
const OBSERVER_A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const OBSERVER_B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const OBSERVER_C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const OBSERVER_D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const FOUR_OBSERVERS = byUnit(OBSERVER_A, OBSERVER_B, OBSERVER_C, OBSERVER_D);

describe('Krippendorff’s alpha reproduces the published worked examples', () => {
  it('binary data, two observers: α = 0.095 (Krippendorff 2011, section A)', () => {
    // Coincidences o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20:
    // α = 1 − (n − 1) o01 / (n0 n1) = 1 − 19·4/84 = 2/21 = 0.0952. D_o = 0.400 and D_e = 0.442 as
    // in Krippendorff (2004) p. 224 (dkpro-statistics `coding/Krippendorff2004Test.testDichotomy`).
    const result = krippendorffAlpha(byUnit([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]), 'nominal');
    expect(result.alpha).toBeCloseTo(2 / 21, 12);
    expect(result.alpha!.toFixed(3)).toBe('0.095');
    expect(result.observedDisagreement).toBeCloseTo(0.4, 12);
    expect(result.expectedDisagreement.toFixed(3)).toBe('0.442');
    expect(result).toMatchObject({ pairableValues: 20, pairableUnits: 10 });
  });

  it('nominal data, two observers (Ben and Gerry): α = 0.692 (Krippendorff 2011, section B)', () => {
    // Margins n_a = 4, n_b = 6, n_c = 6, n_d = 6, n_e = 2, n = 24; 6 off-diagonal coincidences:
    // D_o = 6/24, D_e = (24² − (16 + 36 + 36 + 36 + 4)) / (24·23) = 448/552; α = 1 − 0.25·552/448 = 155/224.
    const ben = 'a a b b d c c c e d d a'.split(' ');
    const gerry = 'b a b b b c c c e d d d'.split(' ');
    const result = krippendorffAlpha(byUnit(ben, gerry), 'nominal');
    expect(result.alpha).toBeCloseTo(155 / 224, 12);
    expect(result.alpha!.toFixed(3)).toBe('0.692');
  });

  it('four observers, twelve units, missing values: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797 (Krippendorff 2011, sections C–F)', () => {
    const published: Record<AlphaLevel, string> = { nominal: '0.743', ordinal: '0.815', interval: '0.849', ratio: '0.797' };
    for (const level of Object.keys(published) as AlphaLevel[]) {
      const result = krippendorffAlpha(FOUR_OBSERVERS, level);
      expect(result.alpha!.toFixed(3), level).toBe(published[level]);
      // Unit 12 has one value only: it is not pairable. 40 values in the other 11 units.
      expect(result, level).toMatchObject({ pairableValues: 40, pairableUnits: 11 });
    }
    // D_o and D_e as printed in Krippendorff (2004) p. 230 (dkpro-statistics `coding/Krippendorff2004Test`).
    const nominal = krippendorffAlpha(FOUR_OBSERVERS, 'nominal');
    expect(nominal.observedDisagreement.toFixed(3)).toBe('0.200');
    expect(nominal.expectedDisagreement.toFixed(3)).toBe('0.779');
    const interval = krippendorffAlpha(FOUR_OBSERVERS, 'interval');
    expect(interval.observedDisagreement.toFixed(3)).toBe('0.433');
    expect(interval.expectedDisagreement.toFixed(3)).toBe('2.872');
  });

  it('ranks ordinal words by the order given, not alphabetically: the same 0.815 (Python `krippendorff` tests, `value_domain`)', () => {
    const order = ['very low', 'low', 'mid', 'high', 'very high'];
    const words = FOUR_OBSERVERS.map((unit) => unit.map((value) => (value === null ? null : order[(value as number) - 1]!)));
    expect(krippendorffAlpha(words, 'ordinal', { order }).alpha!.toFixed(3)).toBe('0.815');
    // Sorted by localeCompare instead ("high" < "low" < "mid" < "very high" < "very low") the ranks differ.
    expect(krippendorffAlpha(words, 'ordinal').alpha!.toFixed(3)).not.toBe('0.815');
  });

  it('three coders, fifteen units: nominal 0.691, interval 0.811 (Wikipedia "Krippendorff’s alpha", A computational example; Python `krippendorff` tests)', () => {
    const data = byUnit(
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    );
    expect(krippendorffAlpha(data, 'nominal').alpha).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(data, 'interval').alpha).toBeCloseTo(0.810845, 6);
  });

  it('three coders, nine units: nominal 0.642, interval 0.547, ratio 0.483 (Krippendorff 1980, Content Analysis, p. 139, via dkpro-statistics `coding/Krippendorff1980Test`)', () => {
    const units = [[1, 1, 1], [1, 2, 2], [2, 2, 2], [4, 4, 4], [1, 4, 4], [2, 2, 2], [1, 2, 3], [3, 3, 3], [2, 2, 2]];
    const nominal = krippendorffAlpha(units, 'nominal');
    expect(nominal.alpha!.toFixed(3)).toBe('0.642');
    expect(nominal.observedDisagreement.toFixed(3)).toBe('0.259');
    expect(nominal.expectedDisagreement.toFixed(3)).toBe('0.724');
    expect(krippendorffAlpha(units, 'interval').alpha!.toFixed(3)).toBe('0.547');
    expect(krippendorffAlpha(units, 'ratio').alpha!.toFixed(3)).toBe('0.483');
  });
});

describe('Krippendorff’s alpha at the edges', () => {
  it('is undefined (null), not 1, when every value is the same: nothing to tell apart', () => {
    const result = krippendorffAlpha([['x', 'x'], ['x', 'x', null]], 'nominal');
    expect(result).toEqual({ alpha: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: 4, pairableUnits: 2 });
  });

  it('is undefined when no unit has two values, and counts only units that do', () => {
    expect(krippendorffAlpha([], 'nominal')).toMatchObject({ alpha: null, pairableValues: 0, pairableUnits: 0 });
    expect(krippendorffAlpha([[1, null], [null, 2], [3]], 'interval')).toMatchObject({ alpha: null, pairableValues: 0 });
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b'], ['c', null]], 'nominal')).toMatchObject({ alpha: 1, pairableValues: 4, pairableUnits: 2 });
  });

  it('treats 1 and "1" and true as different nominal values', () => {
    expect(krippendorffAlpha([[1, '1'], [true, true], ['1', '1']], 'nominal').alpha).toBeLessThan(1);
  });

  it('gives a ratio difference of 0 between two zeros and 1 between zero and anything', () => {
    expect(krippendorffAlpha([[0, 0], [1, 2], [2, 1]], 'ratio').alpha).toBeLessThan(1);
    expect(krippendorffAlpha([[0, 0], [1, 1], [2, 2]], 'ratio').alpha).toBe(1);
  });

  it('refuses values its level cannot use, naming unit, coder and value', () => {
    expect(() => krippendorffAlpha([[1, 2], [3, 'four']], 'interval')).toThrow(/interval level needs numbers; unit 1, coder 1 gave "four"/);
    expect(() => krippendorffAlpha([[1, true]], 'ratio')).toThrow(/unit 0, coder 1 gave true/);
    expect(() => krippendorffAlpha([[1, -2]], 'ratio')).toThrow(/at least 0; unit 0, coder 1 gave -2/);
    expect(() => krippendorffAlpha([[1, Number.NaN]], 'nominal')).toThrow(/unit 0, coder 1 gave NaN/);
    expect(() => krippendorffAlpha([['low', 'mid']], 'ordinal', { order: ['low'] })).toThrow(/"mid" is not in the ordinal order/);
    expect(() => krippendorffAlpha([['low', 'low']], 'ordinal', { order: ['low', 'low'] })).toThrow(/lists "low" twice/);
    expect(() => krippendorffAlpha([['low', 2]], 'ordinal')).toThrow(/mixed kinds \(number, string\) need an explicit order/);
  });

  it('ignores values of units no other coder coded, even ones its level could not use', () => {
    expect(krippendorffAlpha([[1, 2], [2, 2], ['lonely', null]], 'interval').pairableValues).toBe(4);
  });
});

/** A small seeded generator of reliability data: units × coders, values 0..3, about one in six missing. */
const reliabilityData = fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 5, nil: null }), { minLength: 3, maxLength: 3 }), {
  minLength: 2,
  maxLength: 30,
});
const LEVELS: AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
const SEED = { seed: 20110125, numRuns: 300 };

describe('Krippendorff’s alpha, properties', () => {
  it('is 1 when every coder gives every unit the same value, whenever it is defined', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 40 }), fc.integer({ min: 2, max: 5 }), (truth, coders) => {
        const units = truth.map((value) => Array.from({ length: coders }, () => value));
        for (const level of LEVELS) {
          const { alpha } = krippendorffAlpha(units, level);
          expect(alpha).toBe(new Set(truth).size > 1 ? 1 : null);
        }
      }),
      SEED,
    );
  });

  it('does not depend on the order of the coders (columns) or of the units (rows)', () => {
    fc.assert(
      fc.property(reliabilityData, fc.integer(), (units, shuffleSeed) => {
        const coderOrder = shuffled([0, 1, 2], shuffleSeed);
        const swappedCoders = units.map((unit) => coderOrder.map((coder) => unit[coder]!));
        const swappedUnits = shuffled(units, shuffleSeed);
        for (const level of LEVELS) {
          const base = krippendorffAlpha(units, level);
          for (const other of [krippendorffAlpha(swappedCoders, level), krippendorffAlpha(swappedUnits, level)]) {
            expect(other.pairableValues).toBe(base.pairableValues);
            if (base.alpha === null) expect(other.alpha).toBeNull();
            else expect(other.alpha).toBeCloseTo(base.alpha, 9);
          }
        }
      }),
      SEED,
    );
  });
});

/** A deterministic shuffle (Fisher–Yates on a small linear congruential generator). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('Krippendorff’s alpha, at scale', () => {
  it('computes 100,000 units × 3 coders at every level (its speed is measured by benchmark W9)', () => {
    const units = shuffled(
      Array.from({ length: 100_000 }, (_, u) => {
        const truth = u % 7;
        return [truth, u % 5 === 0 ? (truth + 1) % 7 : truth, u % 11 === 0 ? null : truth];
      }),
      7,
    );
    for (const level of LEVELS) {
      const result = krippendorffAlpha(units, level);
      expect(result.alpha, level).toBeGreaterThan(0.5);
      expect(result.pairableUnits, level).toBe(100_000);
    }
  });
});
