import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { TextRange } from '../../../shared/model/annotation.js';
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

/** The plugin's key; dispatch new ranges with `tr.setMeta(overlayDecorationsKey, ranges)`. */
export const overlayDecorationsKey = new PluginKey<DecorationSet>('overlay-decorations');

/** Most search hits painted at once (the count shown is still exact). */
export const MAX_PAINTED_HITS = 10_000;

/**
 * Paints search hits (the current one stronger), the pieces of a discontinuous annotation being
 * collected, and new annotations while they are being saved (so a label key paints in the next
 * frame, not after the durable write). These change as a whole (a new query), so the set is rebuilt when they change, and
 * never when annotations change.
 */
export function overlayDecorations(layout: TextLayout): Plugin<DecorationSet> {
  const decorationsFor = (ranges: readonly TextRange[], className: (index: number) => string): Decoration[] =>
    ranges.flatMap((range, index) => {
      const at = layout.rangeAt(range.start, range.end);
      return at ? [Decoration.inline(at.from, at.to, { class: className(index) }, { overlay: true })] : [];
    });

  return new Plugin<DecorationSet>({
    key: overlayDecorationsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr: Transaction, set: DecorationSet, _old: EditorState, state: EditorState): DecorationSet {
        const change = tr.getMeta(overlayDecorationsKey) as OverlayRanges | undefined;
        if (!change) return set;
        const hits = change.searchHits.slice(0, MAX_PAINTED_HITS);
        return DecorationSet.create(state.doc, [
          ...decorationsFor(hits, (i) => (i === change.currentHit ? 'search-hit search-hit-current' : 'search-hit')),
          ...decorationsFor(change.pending, () => 'pending-piece'),
          ...change.saving.flatMap(({ labelId, ranges }) => decorationsFor(ranges, () => `annotation label-${labelId} annotation-pending`)),
        ]);
      },
    },
    props: {
      decorations: (state) => overlayDecorationsKey.getState(state),
    },
  });
}
