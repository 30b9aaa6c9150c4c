import { describe, expect, it } from 'vitest';
import { describeJsonPath, mergeJson, type JsonValue } from './merge-json.js';

const labels = (...items: Array<Record<string, JsonValue>>) => ({ labels: items });

describe('mergeJson', () => {
  it('takes a change made on one side only, and the same change made on both', () => {
    const base = { name: 'Claim', colour: '#f00' };
    expect(mergeJson(base, { ...base, colour: '#0f0' }, base)).toEqual({ merged: { name: 'Claim', colour: '#0f0' }, conflicts: [] });
    expect(mergeJson(base, base, { ...base, name: 'Assertion' })).toEqual({ merged: { name: 'Assertion', colour: '#f00' }, conflicts: [] });
    expect(mergeJson(base, { ...base, colour: '#00f' }, { ...base, colour: '#00f' }).merged).toEqual({ name: 'Claim', colour: '#00f' });
  });

  it('merges objects key by key: different fields changed on each side both land, added and deleted keys too', () => {
    const base = { name: 'Claim', colour: '#f00', key: '1', description: 'old' };
    const ours = { name: 'Claim', colour: '#0f0', key: '1', description: 'old', hint: 'new on ours' };
    const theirs = { name: 'Assertion', colour: '#f00', key: '1' };
    expect(mergeJson(base, ours, theirs)).toEqual({ merged: { name: 'Assertion', colour: '#0f0', key: '1', hint: 'new on ours' }, conflicts: [] });
  });

  it('merges arrays of objects with ids item by item, keeping the order and placing additions after their neighbour', () => {
    const base = labels({ id: 'claim', colour: '#f00' }, { id: 'quote', colour: '#0f0' }, { id: 'fact', colour: '#00f' });
    const ours = labels({ id: 'claim', colour: '#f00' }, { id: 'mine', colour: '#111' }, { id: 'quote', colour: '#0f0' }, { id: 'fact', colour: '#00f' });
    const theirs = labels({ id: 'claim', colour: '#fff' }, { id: 'quote', colour: '#0f0' }, { id: 'theirs', colour: '#222' });
    const { merged, conflicts } = mergeJson(base, ours, theirs);
    expect(conflicts).toEqual([]);
    // claim changed by them, mine added by us, theirs added by them after quote, fact deleted by them and untouched by us.
    expect(merged).toEqual(labels({ id: 'claim', colour: '#fff' }, { id: 'mine', colour: '#111' }, { id: 'quote', colour: '#0f0' }, { id: 'theirs', colour: '#222' }));
  });
});

describe('mergeJson conflicts', () => {
  it('reports a field both sides changed differently, with its path and the three versions, and keeps ours meanwhile', () => {
    const base = labels({ id: 'claim', colour: '#f00', name: 'Claim' });
    const ours = labels({ id: 'claim', colour: '#0f0', name: 'Claim' });
    const theirs = labels({ id: 'claim', colour: '#00f', name: 'Assertion' });
    const { merged, conflicts } = mergeJson(base, ours, theirs);
    expect(conflicts).toEqual([{ path: ['labels', { id: 'claim' }, 'colour'], base: '#f00', ours: '#0f0', theirs: '#00f' }]);
    expect(describeJsonPath(conflicts[0]!.path)).toBe('labels[id=claim].colour');
    expect(merged).toEqual(labels({ id: 'claim', colour: '#0f0', name: 'Assertion' }));
  });

  it('reports an item deleted on one side and changed on the other, and values added on both sides differently', () => {
    const base = { links: [{ id: 'l1', note: 'a' }] };
    const ours = { links: [], extra: 1 };
    const theirs = { links: [{ id: 'l1', note: 'b' }], extra: 2 };
    const { conflicts } = mergeJson(base, ours, theirs);
    expect(conflicts).toEqual([
      { path: ['links', { id: 'l1' }], base: { id: 'l1', note: 'a' }, ours: undefined, theirs: { id: 'l1', note: 'b' } },
      { path: ['extra'], base: undefined, ours: 1, theirs: 2 },
    ]);
  });

  it('treats arrays without ids (or with an id twice) as single values', () => {
    expect(mergeJson({ members: ['a'] }, { members: ['a', 'b'] }, { members: ['a', 'c'] }).conflicts).toEqual([
      { path: ['members'], base: ['a'], ours: ['a', 'b'], theirs: ['a', 'c'] },
    ]);
    const twice = [{ id: 'x', v: 1 }, { id: 'x', v: 2 }];
    expect(mergeJson({ items: twice }, { items: [...twice, { id: 'y', v: 0 }] }, { items: [{ id: 'z', v: 3 }] }).conflicts).toHaveLength(1);
  });

  it('keeps the later time where both changed a "last changed" key, instead of a conflict', () => {
    const base = { id: 'a', note: '', label: 'claim', updatedAt: '2026-01-01T00:00:00.000Z' };
    const ours = { ...base, note: 'checked', updatedAt: '2026-01-02T09:00:00.000Z' };
    const theirs = { ...base, label: 'fact', updatedAt: '2026-01-02T08:00:00.000Z' };
    expect(mergeJson(base, ours, theirs, { latestTimeKeys: ['updatedAt'] })).toEqual({
      merged: { id: 'a', note: 'checked', label: 'fact', updatedAt: '2026-01-02T09:00:00.000Z' },
      conflicts: [],
    });
    expect(mergeJson(base, ours, theirs).conflicts.map((c) => c.path)).toEqual([['updatedAt']]);
  });

  it('applies a choice made earlier through settle, and keeps the item the choice brings back in place', () => {
    const base = { links: [{ id: 'l1', note: 'a' }, { id: 'l2', note: '' }] };
    const ours = { links: [{ id: 'l2', note: '' }] };
    const theirs = { links: [{ id: 'l1', note: 'b' }, { id: 'l2', note: '' }] };
    const kept = mergeJson(base, ours, theirs, { settle: () => 'theirs' });
    expect(kept).toEqual({ merged: theirs, conflicts: [] });
    expect(mergeJson(base, ours, theirs, { settle: () => 'ours' })).toEqual({ merged: ours, conflicts: [] });
  });
});
