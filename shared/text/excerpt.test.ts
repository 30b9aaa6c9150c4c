import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.js';

describe('excerpt', () => {
  it('keeps a text that fits as it is, white space folded', () => {
    expect(excerpt('Yesterday wasn’t my proudest day,', 60)).toBe('Yesterday wasn’t my proudest day,');
    expect(excerpt('two\n\nlines', 60)).toBe('two lines');
  });

  it('cuts after the last whole word that fits and adds an ellipsis', () => {
    const text = 'I knew it would be one of our best opportunities to score points this season';
    const cut = excerpt(text, 40);
    expect(cut).toBe('I knew it would be one of our best…');
    expect(Array.from(cut).length).toBeLessThanOrEqual(40);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(text[cut.length - 1]).toBe(' ');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(excerpt('Russell crashed, Bottas swore, everyone argued for days', 32)).toBe('Russell crashed, Bottas swore…');
  });

  it('cuts one overlong word between whole characters', () => {
    const flags = '🇫🇷🇩🇪'.repeat(15);
    const cut = excerpt(flags, 6);
    // Five whole flags and the ellipsis: no flag is split into its two letters.
    expect(cut).toBe(`${'🇫🇷🇩🇪'.repeat(2)}🇫🇷…`);
  });

  it('reads only the start of a very long text', () => {
    const long = 'word '.repeat(20_000);
    const started = performance.now();
    expect(excerpt(long, 40)).toBe(`${'word '.repeat(7)}word…`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
