import type { LinkMark } from './link-marks.js';

/**
 * The brackets that show where each annotated span starts and ends, and the link badge after a
 * linked annotation. They are ProseMirror widgets between the characters, never wrappers of them:
 * they hold no text (the count is drawn by the stylesheet from an attribute), so selecting, copying
 * and mapping the selection to text offsets see only the article's own characters, and a bracket
 * can never split a surrogate pair or a grapheme cluster (fragments start and end on whole
 * characters).
 *
 * Where several brackets meet at one place, the order says which span holds which: opening
 * brackets of longer spans come first (`[[` outer, inner), closing brackets of shorter spans first
 * (`]]` inner, outer), and a span's closing bracket always comes before the next one's opening.
 */

/** Which end of a fragment a bracket marks. */
export type EdgeSide = 'start' | 'end';

/**
 * The widget side of an opening bracket of a fragment `length` characters long: positive (it belongs
 * to the text after it), and smaller for longer fragments so they open first.
 */
export function startEdgeSide(length: number): number {
  return 1 + 1 / (1 + length);
}

/**
 * The widget side of a closing bracket: negative (it belongs to the text before it), and smaller for
 * shorter fragments so they close first.
 */
export function endEdgeSide(length: number): number {
  return -1 - 1 / (1 + length);
}

/** What one bracket is drawn for. */
export interface EdgeDrawing {
  side: EdgeSide;
  annotationId: string;
  labelId: string;
  /** The annotation has the focus ring: its brackets are drawn in the ring's colour. */
  focused: boolean;
  /** On the closing bracket of the last fragment of a linked annotation: the links to badge. */
  mark?: LinkMark;
}

/** Builds the DOM of a bracket (and of the link badge after it). Runs in the page, when ProseMirror draws the widget. */
export function drawAnnotationEdge(drawing: EdgeDrawing): HTMLElement {
  const bracket = document.createElement('span');
  bracket.className = `annotation-edge annotation-edge-${drawing.side} label-${drawing.labelId}${drawing.focused ? ' annotation-edge-focused' : ''}`;
  if (!drawing.mark) {
    bracket.setAttribute('aria-hidden', 'true');
    return bracket;
  }
  const holder = document.createElement('span');
  holder.className = 'annotation-edge-holder';
  holder.setAttribute('aria-hidden', 'true');
  holder.append(bracket, drawLinkBadge(drawing.annotationId, drawing.mark));
  return holder;
}

/** The link badge: a swatch per link type and the number of links (drawn from `data-count`, so it is never text to select or copy). */
function drawLinkBadge(annotationId: string, mark: LinkMark): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'link-badge';
  badge.dataset.linkedAnnotation = annotationId;
  badge.dataset.count = String(mark.count);
  badge.dataset.types = mark.types.map((t) => t.id).join(' ');
  for (const type of mark.types) {
    const swatch = document.createElement('span');
    swatch.className = `link-badge-type link-type-${type.id}`;
    // The workspace's own colour for the type (a style property, which the page's CSP allows).
    swatch.style.backgroundColor = type.colour;
    badge.append(swatch);
  }
  return badge;
}
