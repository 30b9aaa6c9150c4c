import { describe, expect, it } from 'vitest';
import type { TextRange } from '../../../../shared/model/annotation.js';
import { candidateContext, moveCandidateEnd, type EndMove } from './sighting-ends.js';

const TEXT = 'for his behaviour.\n\n“Yesterday wasn’t my proudest day,” he wrote 🇬🇧 on Monday.';

/** The candidate's text after a series of moves from `ranges`. */
function after(ranges: TextRange[], ...moves: EndMove[]): string[] {
  const moved = moves.reduce((r, m) => moveCandidateEnd(TEXT, r, m), ranges);
  return moved.map((r) => TEXT.slice(r.start, r.end));
}

const at = (phrase: string): TextRange => ({ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });
const word = (end: EndMove['end'], direction: -1 | 1): EndMove => ({ end, direction, unit: 'word' });
const character = (end: EndMove['end'], direction: -1 | 1): EndMove => ({ end, direction, unit: 'character' });

describe('moving a candidate’s ends', () => {
  it('moves the start by whole words, punctuation and line breaks included', () => {
    const found = at('wasn’t my proudest');
    expect(after([found], word('start', -1))).toEqual(['“Yesterday wasn’t my proudest']);
    expect(after([found], word('start', -1), word('start', -1))).toEqual(['behaviour.\n\n“Yesterday wasn’t my proudest']);
    expect(after([found], word('start', 1))).toEqual(['my proudest']);
  });

  it('moves the end by whole words', () => {
    const found = at('wasn’t my proudest');
    expect(after([found], word('end', 1))).toEqual(['wasn’t my proudest day,”']);
    expect(after([found], word('end', -1))).toEqual(['wasn’t my']);
  });

  it('moves by one character as a reader sees it: a flag is one', () => {
    const found = at('he wrote');
    expect(after([found], character('end', 1), character('end', 1))).toEqual(['he wrote 🇬🇧']);
    expect(after([found], character('start', -1))).toEqual([' he wrote']);
    expect(after([found], character('start', 1))).toEqual(['e wrote']);
    expect(after([at('he wrote 🇬🇧')], character('end', -1))).toEqual(['he wrote ']);
  });

  it('never empties a piece nor leaves the text', () => {
    const one = at('day');
    expect(after([one], word('start', 1))).toEqual(['day']);
    expect(after([one], word('end', -1))).toEqual(['day']);
    expect(after([{ start: 0, end: 3 }], word('start', -1), character('start', -1))).toEqual(['for']);
    const end = { start: TEXT.length - 7, end: TEXT.length };
    expect(after([end], word('end', 1), character('end', 1))).toEqual(['Monday.']);
  });

  it('moves only the first piece’s start and the last piece’s end of a discontinuous candidate', () => {
    const pieces = [at('Yesterday'), at('proudest'), at('wrote')];
    expect(after(pieces, word('start', -1), word('end', 1))).toEqual(['“Yesterday', 'proudest', 'wrote 🇬🇧']);
  });

  it('shows the text around the candidate cut at white space', () => {
    const context = candidateContext(TEXT, [at('proudest')], 12);
    expect(context).toEqual({ before: 'wasn’t my ', after: ' day,” he', cutBefore: true, cutAfter: true });
  });
});
