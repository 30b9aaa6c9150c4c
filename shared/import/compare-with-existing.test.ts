import { describe, expect, it } from 'vitest';
import { contentHash } from '../text/content-hash.js';
import { compareWithExisting, type ExistingDocument } from './compare-with-existing.js';
import { importPlainText } from './plain-text.js';

describe('compareWithExisting', () => {
  const article = { ...importPlainText('crash.txt', 'Crash at Imola\nBody v2'), url: 'https://a.example/crash' };
  const doc = (fields: Partial<ExistingDocument>): ExistingDocument => ({
    id: 'd1',
    title: 'Other',
    url: null,
    sourceFile: null,
    contentHash: contentHash('something else'),
    ...fields,
  });

  it('is new when nothing matches', () => {
    expect(compareWithExisting(article, [doc({})], contentHash)).toBe('new');
    expect(compareWithExisting(article, [], contentHash)).toBe('new');
  });

  it('is a duplicate of a document with the same text', () => {
    expect(compareWithExisting(article, [doc({ id: 'x' }), doc({ id: 'same', contentHash: contentHash(article.text) })], contentHash)).toEqual({
      duplicateOf: 'same',
    });
  });

  it('is a new version of a document with the same URL, file or title', () => {
    expect(compareWithExisting(article, [doc({ id: 'u', url: 'HTTPS://a.example/crash/#top' })], contentHash)).toEqual({ newVersionOf: 'u' });
    expect(compareWithExisting(article, [doc({ id: 'f', sourceFile: 'crash.txt' })], contentHash)).toEqual({ newVersionOf: 'f' });
    expect(compareWithExisting(article, [doc({ id: 't', title: '  crash AT imola ' })], contentHash)).toEqual({ newVersionOf: 't' });
  });

  it('prefers the URL over the file name and the title', () => {
    const existing = [doc({ id: 't', title: 'Crash at Imola' }), doc({ id: 'f', sourceFile: 'crash.txt' }), doc({ id: 'u', url: 'https://a.example/crash' })];
    expect(compareWithExisting(article, existing, contentHash)).toEqual({ newVersionOf: 'u' });
  });

  it('does not match corpus records by their shared file name', () => {
    const record = { ...article, url: null, title: 'Unique', sourceFile: 'corpus.jsonl', sourceLine: 3 };
    expect(compareWithExisting(record, [doc({ sourceFile: 'corpus.jsonl' })], contentHash)).toBe('new');
  });
});
