/**
 * Krippendorff's unitizing alpha (αu) for one category: how far coders agree on where the stretches
 * of a label lie in a continuum of characters, corrected for chance. Each coder divides the continuum
 * into marked segments and the gaps between them; two coders disagree by how far their overlapping
 * segments' starts and ends differ, and by the whole (squared) length of a segment the other coder
 * left inside a gap.
 *
 * Defined in Krippendorff, K. (1995) "On the reliability of unitizing continuous data", Sociological
 * Methodology 25: 47–76, and Krippendorff, K. (2004) Content Analysis: An Introduction to Its
 * Methodology, 2nd ed., §12.4: the measure DKPro Statistics implements as
 * `KrippendorffAlphaUnitizingAgreement` (per category), which INCEpTION reports. For segments g of
 * coder i and h of coder j, with starts b, lengths l and ends e = b + l:
 *
 *   δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²  when both are segments and they overlap,
 *            = l_g²                         when g is a segment and h a gap containing it (and vice versa),
 *            = 0                            otherwise;
 *   D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m − 1) L²);
 *   D_e = (2/L) Σ_g [ (N − 1)(2l_g³ − 3l_g² + l_g)/3 + l_g² Σ_{gaps h, l_h ≥ l_g} (l_h − l_g + 1) ]
 *         / (mL(mL − 1) − Σ_g l_g(l_g − 1)),
 * over all m coders' N segments; αu = 1 − D_o / D_e.
 *
 * A segment overlapping no segment of the other coder lies inside one of their gaps, so D_o needs only
 * a sweep of each pair of coders' sorted segments, article by article; D_e needs the lengths of the
 * segments and gaps sorted once (`unitizing-parts.ts`, which the report's figures use directly).
 */
import { alphaFromParts, mergeSegments, NO_SEGMENTS, pairDisagreement, type MergedSegments, type UnitizingAlphaResult } from './unitizing-parts.js';

export type { UnitizingAlphaResult } from './unitizing-parts.js';

/** One coder's stretch of one label on one continuum (a document), UTF-16 offsets, end exclusive. */
export interface UnitizedSegment {
  continuum: string;
  coder: string;
  start: number;
  end: number;
}

/**
 * Krippendorff's unitizing alpha of one label. `continua`: every document's id and length (all of
 * them, even ones no coder marked); `coders`: every coder (even one who marked nothing). The documents
 * are laid end to end, in the order given, as one continuum. Each coder's overlapping or touching
 * segments within one document are merged first (a character is marked or not), never across two
 * documents; a discontinuous annotation arrives as several segments. Empty segments mark nothing.
 * (Krippendorff's own data may hold units of one coder that touch, as two units; here they are one.)
 *
 * Throws an Error naming the segment for an unknown continuum or coder, or offsets outside the
 * document; and for a continuum or coder listed twice.
 *
 * The report does not call it: its figures put αu together from each article's parts
 * (`alphaFromParts`, kept per article and between sessions). This is the whole computation from
 * plain segments, the reference the tests compare those parts with (and check against published
 * values and against the definition taken literally).
 */
export function unitizingAlpha(
  continua: readonly { id: string; length: number }[],
  coders: readonly string[],
  segments: readonly UnitizedSegment[],
): UnitizingAlphaResult {
  const continuumIndex = new Map<string, number>();
  continua.forEach(({ id, length }, index) => {
    if (continuumIndex.has(id)) throw new Error(`Unitizing alpha: the continuum ${JSON.stringify(id)} is listed twice`);
    if (!Number.isInteger(length) || length < 0) throw new Error(`Unitizing alpha: the continuum ${JSON.stringify(id)} has length ${length}`);
    continuumIndex.set(id, index);
  });
  const coderIndex = new Map<string, number>();
  coders.forEach((coder, index) => {
    if (coderIndex.has(coder)) throw new Error(`Unitizing alpha: the coder ${JSON.stringify(coder)} is listed twice`);
    coderIndex.set(coder, index);
  });
  // Each continuum's segments by coder: starts and ends.
  const raw = continua.map(() => coders.map(() => ({ starts: [] as number[], ends: [] as number[] })));
  segments.forEach((segment, index) => {
    const { start, end } = segment;
    const at = continuumIndex.get(segment.continuum);
    const continuum = at === undefined ? undefined : continua[at]!;
    const coder = coderIndex.get(segment.coder);
    if (!continuum || coder === undefined || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > continuum.length) {
      throw new Error(`Unitizing alpha: ${segmentProblem(segment, index, continuum, coder)}`);
    }
    const into = raw[at!]![coder]!;
    into.starts.push(start);
    into.ends.push(end);
  });
  const merged: MergedSegments[][] = raw.map((byCoder) => byCoder.map(({ starts, ends }) => (starts.length === 0 ? NO_SEGMENTS : mergeSegments(starts, ends))));
  let observed = 0;
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) for (const byCoder of merged) observed += pairDisagreement(byCoder[i]!, byCoder[j]!);
  }
  return alphaFromParts({ lengths: continua.map((c) => c.length), coders: coders.length, segmentsOf: (article, coder) => merged[article]![coder]!, observed });
}

function segmentProblem(segment: UnitizedSegment, index: number, continuum: { length: number } | undefined, coder: number | undefined): string {
  const where = `segment ${index} (${JSON.stringify(segment.coder)} in ${JSON.stringify(segment.continuum)}, ${segment.start}–${segment.end})`;
  if (!continuum) return `${where} is in a continuum that is not listed`;
  if (coder === undefined) return `${where} is by a coder who is not listed`;
  return `${where} does not lie within the continuum's ${continuum.length} characters`;
}
