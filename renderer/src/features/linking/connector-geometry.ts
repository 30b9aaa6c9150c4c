/**
 * Where the side-by-side view draws a link between a span of the article on the left and one of the
 * compared article on the right: in the gutter between the two texts only (never over either), from
 * the left text's edge at the height of the left span to the right text's edge at the height of the
 * right span. Pure geometry in the page's coordinates, so it can be checked without a browser.
 */

/** A box in the page's (client) coordinates. */
export interface ScreenBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The vertical extent of the first line of a drawn span. */
export interface SpanLine {
  top: number;
  bottom: number;
}

/** A link whose two spans are drawn, one in each pane. */
export interface ConnectorEnds {
  linkId: string;
  typeId: string;
  colour: string;
  left: SpanLine;
  right: SpanLine;
}

/** One connector as drawn, in the gutter's own coordinates (0,0 at its top left). */
export interface Connector {
  linkId: string;
  typeId: string;
  colour: string;
  /** Height of the connector's left end (the middle of the left span's first line). */
  y1: number;
  /** Height of the connector's right end. */
  y2: number;
  /** The SVG path from (END_INSET, y1) to (width − END_INSET, y2). */
  path: string;
}

/** The connectors of a gutter, and where the gutter is on the page. */
export interface ConnectorLayout {
  gutter: ScreenBox;
  connectors: Connector[];
}

/** How far in from the gutter's sides a connector ends (its end dots are drawn whole). */
export const END_INSET = 4;
/** A gutter narrower than this has no room for a readable connector: none is drawn. */
const MIN_GUTTER_WIDTH = 3 * END_INSET;

/**
 * Lays out the connectors between two text columns. The gutter runs from the left text's right edge
 * to the right text's left edge, and vertically over the part both panes show (`leftView`,
 * `rightView`: the visible boxes of their scrolling containers). A link whose ends are both above
 * or both below that part is not drawn (nothing of it would show); one end out of view is drawn
 * towards it, cut at the gutter's edge. Null when the columns leave no gutter.
 */
export function layOutConnectors(leftText: ScreenBox, rightText: ScreenBox, leftView: ScreenBox, rightView: ScreenBox, ends: readonly ConnectorEnds[]): ConnectorLayout | null {
  const gutter: ScreenBox = {
    left: leftText.right,
    right: rightText.left,
    top: Math.max(leftView.top, rightView.top),
    bottom: Math.min(leftView.bottom, rightView.bottom),
  };
  const width = gutter.right - gutter.left;
  if (width < MIN_GUTTER_WIDTH || gutter.bottom <= gutter.top) return null;
  const connectors: Connector[] = [];
  for (const end of ends) {
    const y1 = (end.left.top + end.left.bottom) / 2 - gutter.top;
    const y2 = (end.right.top + end.right.bottom) / 2 - gutter.top;
    const height = gutter.bottom - gutter.top;
    if ((y1 < 0 && y2 < 0) || (y1 > height && y2 > height)) continue;
    const x1 = END_INSET;
    const x2 = width - END_INSET;
    const middle = width / 2;
    connectors.push({ linkId: end.linkId, typeId: end.typeId, colour: end.colour, y1, y2, path: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}` });
  }
  return { gutter, connectors };
}

/** Whether two layouts draw the same (so a scroll that moved nothing draws nothing again). */
export function sameConnectorLayout(a: ConnectorLayout | null, b: ConnectorLayout | null): boolean {
  if (a === null || b === null) return a === b;
  const g = (box: ScreenBox) => `${box.left},${box.right},${box.top},${box.bottom}`;
  return g(a.gutter) === g(b.gutter) && a.connectors.length === b.connectors.length && a.connectors.every((c, i) => c.path === b.connectors[i]!.path && c.linkId === b.connectors[i]!.linkId && c.colour === b.connectors[i]!.colour);
}
