import { describe, expect, it } from 'vitest';
import { extensionOf, fileKindOf, sniffTextFormat } from './article-format.js';

describe('fileKindOf', () => {
  it.each([
    ['a.txt', 'plain-text'],
    ['A.MD', 'markdown'],
    ['a.markdown', 'markdown'],
    ['page.HTM', 'html'],
    ['page.html', 'html'],
    ['c.json', 'json'],
    ['c.jsonl', 'jsonl'],
    ['c.ndjson', 'jsonl'],
  ])('reads %s as %s', (name, format) => {
    expect(fileKindOf(name)).toEqual({ kind: 'format', format });
  });

  it('knows files it refuses, and files it does not know', () => {
    expect(fileKindOf('x.pdf')).toMatchObject({ kind: 'unsupported', extension: 'pdf' });
    expect(fileKindOf('x.log')).toEqual({ kind: 'unknown', extension: 'log' });
    expect(fileKindOf('.bashrc')).toEqual({ kind: 'unknown', extension: null });
    expect(extensionOf('dir.v2/README')).toBeNull();
  });
});

describe('sniffTextFormat', () => {
  it('recognises web pages only', () => {
    expect(sniffTextFormat('\ufeff  <!DOCTYPE html><p>x')).toBe('html');
    expect(sniffTextFormat('<html>')).toBe('html');
    expect(sniffTextFormat('[{"text": "x"}]')).toBe('plain-text');
    expect(sniffTextFormat('<b>not a page</b>')).toBe('plain-text');
  });
});
