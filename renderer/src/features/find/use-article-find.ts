import { useMemo, useState, type RefObject } from 'react';
import type { TextRange } from '../../../../shared/model/annotation.js';
import { findAllInText } from '../../../../shared/text/find-text.js';
import type { DocumentViewHandle } from '../../document-view/DocumentView.js';

/** Most hits found in one article (the count shown is exact up to here). */
const MAX_HITS = 100_000;

/** Find in the open article: the query, every hit, the one the search is on. */
export interface ArticleFind {
  open: boolean;
  query: string;
  /** Every hit in the article, in text order (none while the find bar is closed). */
  hits: readonly TextRange[];
  /** Index of the hit the search is on, or -1. */
  current: number;
  /** Opens the find bar. */
  show(): void;
  /** Searches for `query`, selecting its first hit. */
  search(query: string): void;
  /** Moves to the next (1) or previous (-1) hit, wrapping around, and selects it. */
  step(direction: 1 | -1): void;
  /** Closes the find bar, leaving the current hit selected and the keyboard in the article. */
  close(): void;
  /** Forgets the current hit (another article was opened). */
  reset(): void;
}

/** The find-in-article state of the workbench for the article `text`, shown through `view`. */
export function useArticleFind(text: string | null, view: RefObject<DocumentViewHandle | null>): ArticleFind {
  const [state, setState] = useState<{ open: boolean; query: string; current: number }>({ open: false, query: '', current: -1 });
  const hits = useMemo(
    () => (state.open && text !== null && state.query ? findAllInText(text, state.query, { limit: MAX_HITS }) : []),
    [state.open, state.query, text],
  );
  return {
    ...state,
    hits,
    show: () => setState((s) => ({ ...s, open: true })),
    search(query) {
      const found = text !== null && query ? findAllInText(text, query, { limit: 1 }) : [];
      setState((s) => ({ ...s, query, current: found.length ? 0 : -1 }));
      if (found[0]) view.current?.selectRange(found[0], false);
    },
    step(direction) {
      if (hits.length === 0) return;
      const current = (state.current + direction + hits.length) % hits.length;
      setState((s) => ({ ...s, current }));
      view.current?.selectRange(hits[current]!, false);
    },
    close() {
      const hit = hits[state.current];
      setState((s) => ({ ...s, open: false }));
      if (hit) view.current?.selectRange(hit, true);
      else view.current?.focus();
    },
    reset: () => setState((s) => ({ ...s, current: -1 })),
  };
}
