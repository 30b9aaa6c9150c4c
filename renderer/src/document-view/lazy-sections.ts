import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView, type NodeView, type ViewMutationRecord } from 'prosemirror-view';
import type { SectionExtent, TextLayout } from './text-layout.js';

/**
 * Lazy layout of a long article. The ProseMirror document always holds the whole text (positions and
 * offsets map exactly, decorations cover every annotation), but only the sections on screen and near
 * it are drawn: every other section is an empty placeholder of its estimated height. Sections are
 * drawn as they scroll near and dropped again when they are far away, so opening a 5 MB article
 * draws a few screens of it, not 35,000 paragraphs (docs/PERFORMANCE.md W2).
 *
 * Which sections are drawn is plugin state, shown to the section node views as node decorations: a
 * section whose decoration comes or goes is redrawn by ProseMirror with its paragraphs or as a
 * placeholder. Anything that puts the selection or the scroll position somewhere asks `reveal` first.
 */

/** How near the visible area (in heights of it) a section must come to be drawn. */
export const DRAW_MARGIN_SCREENS = 1;
/** How far from the visible area (in heights of it) a drawn section must go to be dropped. */
export const DROP_MARGIN_SCREENS = 4;
/** Longest a section near the screen waits for the browser to be idle before it is drawn anyway. */
const IDLE_DRAW_TIMEOUT_MS = 150;
/** Characters drawn when the article opens, from the top, before anything has been measured. */
const FIRST_DRAW_CHARACTERS = 8_000;

/** The plugin's state: which sections are drawn, and the node decorations that tell their views. */
export interface LazySectionsState {
  drawn: ReadonlySet<number>;
  decorations: DecorationSet;
}

/** A change to the drawn sections, carried as transaction metadata (other plugins read it too). */
export interface LazySectionsChange {
  draw: readonly number[];
  drop: readonly number[];
}

/** The spec of the node decoration that marks a section as drawn. */
interface DrawnSpec {
  sectionDrawn: true;
}

const DRAWN: DrawnSpec = { sectionDrawn: true };

/** The plugin's key; its state says which sections are drawn. */
export const lazySectionsKey = new PluginKey<LazySectionsState>('lazy-sections');

/** What the article view can ask of the lazy layout. */
export interface LazySections {
  /** The ProseMirror plugin: add it to the view's state. */
  readonly plugin: Plugin<LazySectionsState>;
  /**
   * Draws the sections holding `positions` now (synchronously), so the selection can be put there
   * or the view scrolled to them.
   */
  reveal(view: EditorView, positions: readonly number[]): void;
}

/** Font and width measurements used to estimate the height of a section that is not drawn. */
interface TextMetrics {
  width: number;
  lineHeight: number;
  characterWidth: number;
  gapAfter: number;
}

/**
 * Creates the lazy layout for `layout`. `dispatch` sends the plugin's transactions (the article view
 * passes one that keeps the browser's selection, as for its other repaints).
 */
