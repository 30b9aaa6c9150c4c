import type { EditorView } from 'prosemirror-view';
import { isInDrawnText } from './lazy-sections.js';
import type { TextLayout } from './text-layout.js';

/** Text offsets (UTF-16) a selection covers, `start` before `end`. */
export interface SelectedOffsets {
  start: number;
  end: number;
}

/**
 * The text range the browser's selection covers in the article, read from the page itself: null
 * when the browser's selection is not in the article (the caller uses ProseMirror's), and a
 * collapsed range when nothing is selected.
 *
 * ProseMirror takes the browser's selection over on the next selectionchange event, which may not
 * have come yet when a key follows a drag or Ctrl+Shift+End at once. An end of the selection can
 * then lie where ProseMirror cannot map it: on a section that is not drawn (its placeholder holds no
 * text) or between two sections. Such an end counts as the nearest text on its side: the start of
 * what follows for the selection's start, the end of what precedes for its end.
 */
export function domSelectionOffsets(view: EditorView, layout: TextLayout): SelectedOffsets | null {
  const dom = (view.root as Document).getSelection();
  if (!dom?.anchorNode || !dom.focusNode) return null;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
  if (dom.isCollapsed) {
    const at = offsetOfPoint(view, layout, dom.anchorNode, dom.anchorOffset, 'start');
    return at === null ? null : { start: at, end: at };
  }
  const order = document.createRange();
  order.setStart(dom.anchorNode, dom.anchorOffset);
  const backwards = order.comparePoint(dom.focusNode, dom.focusOffset) < 0;
  const [first, last] = backwards
    ? [[dom.focusNode, dom.focusOffset] as const, [dom.anchorNode, dom.anchorOffset] as const]
    : [[dom.anchorNode, dom.anchorOffset] as const, [dom.focusNode, dom.focusOffset] as const];
  const start = offsetOfPoint(view, layout, first[0], first[1], 'start');
  const end = offsetOfPoint(view, layout, last[0], last[1], 'end');
  if (start === null || end === null) return null;
  return { start, end: Math.max(start, end) };
}

/**
 * The text offset of one point of the browser's selection inside the article view: exact in drawn
 * text; on a placeholder, the start or the end of its section (by `side`); between sections, the
 * text on `side`'s side of the gap. Null where the point says nothing about the text.
 */
function offsetOfPoint(view: EditorView, layout: TextLayout, node: Node, offset: number, side: 'start' | 'end'): number | null {
  if (isInDrawnText(node)) return layout.offsetAt(view.posAtDOM(node, offset));
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const placeholder = element?.closest<HTMLElement>('.article-section-placeholder');
  if (placeholder) {
    const section = layout.sections[Number(placeholder.dataset.section)];
    if (!section) return null;
    return side === 'start' ? section.start : section.end;
  }
  if (node !== view.dom) return null;
  // Between two sections: the section element after the point, or before it, says where.
  const neighbour = side === 'start' ? view.dom.childNodes[offset] : view.dom.childNodes[offset - 1];
  const index = neighbour instanceof HTMLElement ? neighbour.dataset.section : undefined;
  const section = index === undefined ? undefined : layout.sections[Number(index)];
  if (section) return side === 'start' ? section.start : section.end;
  // Before the first section or after the last.
  const sections = layout.sections;
  if (side === 'start') return offset === 0 ? (sections[0]?.start ?? 0) : null;
  return offset >= view.dom.childNodes.length ? (sections[sections.length - 1]?.end ?? 0) : null;
}
