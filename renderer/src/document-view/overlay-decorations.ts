import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation, TextRange } from '../../../shared/model/annotation.js';
import { drawnSections, lazySectionsKey } from './lazy-sections.js';
import type { TextLayout } from './text-layout.js';

/** Ranges painted over the article that are not (yet) annotations: search hits, pieces, unsaved labels. */
export interface OverlayRanges {
  /** Every hit of the article search, in text order. */
  searchHits: readonly TextRange[];
  /** Index of the hit the search is on, or -1. */
  currentHit: number;
  /** Pieces collected for a discontinuous annotation that is not labelled yet. */
  pending: readonly TextRange[];
  /** Annotations labelled but not saved yet, painted at once in their label's colour. */
  saving: readonly { labelId: string; ranges: readonly TextRange[] }[];
}

/** The spec of an overlay decoration; `currentHit` marks the search hit the find bar is on. */
export interface OverlaySpec {
  overlay: true;
  currentHit?: true;
}

/** The plugin's state: the ranges, and decorations for those in drawn sections. */
interface OverlayState {
  ranges: OverlayRanges;
  decorations: DecorationSet;
}

const NO_RANGES: OverlayRanges = { searchHits: [], currentHit: -1, pending: [], saving: [] };

/** The plugin's key; dispatch new ranges with `tr.setMeta(overlayDecorationsKey, ranges)`. */
export const overlayDecorationsKey = new PluginKey<OverlayState>('overlay-decorations');

/**
 * Paints search hits (the current one stronger), the pieces of a discontinuous annotation being
 * collected, and new annotations while they are being saved (so a label key paints in the next
 * frame, not after the durable write). These change as a whole (a new query), so the decorations
 * are rebuilt when they change, and when sections are drawn or dropped (`lazy-sections.ts`) — but
 * only for the ranges in drawn sections, so every hit of a search over a 5 MB article is painted
 * when it scrolls near, without building 100k decorations at once. Must come after the lazy
 * sections plugin in the state's plugins.
 */
export function overlayDecorations(layout: TextLayout): Plugin<OverlayState> {
  const build = (ranges: OverlayRanges, state: EditorState): DecorationSet => {
    const drawn = [...drawnSections(state)].sort((a, b) => a - b);
    const decorations: Decoration[] = [];
    const paint = (range: TextRange, className: string, spec: OverlaySpec = { overlay: true }) => {
      const at = layout.rangeAt(range.start, range.end);
      // An element of its own: merged into an annotation's element, a label class would mark that annotation.
      if (at) decorations.push(Decoration.inline(at.from, at.to, { nodeName: 'span', class: className }, spec));
    };
    // Hits are in text order: for each drawn section, the hits that reach into it (a hit crossing
    // into the next drawn section is painted once).
    let painted = -1;
    for (const s of drawn) {
      const { start, end } = layout.sections[s]!;
      for (let i = Math.max(firstEndingAfter(ranges.searchHits, start), painted + 1); i < ranges.searchHits.length; i++) {
        const hit = ranges.searchHits[i]!;
        if (hit.start >= end) break;
        if (i === ranges.currentHit) paint(hit, 'search-hit search-hit-current', { overlay: true, currentHit: true });
        else paint(hit, 'search-hit');
        painted = i;
      }
    }
    // Pieces and unsaved labels are few: all of them (ProseMirror draws only what is in drawn sections).
    for (const piece of ranges.pending) paint(piece, 'pending-piece');
    for (const { labelId, ranges: pieces } of ranges.saving) for (const piece of pieces) paint(piece, `annotation label-${labelId} annotation-pending`);
    return DecorationSet.create(state.doc, decorations);
  };

  return new Plugin<OverlayState>({
    key: overlayDecorationsKey,
    state: {
      init: () => ({ ranges: NO_RANGES, decorations: DecorationSet.empty }),
      apply(tr: Transaction, value: OverlayState, _old: EditorState, state: EditorState): OverlayState {
        const ranges = tr.getMeta(overlayDecorationsKey) as OverlayRanges | undefined;
        if (ranges) return { ranges, decorations: build(ranges, state) };
        if (tr.getMeta(lazySectionsKey) && value.ranges.searchHits.length > 0) return { ranges: value.ranges, decorations: build(value.ranges, state) };
        return value;
      },
    },
    props: {
      decorations: (state) => overlayDecorationsKey.getState(state)!.decorations,
    },
  });
}

/** Index of the first range (in text order, not overlapping) that ends after `offset`. */
function firstEndingAfter(ranges: readonly TextRange[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ranges without the unsaved labels that `painted` annotations now show (same label, same
 * ranges), or null when none of them landed. The article view takes them away in the transaction
 * that paints the annotations, so the element of the unsaved label becomes the annotation's own
 * element (a save landing changes attributes, never which elements wrap the text under the pointer).
 */
export function withoutLandedLabels(ranges: OverlayRanges, painted: readonly Annotation[]): OverlayRanges | null {
  if (ranges.saving.length === 0 || painted.length === 0) return null;
  const shows = (unsaved: OverlayRanges['saving'][number]) =>
    painted.some(
      (a) =>
        a.labelId === unsaved.labelId &&
        a.fragments.length === unsaved.ranges.length &&
        a.fragments.every((f, i) => f.start === unsaved.ranges[i]!.start && f.end === unsaved.ranges[i]!.end),
    );
  const saving = ranges.saving.filter((unsaved) => !shows(unsaved));
  return saving.length === ranges.saving.length ? null : { ...ranges, saving };
}
