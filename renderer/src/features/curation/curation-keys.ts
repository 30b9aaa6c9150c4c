import type { Label } from '../../../../shared/model/label-schema.js';
import type { ShortcutDescription } from '../keyboard/keyboard-shortcuts.js';

/** What a key means in the Curate view while choosing. */
export type ChoosingKey =
  | { kind: 'take'; column: number }
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'edit' }
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
 * `e` edits, `j` / ↓ / → the next disagreement, `k` / ↑ / ← the previous. Keys with Ctrl, Cmd or Alt
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
 * relabels; Enter keeps the edit, Escape leaves it.
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

/** The Curate view's keys, as the `?` list shows them. */
export const CURATION_SHORTCUTS: readonly ShortcutDescription[] = [
  { keys: 'c', does: 'Curate the open article: every annotator’s layer, one disagreement at a time' },
  { keys: '1–9 (in Curate)', does: 'Take that annotator’s version' },
  { keys: 'b (in Curate)', does: 'Keep both (every annotator’s different span, as separate annotations)' },
  { keys: '0 or x (in Curate)', does: 'Keep none of them' },
  { keys: 'e (in Curate)', does: 'Edit: Shift + ← / → move the end, Alt + Shift + ← / → the start (with Ctrl: a word), a label key relabels, Enter keeps it, Escape leaves it' },
  { keys: 'j / k or arrows (in Curate)', does: 'The next / previous disagreement' },
];
