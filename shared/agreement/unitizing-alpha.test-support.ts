import type { UnitizedSegment } from './unitizing-alpha.js';

/** One piece of a coder's continuum: a marked stretch or a gap. */
interface Piece {
  start: number;
  end: number;
  marked: boolean;
}

/**
 * Unitizing alpha by its definition taken literally (Krippendorff 2004, §12.4), for small cases, over
 * `continua` laid end to end: each coder's characters marked or not; marked stretches end where a
 * continuum ends, gaps run on; every pair of pieces of every ordered pair of coders compared.
 */
export function unitizingAlphaByDefinition(continua: readonly { id: string; length: number }[], coders: readonly string[], segments: readonly UnitizedSegment[]): number | null {
  const offsets = new Map<string, number>();
  let length = 0;
  for (const continuum of continua) {
    offsets.set(continuum.id, length);
    length += continuum.length;
  }
  const continuumStarts = new Set(offsets.values());
  const pieces = coders.map((coder) => {
    const characters = new Array<boolean>(length).fill(false);
    for (const s of segments) if (s.coder === coder) for (let c = s.start; c < s.end; c++) characters[offsets.get(s.continuum)! + c] = true;
    const list: Piece[] = [];
    characters.forEach((marked, c) => {
      const last = list[list.length - 1];
      if (last && last.marked === marked && !(marked && continuumStarts.has(c))) last.end = c + 1;
      else list.push({ start: c, end: c + 1, marked });
    });
    return list;
  });
  const delta = (g: Piece, h: Piece) => {
    if (g.marked && h.marked && g.start < h.end && h.start < g.end) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
    if (g.marked && !h.marked && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
    if (!g.marked && h.marked && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
    return 0;
  };
  const m = coders.length;
  let observed = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) for (const g of pieces[i]!) for (const h of pieces[j]!) observed += delta(g, h);
  const units = pieces.flat().filter((piece) => piece.marked);
  const gaps = pieces.flat().filter((piece) => !piece.marked);
  let expected = 0;
  for (const g of units) {
    const l = g.end - g.start;
    expected += ((units.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    for (const h of gaps) if (h.end - h.start >= l) expected += l * l * (h.end - h.start - l + 1);
  }
  const dE = ((2 / length) * expected) / (m * length * (m * length - 1) - units.reduce((sum, g) => sum + (g.end - g.start) * (g.end - g.start - 1), 0));
  const dO = observed / (m * (m - 1) * length * length);
  return dE > 0 ? 1 - dO / dE : null;
}
