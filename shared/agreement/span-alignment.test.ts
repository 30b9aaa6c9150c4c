import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignAnnotations, attributeDisagreements, sharedCharacters, versionsOf, type AlignableAnnotation } from './span-alignment.js';

const span = (annotator: string, id: string, start: number, end: number, labelId = 'claim', attributes = {}): AlignableAnnotation => ({
  id,
  annotator,
  labelId,
  fragments: [{ start, end }],
  attributes,
});

const membersOf = (units: ReturnType<typeof alignAnnotations>) => units.map((u) => [...u.members].map((m) => `${m.annotator}:${m.id}`));

describe('alignAnnotations', () => {
  it('puts identical spans of three annotators in one unit and leaves a span only one marked alone', () => {
    const units = alignAnnotations([span('ann', 'a1', 0, 10), span('bob', 'b1', 0, 10), span('cy', 'c1', 0, 10), span('bob', 'b2', 20, 30)]);
    expect(membersOf(units)).toEqual([['ann:a1', 'bob:b1', 'cy:c1'], ['bob:b2']]);
    expect(units[0]).toMatchObject({ id: 'ann/a1|bob/b1|cy/c1', start: 0, end: 10 });
  });

  it('pairs each span with the best-fitting one of another annotator, never two of one annotator in a unit', () => {
    // bob marked two overlapping spans; ann's span fits b2 exactly, so b1 stays alone.
    const units = alignAnnotations([span('ann', 'a1', 5, 15), span('bob', 'b1', 0, 8), span('bob', 'b2', 5, 15)]);
    expect(membersOf(units)).toEqual([['bob:b1'], ['ann:a1', 'bob:b2']]);
  });

  it('aligns overlapping spans with different labels or ends, and not spans that only touch', () => {
    const units = alignAnnotations([span('ann', 'a1', 0, 10, 'quote'), span('bob', 'b1', 2, 12, 'claim'), span('ann', 'a2', 12, 20), span('bob', 'b2', 20, 25)]);
    expect(membersOf(units)).toEqual([['ann:a1', 'bob:b1'], ['ann:a2'], ['bob:b2']]);
  });

  it('aligns discontinuous spans by the characters their fragments share', () => {
    const a: AlignableAnnotation = { id: 'a1', annotator: 'ann', labelId: 'quote', fragments: [{ start: 0, end: 5 }, { start: 20, end: 30 }] };
    const b = span('bob', 'b1', 6, 19, 'quote'); // inside the gap: no character in common
    const c = span('cy', 'c1', 22, 28, 'quote');
    expect(membersOf(alignAnnotations([a, b, c]))).toEqual([['ann:a1', 'cy:c1'], ['bob:b1']]);
    expect(sharedCharacters(a.fragments, c.fragments)).toBe(6);
  });

  it('gives the same units whatever order the annotations come in', () => {
    const arbitrary = fc.array(
      fc.record({ annotator: fc.constantFrom('ann', 'bob', 'cy'), start: fc.nat(60), length: fc.integer({ min: 1, max: 15 }), labelId: fc.constantFrom('claim', 'quote') }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arbitrary, fc.nat(), (raw, seed) => {
        const annotations = raw.map((r, i) => span(r.annotator, `x${i}`, r.start, r.start + r.length, r.labelId));
        const shuffled = [...annotations].sort((x, y) => ((x.id.length * 31 + seed) % 7) - ((y.id.length * 17 + seed) % 5));
        const units = alignAnnotations(annotations);
        expect(alignAnnotations(shuffled).map((u) => u.id)).toEqual(units.map((u) => u.id));
        // Every annotation is in exactly one unit, and no unit holds two of one annotator.
        expect(units.flatMap((u) => [...u.members].map((m) => m.id)).sort()).toEqual(annotations.map((a) => a.id).sort());
        for (const u of units) expect(new Set(u.members.map((m) => m.annotator)).size).toBe(u.members.length);
      }),
    );
  });

  it('aligns 3 annotators × 100,000 spans of one long article, one unit per place', () => {
    const annotations: AlignableAnnotation[] = [];
    for (const annotator of ['ann', 'bob', 'cy']) {
      for (let i = 0; i < 100_000; i++) annotations.push(span(annotator, `${annotator}${i}`, i * 50 + (i % 3 === 0 && annotator === 'cy' ? 2 : 0), i * 50 + 30));
    }
    const units = alignAnnotations(annotations);
    expect(units).toHaveLength(100_000);
  });
});

describe('versionsOf', () => {
  it('counts who chose each version, with those who marked nothing as the version "none"', () => {
    const [unit] = alignAnnotations([span('ann', 'a1', 0, 10), span('bob', 'b1', 0, 10), span('cy', 'c1', 0, 12)]);
    const versions = versionsOf(unit!, ['ann', 'bob', 'cy', 'dee']);
    expect(versions.map((v) => [v.key, v.annotators])).toEqual([
      ['0-10:claim', ['ann', 'bob']],
      ['0-12:claim', ['cy']],
      ['none', ['dee']],
    ]);
    expect(versions[0]!.annotation?.id).toBe('a1');
    expect(versions[2]!.annotation).toBeNull();
  });

  it('finds one version where everyone agrees', () => {
    const [unit] = alignAnnotations([span('ann', 'a1', 3, 9, 'fact'), span('bob', 'b1', 3, 9, 'fact')]);
    expect(versionsOf(unit!, ['ann', 'bob'])).toHaveLength(1);
  });
});

describe('attributeDisagreements', () => {
  it('names the attributes members give different values or only some give', () => {
    const [unit] = alignAnnotations([
      span('ann', 'a1', 0, 10, 'quote', { speaker: 'Russell', direct: true }),
      span('bob', 'b1', 0, 10, 'quote', { speaker: 'Russell', direct: false, topic: 'lap' }),
    ]);
    expect(attributeDisagreements(unit!)).toEqual(['direct', 'topic']);
  });
});
