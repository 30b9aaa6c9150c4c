import type { AnnotationChangeKind, LayerChange, QuotedAnnotationChange } from '../../../shared/api/contract/history.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import { excerpt } from '../../../shared/text/excerpt.js';

/** One annotator's annotations of an article in one version, by annotation id. */
export type LayerVersion = ReadonlyMap<string, Annotation>;

/** How two versions of one layer differ, annotation by annotation (ids identify annotations across versions). */
export interface LayerDifference {
  added: Annotation[];
  removed: Annotation[];
  changed: { before: Annotation; after: Annotation; what: AnnotationChangeKind[] }[];
}

/** How many annotations of each kind of change a history entry quotes. */
export const QUOTED_PER_CHANGE = 3;
/** How many characters of a quote or a note an entry carries. */
const QUOTE_CHARS = 160;

/**
 * The annotations added, removed and changed from `before` to `after`, in the order of `after` (the
 * removed in the order of `before`). An annotation counts as changed when its label, span, note or
 * attributes changed, or it lost its place in the text; a new timestamp alone, or the same span
 * recorded against a new version of the text (a new content hash, the same offsets), is not a change.
 */
export function diffLayer(before: LayerVersion, after: LayerVersion): LayerDifference {
  const difference: LayerDifference = { added: [], removed: [], changed: [] };
  for (const [id, annotation] of after) {
    const previous = before.get(id);
    if (!previous) {
      difference.added.push(annotation);
      continue;
    }
    const what = changeKinds(previous, annotation);
    if (what.length > 0) difference.changed.push({ before: previous, after: annotation, what });
  }
  for (const [id, annotation] of before) if (!after.has(id)) difference.removed.push(annotation);
  return difference;
}

/**
 * What a merge itself changed, from its differences against each of its parents: only what differs
 * from every parent. An annotation added or removed against all of them, or changed in a way (its
 * label, its span…) it is changed against all of them. What a merge took from one side as it was
 * is that side's change, listed at the commit that made it.
 */
export function ownChangesOfMerge(differences: readonly LayerDifference[]): LayerDifference {
  const [first, ...others] = differences;
  if (!first) return { added: [], removed: [], changed: [] };
  const against = others.map((difference) => {
    const kinds = new Map<string, ReadonlySet<AnnotationChangeKind> | 'whole'>();
    for (const a of [...difference.added, ...difference.removed]) kinds.set(a.id, 'whole');
    for (const c of difference.changed) kinds.set(c.after.id, new Set(c.what));
    return kinds;
  });
  const inEvery = (id: string, kind?: AnnotationChangeKind) =>
    against.every((kinds) => {
      const found = kinds.get(id);
      return found === 'whole' || (found !== undefined && (kind === undefined || found.has(kind)));
    });
  return {
    added: first.added.filter((a) => inEvery(a.id)),
    removed: first.removed.filter((a) => inEvery(a.id)),
    changed: first.changed.flatMap((c) => {
      const what = c.what.filter((kind) => inEvery(c.after.id, kind));
      return what.length > 0 ? [{ ...c, what }] : [];
    }),
  };
}

/** Whether a difference holds no change at all. */
export function isEmptyDifference(difference: LayerDifference): boolean {
  return difference.added.length === 0 && difference.removed.length === 0 && difference.changed.length === 0;
}

/** What a history entry says about one layer's difference. */
export interface LayerChangeContext {
  annotator: { id: string; name: string };
  /** A label's name now, from its id. */
  labelName(labelId: string): string;
  /** Whether an annotation of this layer is there now. */
  isPresent(annotationId: string): boolean;
}

/** A layer's difference as a history entry lists it: counts, and the first few of each kind quoted. */
export function describeLayerChange(difference: LayerDifference, context: LayerChangeContext): LayerChange {
  const changedBy: Record<AnnotationChangeKind, number> = { label: 0, range: 0, note: 0, attributes: 0, orphaned: 0 };
  for (const { what } of difference.changed) for (const kind of what) changedBy[kind]++;
  const quoted = (annotation: Annotation, change: QuotedAnnotationChange['change']): QuotedAnnotationChange => ({
    change,
    annotationId: annotation.id,
    labelId: annotation.labelId,
    label: context.labelName(annotation.labelId),
    quote: quoteOf(annotation),
    what: [],
    previousLabel: null,
    previousQuote: null,
    note: null,
    present: context.isPresent(annotation.id),
  });
  const examples = [
    ...difference.added.slice(0, QUOTED_PER_CHANGE).map((a) => quoted(a, 'added')),
    ...difference.removed.slice(0, QUOTED_PER_CHANGE).map((a) => quoted(a, 'removed')),
    ...difference.changed.slice(0, QUOTED_PER_CHANGE).map(({ before, after, what }) => ({
      ...quoted(after, 'changed'),
      what,
      previousLabel: what.includes('label') ? context.labelName(before.labelId) : null,
      previousQuote: what.includes('range') ? quoteOf(before) : null,
      note: what.includes('note') ? excerpt(after.note ?? '', QUOTE_CHARS) : null,
    })),
  ];
  return {
    annotator: context.annotator,
    added: difference.added.length,
    removed: difference.removed.length,
    changed: difference.changed.length,
    changedBy,
    examples,
  };
}

/** An annotation's text on one line: its pieces joined with an ellipsis, shortened. */
export function quoteOf(annotation: Annotation): string {
  return excerpt(annotation.fragments.map((f) => f.exact).join(' … '), QUOTE_CHARS);
}

function changeKinds(before: Annotation, after: Annotation): AnnotationChangeKind[] {
  const kinds: AnnotationChangeKind[] = [];
  if (before.labelId !== after.labelId) kinds.push('label');
  if (spanOf(before) !== spanOf(after)) kinds.push('range');
  if (before.note !== after.note) kinds.push('note');
  if (attributesOf(before) !== attributesOf(after)) kinds.push('attributes');
  if (after.orphaned && !before.orphaned) kinds.push('orphaned');
  return kinds;
}

/** Where an annotation is: its pieces' offsets and texts (a span placed again at the same text is the same span). */
function spanOf(annotation: Annotation): string {
  return JSON.stringify(annotation.fragments.map((f) => [f.start, f.end, f.exact]));
}

function attributesOf(annotation: Annotation): string {
  return JSON.stringify(Object.entries(annotation.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