export function lazySections(layout: TextLayout, dispatch: (view: EditorView, tr: Transaction) => void): LazySections {
  const sectionViews = new Map<number, SectionView>();
  /** Measured heights of sections that were drawn, at the width they were drawn at. */
  const measured = new Map<number, { width: number; height: number }>();
  let metrics: TextMetrics | null = null;
  /** Measured height over estimated height of drawn sections, to correct the estimates. */
  let correction = 1;
  /** How many sections `correction` was measured on. */
  let calibrations = 0;
  let observers: { near: IntersectionObserver; far: IntersectionObserver } | null = null;

  const change = (view: EditorView, draw: readonly number[], drop: readonly number[]) => {
    // An observer's entries can still arrive after the view is gone.
    if (view.isDestroyed) return;
    const drawn = lazySectionsKey.getState(view.state)!.drawn;
    const toDraw = [...new Set(draw)].filter((i) => !drawn.has(i));
    const holding = drop.length ? sectionsHoldingSelection(view) : new Set<number>();
    const toDrop = [...new Set(drop)].filter((i) => drawn.has(i) && !holding.has(i));
    if (toDraw.length === 0 && toDrop.length === 0) return;
    for (const i of toDrop) remember(i);
    dispatch(view, view.state.tr.setMeta(lazySectionsKey, { draw: toDraw, drop: toDrop } satisfies LazySectionsChange));
  };

  /**
   * The sections holding an end of the selection: ProseMirror's, and the browser's where it is newer
   * (ProseMirror reads it on the next selectionchange event, which may not have come yet).
   */
  const sectionsHoldingSelection = (view: EditorView): Set<number> => {
    const { from, to } = view.state.selection;
    const holding = new Set([layout.sectionAt(from), layout.sectionAt(to)]);
    const dom = (view.root as Document).getSelection?.();
    for (const [node, offset] of dom ? ([[dom.anchorNode, dom.anchorOffset], [dom.focusNode, dom.focusOffset]] as const) : []) {
      if (node && view.dom.contains(node) && isInDrawnText(node)) holding.add(layout.sectionAt(view.posAtDOM(node, offset)));
    }
    return holding;
  };

  /** Records the height a drawn section has, for its placeholder and to correct the estimates. */
  const remember = (index: number) => {
    const element = sectionViews.get(index)?.dom;
    if (!element || !metrics || !element.isConnected) return;
    const height = element.getBoundingClientRect().height;
    if (height <= 0) return;
    measured.set(index, { width: metrics.width, height });
    const estimate = estimateHeight(layout.sections[index]!, metrics, 1);
    if (estimate <= 0) return;
    // The first section measured replaces the guess; later ones refine a running average.
    correction = calibrations === 0 ? height / estimate : correction * 0.8 + (height / estimate) * 0.2;
    calibrations++;
  };

  const placeholderHeight = (index: number): number | null => {
    const known = measured.get(index);
    if (known && metrics && Math.abs(known.width - metrics.width) < 1) return known.height;
    return metrics ? estimateHeight(layout.sections[index]!, metrics, correction) : null;
  };

  const resizePlaceholders = () => {
    for (const [index, section] of sectionViews) if (!section.drawn) section.setHeight(placeholderHeight(index));
  };

  const plugin = new Plugin<LazySectionsState>({
    key: lazySectionsKey,
    state: {
      init: (_config, state) => {
        const drawn = new Set<number>();
        let characters = 0;
        for (let i = 0; i < layout.sections.length && (drawn.size === 0 || characters < FIRST_DRAW_CHARACTERS); i++) {
          drawn.add(i);
          characters += layout.sections[i]!.characters;
        }
        return { drawn, decorations: drawnDecorations(state.doc, layout, drawn) };
      },
      apply(tr: Transaction, value: LazySectionsState, _old: EditorState, state: EditorState): LazySectionsState {
        const change = tr.getMeta(lazySectionsKey) as LazySectionsChange | undefined;
        if (!change) return value;
        const drawn = new Set(value.drawn);
        for (const i of change.drop) drawn.delete(i);
        for (const i of change.draw) drawn.add(i);
        return { drawn, decorations: drawnDecorations(state.doc, layout, drawn) };
      },
    },
    // The selection is never left in a section that is not drawn (the browser could not show it, and
    // would report its end as the start of that section): select all, Ctrl+Shift+End, or a drag
    // ending over a placeholder draws the sections where the selection ends.
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.selectionSet)) return null;
      const { drawn } = lazySectionsKey.getState(state)!;
      const { from, to } = state.selection;
      const missing = [...new Set([layout.sectionAt(from), layout.sectionAt(to)])].filter((i) => !drawn.has(i));
      return missing.length ? state.tr.setMeta(lazySectionsKey, { draw: missing, drop: [] } satisfies LazySectionsChange) : null;
    },
    props: {
      decorations: (state) => lazySectionsKey.getState(state)!.decorations,
      nodeViews: {
        section: (node, view, getPos, decorations) => {
          const index = layout.sectionAt(getPos() ?? 0);
          const drawn = decorations.some((d) => (d.spec as Partial<DrawnSpec>).sectionDrawn === true);
          const section = new SectionView(node, index, drawn, placeholderHeight(index), {
            attached: (s) => {
              sectionViews.set(index, s);
              observers?.near.observe(s.dom);
              observers?.far.observe(s.dom);
            },
            detached: (s) => {
              if (sectionViews.get(index) === s) sectionViews.delete(index);
              observers?.near.unobserve(s.dom);
              observers?.far.unobserve(s.dom);
            },
          });
          return section;
        },
      },
    },
    view(view) {
      const root = scrollContainer(view.dom);
      const indexOf = (element: Element) => Number((element as HTMLElement).dataset.section);
      /**
       * The newest entry of each section whose element is still its view: entries queued for an
       * element that has since been replaced (a placeholder drawn, a section dropped) are stale.
       */
      const current = (entries: IntersectionObserverEntry[]) => {
        const newest = new Map<Element, IntersectionObserverEntry>();
        for (const entry of entries) newest.set(entry.target, entry);
        return [...newest.values()].filter((e) => sectionViews.get(indexOf(e.target))?.dom === e.target);
      };
      // A section on screen is drawn at once; one only near it, when the browser is idle (it is
      // there for scrolling, and drawing it must not hold up the frame that shows what is on screen).
      let waiting = new Set<number>();
      let idle: number | null = null;
      const drawWaiting = () => {
        idle = null;
        const indices = [...waiting];
        waiting = new Set();
        change(view, indices, []);
      };
      const near = new IntersectionObserver(
        (entries) => {
          const now: number[] = [];
          const visible = root ? root.getBoundingClientRect() : { top: 0, bottom: innerHeight };
          for (const entry of current(entries)) {
            const index = indexOf(entry.target);
            const box = entry.boundingClientRect;
            if (!entry.isIntersecting) waiting.delete(index);
            else if (box.bottom > visible.top && box.top < visible.bottom) now.push(index);
            else waiting.add(index);
          }
          if (now.length) change(view, now, []);
          if (waiting.size && idle === null) idle = requestIdleCallback(drawWaiting, { timeout: IDLE_DRAW_TIMEOUT_MS });
        },
        { root, rootMargin: `${DRAW_MARGIN_SCREENS * 100}% 0px` },
      );
      const far = new IntersectionObserver(
        (entries) => change(view, [], current(entries).filter((e) => !e.isIntersecting).map((e) => indexOf(e.target))),
        { root, rootMargin: `${DROP_MARGIN_SCREENS * 100}% 0px` },
      );
      observers = { near, far };
      for (const section of sectionViews.values()) {
        near.observe(section.dom);
        far.observe(section.dom);
      }
      const measure = () => {
        const next = measureText(view.dom);
        if (!next || (metrics && Math.abs(next.width - metrics.width) < 1 && next.lineHeight === metrics.lineHeight)) return;
        metrics = next;
        // Next frame: resizing the placeholders inside the resize observer's callback would change
        // the size it observes and make the browser report a loop.
        requestAnimationFrame(resizePlaceholders);
      };
      measure();
      // Calibrate the estimates against the sections drawn first, once they are laid out.
      const calibrate = requestAnimationFrame(() => {
        for (const [index, section] of sectionViews) if (section.drawn) remember(index);
        resizePlaceholders();
      });
      const resized = new ResizeObserver(measure);
      resized.observe(view.dom);
      return {
        destroy() {
          if (idle !== null) cancelIdleCallback(idle);
          cancelAnimationFrame(calibrate);
          resized.disconnect();
          near.disconnect();
          far.disconnect();
          observers = null;
        },
      };
    },
  });

  return {
    plugin,
    reveal(view, positions) {
      change(view, positions.map((p) => layout.sectionAt(p)), []);
    },
  };
}

