import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './front-matter.js';

describe('splitFrontMatter', () => {
  it('reads flat key: value pairs, quoted or not, and returns the body', () => {
    const { frontMatter, body } = splitFrontMatter(
      '---\ntitle: "A \\"quoted\\" title"\nDate: 2021-04-20 # comment\nsource: \'It\'\'s News\'\ntags:\n  - f1\nlink: https://x.example/a#frag\n---\n# Body',
    );
    expect(frontMatter).toEqual({ title: 'A "quoted" title', date: '2021-04-20', outlet: "It's News", url: 'https://x.example/a#frag' });
    expect(body).toBe('# Body');
  });

  it('leaves text without front matter alone', () => {
    expect(splitFrontMatter('# Title\n---\nx')).toEqual({ frontMatter: {}, body: '# Title\n---\nx' });
    expect(splitFrontMatter('---\nnot closed')).toEqual({ frontMatter: {}, body: '---\nnot closed' });
  });
});
