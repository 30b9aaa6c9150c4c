import { describe, expect, it } from 'vitest';
import { END_INSET, layOutConnectors, sameConnectorLayout, type ConnectorEnds } from './connector-geometry.js';

const leftText = { left: 300, right: 600, top: 0, bottom: 5000 };
const rightText = { left: 650, right: 950, top: -200, bottom: 3000 };
const leftView = { left: 280, right: 630, top: 80, bottom: 760 };
const rightView = { left: 630, right: 980, top: 70, bottom: 800 };
const end = (linkId: string, leftTop: number, rightTop: number): ConnectorEnds => ({
  linkId,
  typeId: 'contradicts',
  colour: '#ef4444',
  left: { top: leftTop, bottom: leftTop + 20 },
  right: { top: rightTop, bottom: rightTop + 20 },
});

describe('connectors between the two articles side by side', () => {
  it('lies in the gutter between the texts, over the part both panes show', () => {
    const layout = layOutConnectors(leftText, rightText, leftView, rightView, [])!;
    expect(layout.gutter).toEqual({ left: 600, right: 650, top: 80, bottom: 760 });
  });

  it('runs from the middle of the left span\'s line to the middle of the right one\'s, inside the gutter', () => {
    const { gutter, connectors } = layOutConnectors(leftText, rightText, leftView, rightView, [end('l1', 200, 400)])!;
    expect(connectors).toHaveLength(1);
    const [c] = connectors;
    expect(c!.y1 + gutter.top).toBe(210);
    expect(c!.y2 + gutter.top).toBe(410);
    expect(c!.path).toBe(`M ${END_INSET} 130 C 25 130, 25 330, ${50 - END_INSET} 330`);
  });

  it('draws a link with one end scrolled away towards it, and none whose ends are both above or both below', () => {
    const { connectors } = layOutConnectors(leftText, rightText, leftView, rightView, [
      end('towards-below', 300, 2000),
      end('both-above', -300, 20),
      end('both-below', 900, 1200),
    ])!;
    expect(connectors.map((c) => c.linkId)).toEqual(['towards-below']);
  });

  it('draws nothing where the texts leave no gutter or the panes show nothing in common', () => {
    expect(layOutConnectors(leftText, { ...rightText, left: 605 }, leftView, rightView, [end('l1', 200, 400)])).toBeNull();
    expect(layOutConnectors(leftText, rightText, leftView, { ...rightView, top: 800, bottom: 900 }, [end('l1', 200, 400)])).toBeNull();
  });

  it('tells a scroll that moved nothing from one that moved an end', () => {
    const a = layOutConnectors(leftText, rightText, leftView, rightView, [end('l1', 200, 400)]);
    expect(sameConnectorLayout(a, layOutConnectors(leftText, rightText, leftView, rightView, [end('l1', 200, 400)]))).toBe(true);
    expect(sameConnectorLayout(a, layOutConnectors(leftText, rightText, leftView, rightView, [end('l1', 200, 380)]))).toBe(false);
    expect(sameConnectorLayout(a, null)).toBe(false);
    expect(sameConnectorLayout(null, null)).toBe(true);
  });
});