/** The sections drawn in `state` (every section when the state has no lazy layout). */
export function drawnSections(state: EditorState): ReadonlySet<number> {
  const lazy = lazySectionsKey.getState(state);
  if (lazy) return lazy.drawn;
  return new Set(Array.from({ length: state.doc.childCount }, (_, i) => i));
}

/** The node decorations that mark the drawn sections. */
function drawnDecorations(doc: ProseMirrorNode, layout: TextLayout, drawn: ReadonlySet<number>): DecorationSet {
  return DecorationSet.create(
    doc,
    [...drawn].map((i) => Decoration.node(layout.sections[i]!.from, layout.sections[i]!.to, {}, DRAWN)),
  );
}

/** Callbacks a section view uses to tell the lazy layout it exists. */
interface SectionViewHooks {
  attached(section: SectionView): void;
  detached(section: SectionView): void;
}

/**
 * One section: drawn (ProseMirror renders its paragraphs into it) or a placeholder of the section's
 * height. A change between the two is not an update: ProseMirror makes a new view.
 */
class SectionView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement | null;
  /** Set on a placeholder: it holds no text, so no selection is put in it (the lazy layout reveals a section first). */
  readonly setSelection?: () => void;

  constructor(
    private readonly node: ProseMirrorNode,
    index: number,
    readonly drawn: boolean,
    height: number | null,
    private readonly hooks: SectionViewHooks,
  ) {
    this.dom = document.createElement('div');
    this.dom.className = drawn ? 'article-section' : 'article-section article-section-placeholder';
    this.dom.dataset.section = String(index);
    this.contentDOM = drawn ? this.dom : null;
    if (!drawn) {
      this.setHeight(height);
      this.setSelection = () => {};
    }
    hooks.attached(this);
  }

  /** Sets a placeholder's height (null: not measured yet, the stylesheet's default). */
  setHeight(height: number | null): void {
    this.dom.style.height = height === null ? '' : `${Math.round(height)}px`;
  }

  update(node: ProseMirrorNode, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.node.type) return false;
    return decorations.some((d) => (d.spec as Partial<DrawnSpec>).sectionDrawn === true) === this.drawn;
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    if (mutation.type === 'selection') return false;
    // The placeholder's height and the section's own attributes are not content.
    return !this.drawn || (mutation.type === 'attributes' && mutation.target === this.dom);
  }

  destroy(): void {
    this.hooks.detached(this);
  }
}

