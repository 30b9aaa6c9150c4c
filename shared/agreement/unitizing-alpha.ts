/**
 * Stand-in until the unitizing alpha lands on main: character-level binary alpha of one label
 * (each character a unit, each coder's value whether it lies inside one of their segments).
 */

/** One stretch of text coded by every coder. */
export interface Continuum {
  id: string;
  length: number;
}

/** One coder's segment of one continuum (UTF-16 offsets, end exclusive). */
export interface CodedSegment {
  continuum: string;
  coder: string;
  start: number;
  end: number;
}

/** Unitizing alpha and its parts. */
export interface UnitizingAlphaResult {
  alpha: number | null;
  observedDisagreement: number;
  expectedDisagreement: number;
  coders: number;
  continuumLength: number;
  segments: number;
}

/** Unitizing alpha of one label over `continua`, every coder coding every continuum. */
export function unitizingAlpha(continua: readonly Continuum[], coders: readonly string[], segments: readonly CodedSegment[]): UnitizingAlphaResult {
  const m = coders.length;
  const continuumLength = continua.reduce((sum, c) => sum + c.length, 0);
  const result: UnitizingAlphaResult = { alpha: null, observedDisagreement: 0, expectedDisagreement: 0, coders: m, continuumLength, segments: segments.length };
  if (m < 2 || continuumLength === 0) return result;
  let disagreeing = 0;
  let ones = 0;
  for (const continuum of continua) {
    const events = new Map<number, number[]>();
    for (const s of segments) {
      if (s.continuum !== continuum.id) continue;
      const c = coders.indexOf(s.coder);
      if (c < 0) continue;
      (events.get(s.start) ?? events.set(s.start, []).get(s.start)!).push(c + 1);
      (events.get(s.end) ?? events.set(s.end, []).get(s.end)!).push(-(c + 1));
    }
    const depth = new Int32Array(m);
    const points = [...events.keys()].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      for (const e of events.get(points[i]!)!) depth[Math.abs(e) - 1]! += e > 0 ? 1 : -1;
      const k = depth.reduce((n, d) => n + (d > 0 ? 1 : 0), 0);
      const width = points[i + 1]! - points[i]!;
      disagreeing += (width * 2 * k * (m - k)) / (m - 1);
      ones += width * k;
    }
  }
  const n = m * continuumLength;
  const zeros = n - ones;
  result.observedDisagreement = disagreeing / n;
  result.expectedDisagreement = (2 * ones * zeros) / (n * (n - 1));
  if (result.expectedDisagreement > 0) result.alpha = 1 - result.observedDisagreement / result.expectedDisagreement;
  return result;
}
