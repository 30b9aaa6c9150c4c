import { useEffect, useRef } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';

/** What a key means in the Curate view while choosing. */
export type ChoosingKey =
  | { kind: 'take'; column: number }
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'edit' }
  | { kind: 'mark' }
  | { kind: 'move'; by: 1 | -1 };

/** What a key means while editing a span, values or a link. */
export type EditingKey =
  | { kind: 'edge'; edge: 'start' | 'end'; direction: -1 | 1; word: boolean }
  | { kind: 'label'; labelId: string }
  | { kind: 'confirm' }
  | { kind: 'cancel' };

/** The parts of a key event the Curate view reads. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/**
 * A key while choosing: 1–9 take that annotator's version, `b` keeps all (both), `0` or `x` none,
 * `e` edits, `m` marks the article curated, `j` / ↓ / → the next disagreement, `k` / ↑ / ← the previous. Keys with Ctrl, Cmd or Alt
 * are left to the workbench (undo, find).
 */
export function choosingKey(press: KeyPress): ChoosingKey | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (/^[1-9]$/.test(press.key)) return { kind: 'take', column: Number(press.key) - 1 };
  switch (press.key) {
    case 'b':
      return { kind: 'all' };
    case '0':
    case 'x':
      return { kind: 'none' };
    case 'e':
      return { kind: 'edit' };
    case 'm':
      return { kind: 'mark' };
    case 'j':
    case 'ArrowDown':
    case 'ArrowRight':
      return press.shiftKey ? null : { kind: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
    case 'ArrowLeft':
      return press.shiftKey ? null : { kind: 'move', by: -1 };
    default:
      return null;
  }
}

const EDGE_KEYS: Readonly<Record<string, { edge: 'start' | 'end'; direction: -1 | 1 }>> = {
  '[': { edge: 'start', direction: -1 },
  ']': { edge: 'start', direction: 1 },
  '{': { edge: 'end', direction: -1 },
  '}': { edge: 'end', direction: 1 },
};

/**
 * A key while editing: Shift+←/→ move the span's end, Alt+Shift+←/→ its start (one character; with
 * Ctrl or Cmd too, one word), `[` `]` the start and `{` `}` the end as in the article; a label's key
 * relabels; Enter (or Ctrl+Enter) keeps the edit, Escape leaves it.
 */
export function editingKey(press: KeyPress, labels: readonly Label[]): EditingKey | null {
  if (press.key === 'Enter') return { kind: 'confirm' };
  if (press.key === 'Escape') return { kind: 'cancel' };
  if ((press.key === 'ArrowLeft' || press.key === 'ArrowRight') && press.shiftKey) {
    return { kind: 'edge', edge: press.altKey ? 'start' : 'end', direction: press.key === 'ArrowLeft' ? -1 : 1, word: press.ctrlKey || press.metaKey };
  }
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const edge = EDGE_KEYS[press.key];
  if (edge) return { kind: 'edge', ...edge, word: false };
  const label = labels.find((l) => l.hotkey !== '' && l.hotkey === press.key);
  return label ? { kind: 'label', labelId: label.id } : null;
}

/**
 * Opens Curate with `c` while the article is shown (listed with the other keys in
 * keyboard-shortcuts.ts): not from a field or a dialog, with Ctrl, Cmd or Alt, or where a label of an
 * older workspace still uses the key.
 */
export function useCurateKey(articleShown: boolean, labels: readonly Label[], open: () => void): void {
  const latest = useRef({ articleShown, labels, open });
  latest.current = { articleShown, labels, open };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const { articleShown, labels, open } = latest.current;
      const target = event.target instanceof Element ? event.target : null;
      if (event.key !== 'c' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !articleShown) return;
      if (target?.closest('input, textarea, select, dialog, [role="dialog"]') || labels.some((l) => l.hotkey === 'c')) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
