import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { DERIVED_TITLE_MAX_LENGTH } from './article-metadata.js';
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

  it('titles an untitled article with its first sentence, cut at a word, and keeps the whole paragraph in the text', () => {
    const seeds = new URL('../../fixtures/seeds/', import.meta.url);
    const seed = (prefix: string) => {
      const name = readdirSync(seeds).find((f) => f.startsWith(prefix))!;
      return importPlainText(name, readFileSync(new URL(name, seeds), 'utf8'));
    };
    const crash = seed('000_');
    expect(crash.title).toBe('George Russell and Valtteri Bottas had a horrific crash at the 2021 Emilia…');
    expect(crash.text.split('\n')[0]).toContain('Tensions flared up between the two right after the incident');
    expect(seed('003_').title).toBe('George Russell was seeing red after the Italian GP but backed down after…');
    expect(seed('002_').title).toBe('Hamilton offers words of support for Russell');
    for (const prefix of ['000_', '001_', '002_', '003_', '004_']) expect(seed(prefix).title.length).toBeLessThanOrEqual(DERIVED_TITLE_MAX_LENGTH + 1);
  });

  it('ends the first sentence at . ! or ? but not after an abbreviation or an initial', () => {
    expect(importPlainText('a.txt', 'Crash at Imola. Both drivers are out.').title).toBe('Crash at Imola.');
    expect(importPlainText('a.txt', 'Is it over? Nobody knows.').title).toBe('Is it over?');
    expect(importPlainText('a.txt', 'Mr. Russell met G. Russell in the U.S. today. Then left.').title).toBe('Mr. Russell met G. Russell in the U.S. today.');
    expect(importPlainText('a.txt', 'He said "enough." Then he left.').title).toBe('He said "enough."');
  });

  it('cuts a title without spaces between characters, never inside one', () => {
    const title = importPlainText('a.txt', `a${'\u{1F3CE}'.repeat(60)}`).title;
    expect(title).toBe(`a${'\u{1F3CE}'.repeat((DERIVED_TITLE_MAX_LENGTH - 2) / 2)}…`);
  });
});
