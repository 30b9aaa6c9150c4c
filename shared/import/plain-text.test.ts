import { describe, expect, it } from 'vitest';
import { importPlainText } from './plain-text.js';

describe('importPlainText', () => {
  it('keeps its meaning: first line as title, date prefix read and kept, text normalised', () => {
    expect(importPlainText('a.txt', '\ufeff date 2021-04-20 Headline here\r\nBody')).toEqual({
      title: 'Headline here',
      outlet: null,
      date: '2021-04-20',
      dateWarning: null,
      author: null,
      url: null,
      sourceFile: 'a.txt',
      sourceId: null,
      sourceLine: null,
      format: 'plain-text',
      text: ' date 2021-04-20 Headline here\nBody',
      normalisation: { bomRemoved: true, lineEndings: 'crlf', nfcApplied: false },
    });
  });

  it('falls back to the file name for the title, and works without one', () => {
    expect(importPlainText('notes.txt', ' date 2021-04-20 \n\n').title).toBe('notes');
    expect(importPlainText(null, 'Only line').sourceFile).toBeNull();
  });
});
