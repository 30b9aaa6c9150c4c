import type { CurationItem, VersionSpan } from '../../../../shared/curation/curation-items.js';
import type { AttributeValue } from '../../../../shared/model/annotation.js';
import type { CurationChoice } from '../../../../shared/model/curation.js';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import { isEndBoundary, isStartBoundary } from '../../../../shared/text/word-boundaries.js';
import { nextGraphemeBoundary, previousGraphemeBoundary } from '../../document-view/selection-snapping.js';

/** What the curator is making of a disagreement in edit mode: a span (ranges, label, values), values alone, or a link. */
export interface EditDraft {
  itemId: string;
  kind: CurationItem['kind'];
  /** The span's pieces, in order (a span disagreement). */
  ranges: { start: number; end: number }[];
  labelId: string;
  attributes: Record<string, AttributeValue>;
  /** The link's type and direction (a link disagreement). */
  typeId: string;
  reversed: boolean;
}

/**
 * The draft an edit starts from: the curator's own edit when `decided` is one (an edit is edited
 * again, not started over); else the version of the annotator in column `from` (else the first
 * annotator who has one), or, for attribute values, the agreed values with theirs; for a link, their
 * first link (else the first link type, from the earlier span to the later).
 */
export function startDraft(item: CurationItem, from: number, linkTypes: readonly LinkType[], decided?: CurationChoice): EditDraft {
  const base: EditDraft = { itemId: item.id, kind: item.kind, ranges: [], labelId: '', attributes: {}, typeId: linkTypes[0]?.id ?? '', reversed: false };
  if (decided?.kind === 'edit') {
    const started = startDraft(item, from, linkTypes);
    return {
      ...started,
      ranges: decided.ranges?.map((r) => ({ ...r })) ?? started.ranges,
      labelId: decided.labelId ?? started.labelId,
      attributes: { ...(decided.attributes ?? started.attributes) },
      typeId: decided.typeId ?? started.typeId,
      reversed: decided.reversed ?? started.reversed,
    };
  }
  if (item.kind === 'span') {
    const spans = item.versions.map((v) => v.span);
    const span = spans[from] ?? spans.find((s): s is VersionSpan => s !== null)!;
    return { ...base, ranges: span.ranges.map((r) => ({ ...r })), labelId: span.labelId, attributes: { ...span.attributes } };
  }
  if (item.kind === 'attributes') {
    const values = item.versions[from]?.attributes ?? item.versions.find((v) => v.attributes)?.attributes ?? {};
    return { ...base, ranges: item.span.ranges.map((r) => ({ ...r })), labelId: item.span.labelId, attributes: { ...item.span.attributes, ...values } };
  }
  const link = item.versions[from]?.links[0] ?? item.versions.find((v) => v.links.length > 0)?.links[0];
  return link ? { ...base, typeId: link.typeId, reversed: link.reversed } : base;
}

/**
 * Moves one edge of the draft's span by one user-perceived character (never into a surrogate pair,
 * a flag or a letter's marks), or with `word` to the next word edge; the span never becomes empty
 * and its pieces never cross. Returns the same draft when the edge cannot move.
 */
export function moveEdge(draft: EditDraft, text: string, edge: 'start' | 'end', direction: -1 | 1, word = false): EditDraft {
  const ranges = draft.ranges.map((r) => ({ ...r }));
  const piece = edge === 'start' ? ranges[0] : ranges[ranges.length - 1];
  if (!piece) return draft;
  const boundary = edge === 'start' ? isStartBoundary : isEndBoundary;
  let at = piece[edge];
  do {
    const next = direction < 0 ? previousGraphemeBoundary(text, at) : nextGraphemeBoundary(text, at);
    if (next === at) break;
    at = next;
  } while (word && at > 0 && at < text.length && !boundary(text, at));
  piece[edge] = at;
  if (piece.end <= piece.start || ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) return draft;
  return { ...draft, ranges };
}

/** The choice a finished draft makes: the whole span, the values, or the link. */
export function draftChoice(draft: EditDraft): CurationChoice {
  if (draft.kind === 'span') return { kind: 'edit', ranges: draft.ranges, labelId: draft.labelId, attributes: withoutEmpty(draft.attributes) };
  if (draft.kind === 'attributes') return { kind: 'edit', attributes: withoutEmpty(draft.attributes) };
  return { kind: 'edit', typeId: draft.typeId, reversed: draft.reversed };
}

/** Values without the ones cleared (an empty text). */
function withoutEmpty(values: Readonly<Record<string, AttributeValue>>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
