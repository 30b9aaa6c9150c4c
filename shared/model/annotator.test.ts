import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnnotationSchema } from './annotation.js';
import { AnnotatorIdSchema, AnnotatorProfileSchema, annotatorIdOf, CURATED_ANNOTATOR, initialsOf, OWNER_ANNOTATOR } from './annotator.js';
import { testAnnotation } from './annotation.test-support.js';

describe('annotator ids', () => {
  it('are a readable slug of the email, or of the name without one, with six hex digits', () => {
    expect(annotatorIdOf({ name: 'Ana López', email: 'Ana.Lopez@Example.org' })).toMatch(/^ana-lopez-example-org-[0-9a-f]{6}$/);
    expect(annotatorIdOf({ name: 'Ana López', email: '' })).toMatch(/^ana-lopez-[0-9a-f]{6}$/);
    expect(annotatorIdOf({ name: '王小明', email: '' })).toMatch(/^annotator-[0-9a-f]{6}$/);
  });

  it('are stable: the same email gives the same id whatever the display name or the case of the email', () => {
    const id = annotatorIdOf({ name: 'Ana', email: 'ana@example.org' });
    expect(annotatorIdOf({ name: 'Ana López (desk)', email: ' ANA@example.org ' })).toBe(id);
    expect(annotatorIdOf({ name: 'Ana', email: 'ana@example.org' })).toBe(id);
  });

  it('tell apart people whose slugs coincide', () => {
    expect(annotatorIdOf({ name: 'x', email: 'a.b@x.org' })).not.toBe(annotatorIdOf({ name: 'x', email: 'a-b@x.org' }));
    expect(annotatorIdOf({ name: 'Ana López', email: '' })).not.toBe(annotatorIdOf({ name: 'Ana Lopez', email: '' }));
  });

  it('are always safe file names and never a reserved id or a device name, for any profile (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (name, email) => {
        const id = annotatorIdOf({ name: name || 'x', email });
        expect(AnnotatorIdSchema.safeParse(id).success).toBe(true);
        expect(id.length).toBeLessThanOrEqual(47);
        expect([OWNER_ANNOTATOR, CURATED_ANNOTATOR, 'con', 'nul', 'prn', 'aux']).not.toContain(id);
      }),
      { numRuns: 500 },
    );
  });

  it('refuse what is not a file-name-safe id', () => {
    for (const bad of ['', 'Ana', 'a/b', '..', 'a..b', 'a--b', '-a', 'a-', 'a.json', 'x'.repeat(65)]) {
      expect(AnnotatorIdSchema.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ['owner', 'curated', 'a', 'ana-lopez-3f9a2c']) expect(AnnotatorIdSchema.safeParse(good).success, good).toBe(true);
  });
});

describe('profiles', () => {
  it('need a one-line name and take an empty or plausible email', () => {
    expect(AnnotatorProfileSchema.parse({ name: ' Ana ', email: '' })).toEqual({ name: 'Ana', email: '' });
    expect(AnnotatorProfileSchema.safeParse({ name: '  ', email: '' }).error?.issues[0]?.message).toContain('your name is needed');
    expect(AnnotatorProfileSchema.safeParse({ name: 'a\nb', email: '' }).success).toBe(false);
    expect(AnnotatorProfileSchema.safeParse({ name: 'Ana', email: 'not an email' }).error?.issues[0]?.message).toContain('name@example.org');
  });
});

describe('initials', () => {
  it('take the first letters of the first two words', () => {
    expect(initialsOf('Ana López')).toBe('AL');
    expect(initialsOf('bob')).toBe('B');
    expect(initialsOf('émile zola jr')).toBe('ÉZ');
    expect(initialsOf('  ')).toBe('?');
  });
});

describe('annotations', () => {
  it('record their annotator, refused when missing or not an id', () => {
    const annotation = testAnnotation('a', [[0, 1]], { contentHash: `sha256:${'0'.repeat(64)}` });
    expect(AnnotationSchema.parse(annotation).annotator).toBe('owner');
    const { annotator: _, ...without } = annotation;
    expect(AnnotationSchema.safeParse(without).success).toBe(false);
    expect(AnnotationSchema.safeParse({ ...annotation, annotator: '../x' }).success).toBe(false);
  });
});
