import { describe, expect, it } from 'vitest';
import { mergeFileVersions, type FileMergeOptions, type FileVersions } from './merge-file.js';

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);
const json = (value: unknown) => bytes(`${JSON.stringify(value)}\n`);
const text = (content: Uint8Array | undefined) => (content === undefined ? undefined : new TextDecoder().decode(content));
const options: FileMergeOptions = { serialiseJson: (_file, value) => json(value) };
const versions = (file: string, base?: Uint8Array, ours?: Uint8Array, theirs?: Uint8Array): FileVersions => ({ file, base, ours, theirs });

describe('mergeFileVersions', () => {
  it('merges a JSON file field by field and writes it with the serialiser given', () => {
    const outcome = mergeFileVersions(versions('workspace.json', json({ a: 1, b: 1 }), json({ a: 2, b: 1 }), json({ a: 1, b: 3 })), options);
    expect(outcome.merged && text(outcome.content)).toBe('{"a":2,"b":3}\n');
  });

  it('makes a text file both changed differently one conflict holding the three versions', () => {
    const outcome = mergeFileVersions(versions('notes.md', bytes('base\n'), bytes('ours\n'), bytes('theirs\n')), options);
    expect(outcome).toEqual({
      merged: false,
      conflicts: [{ kind: 'file', id: 'notes.md', file: 'notes.md', reason: 'both sides changed this file differently', base: 'base\n', ours: 'ours\n', theirs: 'theirs\n' }],
    });
    const added = mergeFileVersions(versions('notes.md', undefined, bytes('a'), bytes('b')), options);
    expect(!added.merged && added.conflicts[0]).toMatchObject({ base: null, ours: 'a', theirs: 'b' });
    const deleted = mergeFileVersions(versions('notes.md', bytes('a'), undefined, bytes('b')), options);
    expect(!deleted.merged && deleted.conflicts[0]).toMatchObject({ base: 'a', ours: null, theirs: 'b' });
  });

  it('takes whole-file conflicts for JSON that does not parse, or that would not be a valid file once merged', () => {
    const broken = mergeFileVersions(versions('workspace.json', json({ a: 1 }), bytes('{"a": 2'), json({ a: 3 })), options);
    expect(!broken.merged && broken.conflicts[0]).toMatchObject({ kind: 'file', reason: 'a version of this file is not valid JSON' });
    const invalid = mergeFileVersions(versions('workspace.json', json({ a: 1, b: 1 }), json({ a: 2, b: 1 }), json({ a: 1, b: 3 })), {
      ...options,
      normaliseJson: (_file, value) => ((value as { a: number }).a === 2 && (value as { b: number }).b === 3 ? 'a and b may not both change' : value),
    });
    expect(!invalid.merged && invalid.conflicts[0]).toMatchObject({ kind: 'file', reason: 'merged field by field it would not be a valid file (a and b may not both change)' });
  });

  it('names field conflicts by file and path, and settles them only while they are what was shown', () => {
    const base = json({ labels: [{ id: 'claim', colour: '#f00' }] });
    const ours = json({ labels: [{ id: 'claim', colour: '#0f0' }] });
    const theirs = json({ labels: [{ id: 'claim', colour: '#00f' }] });
    const first = mergeFileVersions(versions('workspace.json', base, ours, theirs), options);
    if (first.merged) throw new Error('expected a conflict');
    const conflict = first.conflicts[0]!;
    expect(conflict).toEqual({
      kind: 'field',
      id: 'workspace.json#labels[id=claim].colour',
      file: 'workspace.json',
      path: ['labels', { id: 'claim' }, 'colour'],
      where: 'labels[id=claim].colour',
      base: '#f00',
      ours: '#0f0',
      theirs: '#00f',
      absent: [],
    });
    const settled = mergeFileVersions(versions('workspace.json', base, ours, theirs), { ...options, settled: [{ conflict, take: 'theirs' }] });
    expect(settled.merged && text(settled.content)).toBe('{"labels":[{"id":"claim","colour":"#00f"}]}\n');
    const movedOn = json({ labels: [{ id: 'claim', colour: '#999' }] }); // they changed it again since the choice
    const again = mergeFileVersions(versions('workspace.json', base, ours, movedOn), { ...options, settled: [{ conflict, take: 'theirs' }] });
    expect(!again.merged && again.conflicts[0]).toMatchObject({ id: conflict.id, theirs: '#999' });
  });

  it('settles a whole-file conflict by the version chosen', () => {
    const shown = mergeFileVersions(versions('notes.md', bytes('base'), bytes('ours'), bytes('theirs')), options);
    if (shown.merged) throw new Error('expected a conflict');
    const kept = mergeFileVersions(versions('notes.md', bytes('base'), bytes('ours'), bytes('theirs')), { ...options, settled: [{ conflict: shown.conflicts[0]!, take: 'ours' }] });
    expect(kept.merged && text(kept.content)).toBe('ours');
  });
});
