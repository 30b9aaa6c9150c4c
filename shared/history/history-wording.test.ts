import { describe, expect, it } from 'vitest';
import type { LayerChange, QuotedAnnotationChange } from '../api/contract/history.js';
import { annotationChangeWords, articleChangeWords, layerChangeCounts, relativeTime } from './history-wording.js';

const none = { label: 0, range: 0, note: 0, attributes: 0, orphaned: 0 };
const layer = (counts: Partial<LayerChange>): LayerChange => ({ annotator: { id: 'ann-1a2b3c', name: 'Ann' }, added: 0, removed: 0, changed: 0, changedBy: none, examples: [], ...counts });
const example = (change: Partial<QuotedAnnotationChange>): QuotedAnnotationChange => ({
  change: 'changed',
  annotationId: 'a1',
  labelId: 'fact',
  label: 'Fact',
  quote: 'We are ready 👍🏽',
  what: [],
  previousLabel: null,
  previousQuote: null,
  note: null,
  present: true,
  ...change,
});

describe('history in words', () => {
  it('counts what a change did to a layer, naming only the kinds that happened', () => {
    expect(layerChangeCounts(layer({ added: 1 }))).toBe('1 added');
    expect(layerChangeCounts(layer({ added: 2, removed: 1, changed: 3, changedBy: { ...none, label: 2, range: 1, note: 1 } }))).toBe(
      '2 added, 1 removed, 3 changed (2 relabelled, 1 span changed, 1 note changed)',
    );
    expect(layerChangeCounts(layer({ added: 1200, removed: 3 }))).toBe('1,200 added, 3 removed');
  });

  it('says how an annotation changed and what it was before', () => {
    expect(annotationChangeWords(example({ change: 'added' }))).toBe('added');
    expect(annotationChangeWords(example({ what: ['label'], previousLabel: 'Claim' }))).toBe('relabelled (was Claim)');
    expect(annotationChangeWords(example({ what: ['range', 'note'], previousQuote: 'We are ready', note: 'Checked ✅' }))).toBe('span changed (was “We are ready”); note: “Checked ✅”');
    expect(annotationChangeWords(example({ what: ['note'], note: '' }))).toBe('note removed');
    expect(annotationChangeWords(example({ what: ['attributes', 'orphaned'] }))).toBe('attributes changed; lost its place in the text');
  });

  it('says what happened to the article', () => {
    expect(articleChangeWords({ kind: 'added', title: 'Flood warning 🌊' })).toBe('Article added: “Flood warning 🌊”');
    expect(articleChangeWords({ kind: 'text', lengthBefore: 2838, lengthAfter: 2900 })).toBe('Text replaced (2,838 → 2,900 characters)');
    expect(articleChangeWords({ kind: 'text', lengthBefore: null, lengthAfter: 10 })).toBe('Text replaced');
    expect(articleChangeWords({ kind: 'detail', field: 'url', before: null, after: 'https://example.org/a' })).toBe('URL: none → “https://example.org/a”');
    expect(articleChangeWords({ kind: 'detail', field: 'title', before: 'A', after: 'B' })).toBe('Title: “A” → “B”');
  });

  it('says when, relative to now', () => {
    const now = new Date('2024-05-10T12:00:00Z');
    const ago = (seconds: number) => relativeTime(new Date(now.getTime() - seconds * 1000), now);
    expect([ago(10), ago(60), ago(5 * 60), ago(3600), ago(5 * 3600), ago(30 * 3600), ago(4 * 86400), ago(40 * 86400)]).toEqual([
      'just now',
      '1 minute ago',
      '5 minutes ago',
      '1 hour ago',
      '5 hours ago',
      'yesterday',
      '4 days ago',
      'on 2024-03-31',
    ]);
  });
});
