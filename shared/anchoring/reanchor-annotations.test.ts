import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextFragment } from '../model/annotation.js';
import { fragmentAt } from '../text/text-quote.js';
import { LONG_QUOTE, reanchorAnnotations, type AnchoredAnnotation, type Reanchoring } from './reanchor-annotations.js';

const ARTICLE = [
  'George Russell and Valtteri Bottas had a horrific crash at the 2021 Emilia Romagna GP.',
  'The Briton responded, “I did give him a phone call, which he didn’t answer.”',
  'Bottas said the team would review the footage before the next race in Portugal.',
].join('\n\n');

function annotate(text: string, quote: string, id = 'a1', occurrence = 0): AnchoredAnnotation {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`no “${quote}” in the text`);
  return { id, fragments: [fragmentAt(text, { start, end: start + quote.length })] };
}

function placedAt(result: Reanchoring | undefined): number[] {
  if (result?.status !== 'placed') throw new Error(`expected a placement, got ${JSON.stringify(result)}`);
  return result.fragments.map((f) => f.start);
}

describe('reanchorAnnotations', () => {
  const quote = 'I did give him a phone call';

  it('leaves annotations on an unchanged text where they are', () => {
    const annotation = annotate(ARTICLE, quote);
    const [result] = reanchorAnnotations([annotation], ARTICLE);
    expect(result).toEqual({ id: 'a1', status: 'placed', fragments: annotation.fragments, moved: false });
  });

  it('follows a quote shifted by an insertion before it, with prefix and suffix taken afresh', () => {
    const annotation = annotate(ARTICLE, quote);
    const inserted = 'Updated at 10:00. ';
    const changed = inserted + ARTICLE;
    const [result] = reanchorAnnotations([annotation], changed);
    expect(placedAt(result)).toEqual([annotation.fragments[0]!.start + inserted.length]);
    if (result?.status === 'placed') {
      expect(result.moved).toBe(true);
      expect(result.fragments[0]).toEqual(fragmentAt(changed, { start: result.fragments[0]!.start, end: result.fragments[0]!.end }));
    }
  });

  it('follows a quote whose sentence was edited on one side', () => {
    const annotation = annotate(ARTICLE, quote);
    const changed = ARTICLE.replace('The Briton responded, ', 'Russell, speaking on the podcast, replied: ');
    const [result] = reanchorAnnotations([annotation], changed);
    expect(placedAt(result)).toEqual([changed.indexOf(quote)]);
  });

  it('orphans an annotation whose quote was deleted', () => {
    const annotation = annotate(ARTICLE, quote);
    const changed = ARTICLE.replace('“I did give him a phone call, which he didn’t answer.”', '(quote removed)');
    const [result] = reanchorAnnotations([annotation], changed);
    expect(result).toMatchObject({ id: 'a1', status: 'orphaned', reason: 'quote-not-found' });
  });

  it('orphans rather than moving to a look-alike (Hypothesis client #7571)', () => {
    const annotation = annotate(ARTICLE, quote);
    const changed = ARTICLE.replace(quote, 'I did give him a phone-call').concat('\n\nLater: I did give her a phone call, he said.');
    const [result] = reanchorAnnotations([annotation], changed);
    expect(result).toMatchObject({ status: 'orphaned', reason: 'quote-not-found' });
  });

  it('orphans rather than moving to the same words in other surroundings', () => {
    const annotation = annotate(ARTICLE, 'the next race');
    const changed = ARTICLE.replace('before the next race in Portugal', 'later').concat('\n\nFans look forward to the next race weekend.');
    const [result] = reanchorAnnotations([annotation], changed);
    expect(result).toMatchObject({ status: 'orphaned', reason: 'context-changed' });
  });

  it('picks, among several occurrences, the one in the old surroundings', () => {
    const annotation = annotate(ARTICLE, quote);
    const repeated = `Pull quote: “${quote}.”\n\n`;
    const changed = repeated + ARTICLE + '\n\n' + repeated;
    const [result] = reanchorAnnotations([annotation], changed);
    expect(placedAt(result)).toEqual([repeated.length + annotation.fragments[0]!.start]);
  });

  it('picks the nearest when a whole passage is duplicated, and the second copy for the second annotation', () => {
    const text = `${ARTICLE}\n\n${ARTICLE}`;
    const first = annotate(text, quote, 'first', 0);
    const second = annotate(text, quote, 'second', 1);
    const changed = `Intro.\n\n${text}`;
    const results = reanchorAnnotations([second, first], changed);
    expect(placedAt(results[0])).toEqual([second.fragments[0]!.start + 8]);
    expect(placedAt(results[1])).toEqual([first.fragments[0]!.start + 8]);
  });

  it('calls equally good, equally distant places ambiguous', () => {
    // Stored at 14; the new text has the quote, in the same surroundings, at 5 and at 23.
    const fragment: TextFragment = { start: 14, end: 19, exact: 'hello', prefix: 'said ', suffix: ' world' };
    const changed = 'said hello world. said hello world.';
    const [result] = reanchorAnnotations([{ id: 'x', fragments: [fragment] }], changed);
    expect(result).toMatchObject({ status: 'orphaned', reason: 'ambiguous' });
  });

  it('places a long quote that occurs once even when its surroundings were rewritten', () => {
    const long = 'When you can review everything and look at it in slow motion, it all looks very different';
    expect(long.length).toBeGreaterThanOrEqual(LONG_QUOTE);
    const text = `Russell: “${long},” he said.`;
    const annotation = annotate(text, long);
    const changed = `In the paddock on Thursday, the Williams driver admitted that ${long} from the cockpit.`;
    expect(placedAt(reanchorAnnotations([annotation], changed)[0])).toEqual([changed.indexOf(long)]);
  });

  it('handles emoji around the quote without splitting surrogate pairs', () => {
    const text = 'Fans 👍🏽 cheered “we will rebuild” 🏎️🏁 all night';
    const annotation = annotate(text, '“we will rebuild”');
    const changed = '🎉🎉 ' + text.replace('all night', 'all night 😀');
    const [result] = reanchorAnnotations([annotation], changed);
    expect(placedAt(result)).toEqual([changed.indexOf('“we will rebuild”')]);
    const emoji = annotate(text, '👍🏽', 'e');
    expect(placedAt(reanchorAnnotations([emoji], changed)[0])).toEqual([changed.indexOf('👍🏽')]);
  });

  it('places every fragment of a discontinuous annotation, or orphans it whole', () => {
    const first = fragmentAt(ARTICLE, { start: ARTICLE.indexOf('I did give'), end: ARTICLE.indexOf('I did give') + 10 });
    const secondAt = ARTICLE.indexOf('which he didn’t answer');
    const second = fragmentAt(ARTICLE, { start: secondAt, end: secondAt + 'which he didn’t answer'.length });
    const annotation = { id: 'd', fragments: [first, second] };
    const shifted = 'New lede.\n\n' + ARTICLE;
    expect(placedAt(reanchorAnnotations([annotation], shifted)[0])).toEqual([first.start + 11, second.start + 11]);
    const cut = ARTICLE.replace(', which he didn’t answer', '');
    expect(reanchorAnnotations([annotation], cut)[0]).toMatchObject({ status: 'orphaned', reason: 'quote-not-found' });
  });

  it('orphans a discontinuous annotation whose fragments changed order', () => {
    const text = 'Alpha beta gamma. Delta epsilon zeta.';
    const annotation = { id: 'o', fragments: [fragmentAt(text, { start: 0, end: 10 }), fragmentAt(text, { start: 18, end: 31 })] };
    const swapped = 'Delta epsilon zeta. Alpha beta gamma.';
    expect(reanchorAnnotations([annotation], swapped)[0]).toMatchObject({ status: 'orphaned' });
  });

  it('keeps results in the order given and places many annotations after a shift', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const annotations = Array.from({ length: 300 }, (_, i) => {
      const start = words.indexOf(`word${i * 10} `);
      return { id: `n${i}`, fragments: [fragmentAt(words, { start, end: start + `word${i * 10}`.length })] };
    }).reverse();
    const changed = 'Inserted sentence. ' + words;
    const results = reanchorAnnotations(annotations, changed);
    expect(results.map((r) => r.id)).toEqual(annotations.map((a) => a.id));
    results.forEach((result, i) => expect(placedAt(result)).toEqual([annotations[i]!.fragments[0]!.start + 19]));
  });

  it('on an unchanged text places every annotation where it was (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }),
        (text, ranges) => {
          const annotations: AnchoredAnnotation[] = [];
          ranges.forEach(([a, b], i) => {
            const start = a % text.length;
            const end = Math.min(text.length, start + 1 + (b % 20));
            try {
              annotations.push({ id: `p${i}`, fragments: [fragmentAt(text, { start, end })] });
            } catch {
              // a range splitting a surrogate pair is not a fragment
            }
          });
          for (const [i, result] of reanchorAnnotations(annotations, text).entries()) {
            expect(result).toMatchObject({ status: 'placed', fragments: annotations[i]!.fragments, moved: false });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never places a quote on text that differs from it (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 120 }), fc.nat(), fc.nat(), (before, after, a, b) => {
        if (before.length === 0) return;
        const start = a % before.length;
        const end = Math.min(before.length, start + 1 + (b % 15));
        let fragment: TextFragment;
        try {
          fragment = fragmentAt(before, { start, end });
        } catch {
          return;
        }
        const [result] = reanchorAnnotations([{ id: 'q', fragments: [fragment] }], after);
        if (result?.status === 'placed') {
          const placed = result.fragments[0]!;
          expect(after.slice(placed.start, placed.end)).toBe(fragment.exact);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
