import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import type { ScreenPoint } from './DocumentView.js';

/** Space kept between a popup and the window's edges, in pixels. */
const EDGE = 8;
/** How far below the pointer a popup opens, so it does not hide the clicked word. */
const BELOW_POINTER = 12;

/** What a popup menu opened at a click needs on its elements. */
export interface PopupMenu {
  /** The popup's box. */
  box: RefObject<HTMLDivElement | null>;
  /** Its first button, which has the keyboard when it opens. */
  first: RefObject<HTMLButtonElement | null>;
  /** Where it goes (fixed position). */
  style: { left: string; top: string };
  /** Arrow keys move between its buttons; Escape closes it (and goes no further). */
  onKeyDown(event: ReactKeyboardEvent): void;
}

/**
 * A small menu of buttons opened where the person clicked (the overlap chooser, the link prompt):
 * placed just below the pointer, moved left or above it when it would leave the window so all of it
 * is in sight, with the keyboard on its first button, arrow keys between buttons, and closed by
 * Escape or a press anywhere outside it.
 */
export function usePopupMenu(at: ScreenPoint, onClose: () => void): PopupMenu {
  const box = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const [place, setPlace] = useState({ left: at.x, top: at.y + BELOW_POINTER });
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const size = box.current?.getBoundingClientRect();
    if (!size) return;
    const left = Math.max(EDGE, Math.min(at.x, window.innerWidth - size.width - EDGE));
    const below = at.y + BELOW_POINTER;
    const top = below + size.height + EDGE <= window.innerHeight ? below : Math.max(EDGE, at.y - BELOW_POINTER - size.height);
    setPlace((current) => (current.left === left && current.top === top ? current : { left, top }));
  }, [at.x, at.y]);

  // Once, when it opens: a re-render (a save finishing) must not pull the keyboard back to the first button.
  useEffect(() => {
    first.current?.focus();
    const outside = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) close.current();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, []);

  return {
    box,
    first,
    style: { left: `${place.left}px`, top: `${place.top}px` },
    onKeyDown(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close.current();
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const buttons = [...(box.current?.querySelectorAll('button') ?? [])];
        const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
        buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
      }
    },
  };
}
