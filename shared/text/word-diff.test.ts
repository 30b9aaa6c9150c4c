import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffVariant, ignorePunctuationDifferences } from './word-diff.js';

const join = (segments: { kind: string; text: string }[], keep: string) =>
  segments.filter((s) => s.kind === 'same' || s.kind === keep).map((s) => s.text).join('');

describe('diffVariant', () => {
  it('finds the seeds’ wording drift word by word', () => {
    const a = 'If you don’t make the mistakes you will never learn';
    const b = "If you don't make the mistake you can never learn";
    const changed = diffVariant(a, b).filter((s) => s.kind !== 'same');
    expect(changed).toEqual([
      { kind: 'removed', text: '’' },
      { kind: 'added', text: "'" },
      { kind: 'removed', text: 'mistakes' },
      { kind: 'added', text: 'mistake' },
      { kind: 'removed', text: 'will' },
      { kind: 'added', text: 'can' },
    ]);
  });

  it('reports identical texts as one unchanged run', () => {
    expect(diffVariant('Yesterday wasn’t my proudest day', 'Yesterday wasn’t my proudest day')).toEqual([
      { kind: 'same', text: 'Yesterday wasn’t my proudest day' },
    ]);
  });

  it('always gives back both texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const segments = diffVariant(a, b);
        expect(join(segments, 'added')).toBe(b);
        expect(join(segments, 'removed')).toBe(a);
      }),
    );
  });
});

describe('ignorePunctuationDifferences', () => {
  it('folds a curly for a straight apostrophe, an added comma and a dash into the shared text, keeping word changes', () => {
    const reference = 'Yesterday wasn’t my proudest day - I made mistakes';
    const variant = "Yesterday wasn't my proudest day, — I made a mistake";
    const folded = ignorePunctuationDifferences(diffVariant(reference, variant));
    expect(folded.filter((s) => s.kind !== 'same').map((s) => `${s.kind}:${s.text.trim()}`)).toEqual(['removed:mistakes', 'added:a mistake']);
    expect(folded.some((s) => s.kind !== 'same' && /['’,—-]/.test(s.text) && s.text.replace(/[^\p{L}]/gu, '') === '')).toBe(false);
    expect(folded.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(variant);
  });

  it('leaves nothing marked when two texts differ only in punctuation (property: the variant comes back whole)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('word', 'other', ' ', ',', '’', "'", '-', '—', '“', '"'), { maxLength: 20 }), (tokens) => {
        const variant = tokens.join('');
        const reference = variant.replace(/’/g, "'").replace(/—/g, '-').replace(/“/g, '"');
        const folded = ignorePunctuationDifferences(diffVariant(reference, variant));
        expect(folded.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(variant);
        expect(folded.filter((s) => s.kind !== 'same')).toEqual([]);
      }),
    );
  });
});
