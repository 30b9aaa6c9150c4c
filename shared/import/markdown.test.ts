import { describe, expect, it } from 'vitest';
import { importMarkdown, markdownText } from './markdown.js';
import { markdownNestingDepth } from './markdown-nesting.js';

describe('markdownText', () => {
  it('keeps the words and drops the markup', () => {
    const { text, firstHeading } = markdownText(
      '# Title with *emphasis*\n\nA [link](https://x.example "t") and ![img](i.png) and `code` \\* and &amp; and <b>tag</b>.\n\n1. one\n2. two\n\n> quoted\n> more\n\n---\n\n    indented code\n',
    );
    expect(firstHeading).toBe('Title with emphasis');
    expect(text).toBe('Title with emphasis\n\nA link and and code * and & and tag.\n\none\n\ntwo\n\nquoted more\n\nindented code');
    expect(text).not.toMatch(/https|\.png|#|\*\*/);
  });

  it('joins soft-wrapped lines and keeps hard breaks', () => {
    expect(markdownText('one\ntwo  \nthree\\\nfour').text).toBe('one two\nthree\nfour');
  });

  it('reads tables row by row and block HTML inertly', () => {
    expect(markdownText('| Lap | Pos |\n|---|---|\n| 32 | P8 |\n\n<div onclick="x()">Raw <b>block</b><script>bad()</script></div>\n').text).toBe(
      'Lap Pos\n\n32 P8\n\nRaw block',
    );
  });
});

describe('importMarkdown', () => {
  it('takes the title from front matter, else the first heading, else the first line', () => {
    expect(importMarkdown('a.md', '---\ntitle: Front\ndate: 2021-04-20T10:00:00Z\n---\n# Heading\n\nBody')).toMatchObject({
      title: 'Front',
      date: '2021-04-20',
      text: 'Heading\n\nBody',
    });
    expect(importMarkdown('a.md', 'Intro line\n\n## Heading\n\nBody')).toMatchObject({ title: 'Heading' });
    expect(importMarkdown('a.md', 'Intro line\n\nBody')).toMatchObject({ title: 'Intro line' });
  });

  it('normalises CRLF and records it', () => {
    expect(importMarkdown('a.md', '# T\r\n\r\nBody\r\n')).toMatchObject({ text: 'T\n\nBody', normalisation: { lineEndings: 'crlf' } });
  });

  it('refuses nesting deeper than any article and names the line', () => {
    expect(importMarkdown('deep.md', 'ok\n\n' + '> '.repeat(40) + 'deep')).toEqual({ tooComplex: true, line: 3 });
    expect(importMarkdown('deep.md', '---\ntitle: x\n---\n' + '- '.repeat(40) + 'deep')).toEqual({ tooComplex: true, line: 4 });
  });

  it('gives null when nothing readable is left', () => {
    expect(importMarkdown('a.md', '[ref]: https://x.example\n\n![alt](x.png)\n')).toBeNull();
  });
});

describe('markdownNestingDepth', () => {
  it('counts quotes, list markers and indentation', () => {
    expect(markdownNestingDepth('plain')).toEqual({ depth: 0, line: 1 });
    expect(markdownNestingDepth('a\n> > - 1. x')).toEqual({ depth: 4, line: 2 });
    expect(markdownNestingDepth('a\n\n        code')).toEqual({ depth: 4, line: 3 });
    expect(markdownNestingDepth('-not a list\n2021. A year').depth).toBe(1);
  });
});
