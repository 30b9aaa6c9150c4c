import { useLayoutEffect, useState, type RefObject } from 'react';
import type { ScreenPoint } from './DocumentView.js';

/** Space kept between a popup and the window's edges, in pixels. */
const EDGE = 8;
/** How far below the pointer a popup opens, so it does not hide the clicked word. */
const BELOW_POINTER = 12;

/**
 * Where a popup opened at a click goes: just below the pointer, moved left or above it when it would
 * leave the window, so all of it is always in sight (in a narrow pane too).
 */
export function usePopupAt(at: ScreenPoint, popup: RefObject<HTMLElement | null>): { left: number; top: number } {
  const [place, setPlace] = useState({ left: at.x, top: at.y + BELOW_POINTER });
  useLayoutEffect(() => {
    const box = popup.current?.getBoundingClientRect();
    if (!box) return;
    const left = Math.max(EDGE, Math.min(at.x, window.innerWidth - box.width - EDGE));
    const below = at.y + BELOW_POINTER;
    const top = below + box.height + EDGE <= window.innerHeight ? below : Math.max(EDGE, at.y - BELOW_POINTER - box.height);
    setPlace((current) => (current.left === left && current.top === top ? current : { left, top }));
  }, [at.x, at.y, popup]);
  return place;
}
