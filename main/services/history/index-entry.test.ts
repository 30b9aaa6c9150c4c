import { describe, expect, it } from 'vitest';
import { articleEntryIn } from './index-entry.js';

// Cutting one article's entry out of `workspace.json` without parsing the whole file must give
// exactly what parsing the whole file gives, whatever the other entries' texts hold.

const entry = (id: string, title: string) => ({ id, title, outlet: null, contentHash: `sha256:${'a'.repeat(64)}`, length: 10, normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false } });
const tricky = [
  entry('d1', 'Braces { and } and a quote " and a backslash \\ at the end \\'),
  entry('d2', 'Mentions "id": "d3" and {"id": "d3", "contentHash": "x"} in its title'),
  entry('d3', 'Emoji 🇺🇦 👍🏽 and “curly” quotes'),
];
const workspace = (documents: unknown[], indent?: number) => Buffer.from(JSON.stringify({ schemaVersion: 2, labels: [{ id: 'claim', name: 'Claim' }], linkTypes: [], documents }, null, indent));

describe('an article’s entry in workspace.json', () => {
  it.each([
    ['pretty-printed', 2],
    ['compact', undefined],
  ])('is cut out exactly, %s, whatever the other entries hold', (_, indent) => {
    for (const wanted of tricky) expect(articleEntryIn(workspace(tricky, indent), wanted.id)).toEqual(wanted);
  });

  it('is null when the article is not listed, even where another entry’s text names it', () => {
    expect(articleEntryIn(workspace(tricky.slice(0, 2), 2), 'd3')).toBeNull();
    expect(articleEntryIn(workspace(tricky, 2), 'd4')).toBeNull();
  });

  it('is null in a version that is not JSON', () => {
    expect(articleEntryIn(Buffer.from('{"documents": [{"id": "d1", "contentHash": '), 'd1')).toBeNull();
  });

  it('is found by parsing where the key is written unusually', () => {
    expect(articleEntryIn(Buffer.from('{"documents": [{"title": "T", "id"  :  "d1", "contentHash": "h"}]}'), 'd1')).toEqual({ title: 'T', id: 'd1', contentHash: 'h' });
  });
});