/** Whether a point of the page is inside the text of a drawn section (not on a placeholder or between sections). */
export function isInDrawnText(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const section = element?.closest('.article-section');
  return !!section && !section.classList.contains('article-section-placeholder');
}

/** The nearest ancestor of `element` that scrolls, or null (the document scrolls). */
export function scrollContainer(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll' || overflowY === 'overlay') return node;
  }
  return null;
}

/**
 * Measures the article's font and width; null while the view is not laid out. The width of an
 * average character is taken as half the font size (measuring text costs tens of milliseconds on
 * every open); the estimates are corrected against the first sections drawn (`correction`).
 */
function measureText(dom: HTMLElement): TextMetrics | null {
  const width = dom.clientWidth;
  if (width <= 0) return null;
  const style = getComputedStyle(dom);
  const fontSize = parseFloat(style.fontSize) || 16;
  const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.5;
  // `.gap-after` is 0.9em (styles.css); read it from a drawn paragraph where there is one.
  const gapped = dom.querySelector<HTMLElement>('.gap-after');
  const gapAfter = gapped ? parseFloat(getComputedStyle(gapped).marginBottom) || 0 : fontSize * 0.9;
  return { width, lineHeight, characterWidth: fontSize * 0.5, gapAfter };
}

/** Estimated height of a section's paragraphs at `metrics`, times `correction`. */
function estimateHeight(extent: SectionExtent, metrics: TextMetrics, correction: number): number {
  const charactersPerLine = Math.max(1, Math.floor(metrics.width / metrics.characterWidth));
  let height = 0;
  for (const paragraph of extent.paragraphs) {
    height += Math.max(1, Math.ceil(paragraph.length / charactersPerLine)) * metrics.lineHeight;
    if (paragraph.gap) height += metrics.gapAfter;
  }
  return height * correction;
}
