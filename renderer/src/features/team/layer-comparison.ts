import type { Layer } from '../../../../shared/api/contract/index.js';
import type { Annotation } from '../../../../shared/model/annotation.js';

/** How many annotators get a colour of their own (more share them, in turn). */
export const ANNOTATOR_COLOUR_COUNT = 6;

/** One annotator's mark on a span: whose (their index among the compared layers) and which label. */
export interface LayerMark {
  layer: number;
  labelId: string;
}

/** A span (its exact fragments) as the compared layers have it. */
export interface ComparedSpan {
  /** The fragments' offsets, `start-end` joined by `,`: equal spans have equal keys. */
  key: string;
  start: number;
  /** Where its last fragment ends. */
  end: number;
  text: string;
  /** Which layers marked exactly this span, with which label, in layer order. */
  marks: LayerMark[];
  /** Every compared layer marked it, all with the same label. */
  agreed: boolean;
}

/** A stretch of the text where the same layers (with the same labels) cover it. */
export interface ComparedSegment {
  start: number;
  end: number;
  /** The layers covering it and their labels (a layer once per label), in layer order. */
  marks: LayerMark[];
  /** Covered by some layers but not all, or with different labels. */
  disagree: boolean;
}

/**
 * The distinct spans of several layers of one article, in text order: a span is the same in two
 * layers only when every fragment has the same offsets. A span is agreed when every layer marked
 * it with one label; anything else (missing in a layer, another label, other boundaries, which make
 * another span) is a disagreement.
 */
export function compareSpans(layers: readonly Pick<Layer, 'annotations'>[]): ComparedSpan[] {
  const spans = new Map<string, ComparedSpan>();
  layers.forEach(({ annotations }, layer) => {
    for (const annotation of placed(annotations)) {
      const key = annotation.fragments.map((f) => `${f.start}-${f.end}`).join(',');
      let span = spans.get(key);
      if (!span) {
        span = { key, start: annotation.fragments[0]!.start, end: annotation.fragments[annotation.fragments.length - 1]!.end, text: annotation.fragments.map((f) => f.exact).join(' … '), marks: [], agreed: false };
        spans.set(key, span);
      }
      if (!span.marks.some((m) => m.layer === layer && m.labelId === annotation.labelId)) span.marks.push({ layer, labelId: annotation.labelId });
    }
  });
  const list = [...spans.values()].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  for (const span of list) {
    span.marks.sort((a, b) => a.layer - b.layer || a.labelId.localeCompare(b.labelId));
    span.agreed = isAgreement(span.marks, layers.length);
  }
  return list;
}

/**
 * The text from 0 to `length` cut where any layer's fragment starts or ends, each piece with the
 * layers that cover it; pieces nobody covers have no marks.
 */
export function segmentText(length: number, layers: readonly Pick<Layer, 'annotations'>[]): ComparedSegment[] {
  const cuts = new Set<number>([0, length]);
  const fragments: { start: number; end: number; mark: LayerMark }[] = [];
  layers.forEach(({ annotations }, layer) => {
    for (const annotation of placed(annotations)) {
      for (const f of annotation.fragments) {
        cuts.add(f.start);
        cuts.add(f.end);
        fragments.push({ start: f.start, end: f.end, mark: { layer, labelId: annotation.labelId } });
      }
    }
  });
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((a, b) => a - b);
  fragments.sort((a, b) => a.start - b.start);
  const segments: ComparedSegment[] = [];
  let next = 0;
  let open: typeof fragments = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    while (next < fragments.length && fragments[next]!.start <= start) open.push(fragments[next++]!);
    open = open.filter((f) => f.end > start);
    const marks: LayerMark[] = [];
    for (const { mark } of open) if (!marks.some((m) => m.layer === mark.layer && m.labelId === mark.labelId)) marks.push(mark);
    marks.sort((a, b) => a.layer - b.layer || a.labelId.localeCompare(b.labelId));
    segments.push({ start, end, marks, disagree: marks.length > 0 && !isAgreement(marks, layers.length) });
  }
  return segments;
}

/** Every one of `layerCount` layers marks it, each with the same single label. */
function isAgreement(marks: readonly LayerMark[], layerCount: number): boolean {
  const layersMarking = new Set(marks.map((m) => m.layer));
  return layersMarking.size === layerCount && marks.length === layerCount && new Set(marks.map((m) => m.labelId)).size === 1;
}

function placed(annotations: readonly Annotation[]): Annotation[] {
  return annotations.filter((a) => !a.orphaned);
}
