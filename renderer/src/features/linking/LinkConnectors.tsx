import { useEffect, useState } from 'react';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import { useDocumentLinks } from '../../client/use-document-links.js';
import { useWorkbenchState } from '../../client/workbench-context.js';
import { scrollContainer } from '../../document-view/lazy-sections.js';
import { END_INSET, layOutConnectors, sameConnectorLayout, type ConnectorEnds, type ConnectorLayout, type ScreenBox } from './connector-geometry.js';
import './link-connectors.css';

/** The article text on the left (the reader) and in the compared pane on the right. */
const LEFT_TEXT = '.reader .article-text';
const RIGHT_TEXT = '.compare-pane .article-text';
const NO_TYPES: readonly LinkType[] = [];

/** Props of the connectors between the two articles side by side. */
export interface LinkConnectorsProps {
  /** The article open on the left; its links to the compared article are drawn. */
  leftDocumentId: string;
}

/**
 * Side by side, draws each link between a span on the left and a span on the right as a curve in the
 * gutter between the two texts, at the heights of the two spans: for the spans that are drawn now
 * (a long article draws only the sections near the screen), following both panes' scrolling,
 * resizes and every change to the texts, and never over the text itself (it lets the pointer
 * through, too).
 */
export function LinkConnectors({ leftDocumentId }: LinkConnectorsProps) {
  const links = useDocumentLinks(leftDocumentId);
  const linkTypes = useWorkbenchState((state) => state.workspace?.linkTypes) ?? NO_TYPES;
  const [layout, setLayout] = useState<ConnectorLayout | null>(null);

  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const next = measureConnectors(leftDocumentId, links, linkTypes);
      setLayout((current) => (sameConnectorLayout(current, next) ? current : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    // Either pane scrolling (scroll events do not bubble: caught on the way down), the window
    // resized, or the texts redrawn (sections drawn and dropped, spans painted, another article compared).
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    // Only the two panes' changes matter (not the save status, tooltips or the side panel).
    const redrawn = new MutationObserver(schedule);
    const panes = document.querySelectorAll('.reader, .compare-pane');
    for (const pane of panes.length ? panes : [document.body]) redrawn.observe(pane, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      redrawn.disconnect();
    };
  }, [leftDocumentId, links, linkTypes]);

  if (!layout) return null;
  const { gutter, connectors } = layout;
  const width = gutter.right - gutter.left;
  const height = gutter.bottom - gutter.top;
  return (
    <svg
      className="link-connectors"
      aria-hidden="true"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ left: `${gutter.left}px`, top: `${gutter.top}px`, width: `${width}px`, height: `${height}px` }}
    >
      {connectors.map((c) => (
        <g key={c.linkId} className={`link-connector link-type-${c.typeId}`} data-link-id={c.linkId}>
          <path d={c.path} stroke={c.colour} />
          <circle cx={END_INSET} cy={c.y1} r={3} fill={c.colour} />
          <circle cx={width - END_INSET} cy={c.y2} r={3} fill={c.colour} />
        </g>
      ))}
    </svg>
  );
}

/**
 * Reads where the two texts and the linked spans are on the page. A span counts where it is drawn:
 * its first piece's first line (the article view gives each piece the annotation's id).
 */
function measureConnectors(leftDocumentId: string, links: ReturnType<typeof useDocumentLinks>, linkTypes: readonly LinkType[]): ConnectorLayout | null {
  const leftText = document.querySelector<HTMLElement>(LEFT_TEXT);
  const rightText = document.querySelector<HTMLElement>(RIGHT_TEXT);
  if (!leftText || !rightText || links.length === 0) return null;
  const pairs = links.flatMap(({ link, source, target }) => {
    const left = source.documentId === leftDocumentId ? source : target;
    const right = left === source ? target : source;
    return right.documentId === leftDocumentId ? [] : [{ link, left: left.annotationId, right: right.annotationId }];
  });
  if (pairs.length === 0) return null;
  const leftLines = firstLines(leftText, new Set(pairs.map((p) => p.left)));
  const rightLines = firstLines(rightText, new Set(pairs.map((p) => p.right)));
  const ends: ConnectorEnds[] = [];
  for (const { link, left, right } of pairs) {
    const leftLine = leftLines.get(left);
    const rightLine = rightLines.get(right);
    if (!leftLine || !rightLine) continue;
    ends.push({ linkId: link.id, typeId: link.typeId, colour: linkTypes.find((t) => t.id === link.typeId)?.colour ?? '#6b7280', left: leftLine, right: rightLine });
  }
  return layOutConnectors(leftText.getBoundingClientRect(), rightText.getBoundingClientRect(), visibleBox(leftText), visibleBox(rightText), ends);
}

/** The first line of each of the annotations `ids` drawn in `text`, in one pass over its painted spans. */
function firstLines(text: HTMLElement, ids: ReadonlySet<string>): Map<string, { top: number; bottom: number }> {
  const lines = new Map<string, { top: number; bottom: number }>();
  for (const element of text.querySelectorAll<HTMLElement>('.annotation[data-annotation-id]')) {
    const id = element.dataset.annotationId!;
    if (!ids.has(id) || lines.has(id)) continue;
    const rect = element.getClientRects()[0];
    if (rect) lines.set(id, { top: rect.top, bottom: rect.bottom });
  }
  return lines;
}

/** The part of the page where a text can be seen: its scrolling container's box (or the window). */
function visibleBox(text: HTMLElement): ScreenBox {
  const container = scrollContainer(text);
  return container ? container.getBoundingClientRect() : { left: 0, right: innerWidth, top: 0, bottom: innerHeight };
}
