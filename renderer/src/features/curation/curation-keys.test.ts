import { describe, expect, it } from 'vitest';
import { defaultLabels } from '../../../../shared/model/label-schema.js';
import { RESERVED_KEYS } from '../keyboard/keyboard-shortcuts.js';
import { choosingKey, editingKey } from './curation-keys.js';
import { moveEdge, startDraft, draftChoice } from './edit-draft.js';
import type { SpanDisagreement } from '../../../../shared/curation/curation-items.js';

const press = (key: string, mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('the Curate view’s keys', () => {
  it('take an annotator’s version by number, both, none, edit, and move on', () => {
    expect(choosingKey(press('1'))).toEqual({ kind: 'take', column: 0 });
    expect(choosingKey(press('9'))).toEqual({ kind: 'take', column: 8 });
    expect(choosingKey(press('b'))).toEqual({ kind: 'all' });
    expect(choosingKey(press('0'))).toEqual({ kind: 'none' });
    expect(choosingKey(press('x'))).toEqual({ kind: 'none' });
    expect(choosingKey(press('e'))).toEqual({ kind: 'edit' });
    expect(choosingKey(press('m'))).toEqual({ kind: 'mark' });
    expect([press('j'), press('ArrowDown'), press('ArrowRight')].map(choosingKey)).toEqual(Array(3).fill({ kind: 'move', by: 1 }));
    expect([press('k'), press('ArrowUp'), press('ArrowLeft')].map(choosingKey)).toEqual(Array(3).fill({ kind: 'move', by: -1 }));
    // Undo, find and the like stay the workbench's.
    expect(choosingKey(press('z', { ctrlKey: true }))).toBeNull();
    expect(choosingKey(press('1', { altKey: true }))).toBeNull();
    // The key that opens Curate is no label's.
    expect(RESERVED_KEYS.has('c')).toBe(true);
  });

  it('move the edited span’s ends, relabel, keep and leave an edit', () => {
    expect(editingKey(press('ArrowRight', { shiftKey: true }), defaultLabels)).toEqual({ kind: 'edge', edge: 'end', direction: 1, word: false });
    expect(editingKey(press('ArrowLeft', { shiftKey: true, altKey: true }), defaultLabels)).toEqual({ kind: 'edge', edge: 'start', direction: -1, word: false });
    expect(editingKey(press('ArrowLeft', { shiftKey: true, ctrlKey: true }), defaultLabels)).toEqual({ kind: 'edge', edge: 'end', direction: -1, word: true });
    expect(editingKey(press('['), defaultLabels)).toEqual({ kind: 'edge', edge: 'start', direction: -1, word: false });
    expect(editingKey(press('2'), defaultLabels)).toEqual({ kind: 'label', labelId: 'quote' });
    expect(editingKey(press('Enter'), defaultLabels)).toEqual({ kind: 'confirm' });
    expect(editingKey(press('Escape'), defaultLabels)).toEqual({ kind: 'cancel' });
    expect(editingKey(press('ArrowRight'), defaultLabels)).toBeNull();
  });
});

describe('an edited span', () => {
  const text = 'Ana said 👩‍👩‍👧 and q\u0323\u0307 twice.';
  const item: SpanDisagreement = {
    kind: 'span',
    id: 'u',
    unitId: 'u',
    start: 0,
    end: 8,
    context: { start: 0, text },
    versions: [
      { annotator: 'ann', span: null },
      { annotator: 'bob', span: { annotationId: 'b', labelId: 'claim', ranges: [{ start: 4, end: 8 }], attributes: { claimant: 'Ana' } } },
    ],
  };

  it('starts from an annotator’s version and moves its ends by whole characters, never splitting an emoji or a letter’s marks', () => {
    const draft = startDraft(item, 0, []);
    expect(draft).toMatchObject({ ranges: [{ start: 4, end: 8 }], labelId: 'claim', attributes: { claimant: 'Ana' } });
    let moved = moveEdge(draft, text, 'end', 1);
    moved = moveEdge(moved, text, 'end', 1);
    expect(text.slice(4, moved.ranges[0]!.end)).toBe('said 👩‍👩‍👧');
    const marks = text.indexOf('q');
    const onMarks = moveEdge({ ...draft, ranges: [{ start: 4, end: marks }] }, text, 'end', 1);
    expect(text.slice(marks, onMarks.ranges[0]!.end)).toBe('q\u0323\u0307');
    // By word, and never empty.
    expect(moveEdge(draft, text, 'start', -1, true).ranges[0]!.start).toBe(0);
    const narrow = { ...draft, ranges: [{ start: 4, end: 5 }] };
    expect(moveEdge(narrow, text, 'end', -1)).toBe(narrow);
    expect(draftChoice(moved)).toEqual({ kind: 'edit', ranges: moved.ranges, labelId: 'claim', attributes: { claimant: 'Ana' } });
    // An edit kept is edited again from itself, not from an annotator's version.
    expect(draftChoice(startDraft(item, 0, [], draftChoice(moved)))).toEqual(draftChoice(moved));
  });
});
