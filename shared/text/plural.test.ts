import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'file')).toBe('file');
    expect(plural(0, 'file')).toBe('files');
    expect(plural(2, 'file')).toBe('files');
    expect(plural(-1, 'file')).toBe('files');
    expect(plural(1.5, 'file')).toBe('files');
  });

  it('takes an irregular plural when given one', () => {
    expect(plural(1, 'an article', 'articles')).toBe('an article');
    expect(plural(3, 'an article', 'articles')).toBe('articles');
    expect(plural(2, 'new version')).toBe('new versions');
  });
});
