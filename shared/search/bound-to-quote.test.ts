import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../text/edit-distance.js';
import { boundToQuote, type QuoteEnds } from './bound-to-quote.js';
import { foldForMatching } from '../text/fold-for-matching.js';

/** The approximate match of `quote` in `text` an edit-distance matcher reports (fewest errors, first place), then bounded. */
function boundedMatch(text: string, quote: string, rate: number, ends?: QuoteEnds) {
  const folded = foldForMatching(text);
  const needle = foldForMatching(quote);
  const matches = search(folded, needle, Math.floor(needle.length * rate));
  const best = matches.reduce((a, b) => (b.errors < a.errors ? b : a));
  const bounded = boundToQuote(folded, needle, best, ends)!;
  return { raw: text.slice(best.start, best.end), text: text.slice(bounded.start, bounded.end), errors: bounded.errors, needle, folded, bounded };
}

describe('boundToQuote', () => {
  it('stops where the other text stops carrying the quote, instead of taking the next sentence in its place', () => {
    const text = 'and a better person for the experience.\n\nHamilton was quick to show his compatriot, who could yet be his team-mate, his support.';
    const quote = 'and a better person for the experience.\n\n"Now it\'s full focus on Portugal and a chance to show what I\'m really about."';
    const found = boundedMatch(text, quote, 0.5);
    expect(found.raw).toContain('Hamilton');
    expect(found.text).toBe('and a better person for the experience.');
    expect(found.errors).toBe(editDistance(found.needle, foldForMatching(found.text)));
  });

  it('starts at the quote, not inside the word before it', () => {
    const text = 'Russell took to social media to apologise for his behaviour.\n\n“Yesterday wasn’t my proudest day,” he wrote on Monday.';
    const quote = 'Both drivers were fuming after the collision.\n\n"Yesterday wasn\'t my proudest day," he wrote on Monday.';
    const found = boundedMatch(text, quote, 0.5);
    expect(found.raw.startsWith('“Yesterday')).toBe(false);
    expect(found.text).toBe('“Yesterday wasn’t my proudest day,” he wrote on Monday.');
  });

  it('keeps a last word that differs only in its ending (mistake / mistakes)', () => {
    const found = boundedMatch('If you don’t make the mistakes you will never learn', 'If you don\'t make the mistake', 0.2);
    expect(found.text).toBe('If you don’t make the mistakes');
    expect(found.errors).toBe(1);
  });

  it('keeps a paraphrase whole: reworded words between shared ones stay in', () => {
    const text = 'Stewards\n\nStewards said that the driver crossed the white line at the exit of the pits twice in the race.\n';
    const quote = 'The stewards said the driver had crossed the white line at the pit exit twice during the race.';
    const found = boundedMatch(text, quote, 0.35);
    expect(found.text).toBe('Stewards said that the driver crossed the white line at the exit of the pits twice in the race.');
    expect(found.errors).toBe(editDistance(found.needle, foldForMatching(found.text)));
  });

  it('matches a quote cut inside words to the character, as the quote itself is', () => {
    const text = 'The duo never spoke with each other on the subject.';
    const found = boundedMatch(text, 'uo never spoke with each oth', 0.2, { wordStart: false, wordEnd: false });
    expect(found.text).toBe('uo never spoke with each oth');
    expect(found.errors).toBe(0);
    expect(boundedMatch(text, 'uo never spoke with each oth', 0.2).text).toBe('duo never spoke with each other');
  });

  it('finds nothing when no character of the quote aligns', () => {
    expect(boundToQuote('zzzz', 'abc', { start: 0, end: 3, errors: 3 })).toBeNull();
  });
});
