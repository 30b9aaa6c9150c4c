import type { Annotation, TextFragment } from './annotation.js';

/**
 * An annotation for tests: `id` with `fragments` (offsets with any quote, or whole fragments), label
 * `claim`, on document `d`, every other field empty unless given in `overrides`.
 */
export function testAnnotation(id: string, fragments: readonly (readonly [number, number] | TextFragment)[], overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    documentId: 'd',
    labelId: 'claim',
    fragments: fragments.map((f) => ('start' in f ? f : { start: f[0], end: f[1], exact: 'x', prefix: '', suffix: '' })),
    contentHash: 'sha256:x',
    attributes: {},
    note: '',
    author: '',
    annotator: 'owner',
    createdAt: '',
    updatedAt: '',
    orphaned: false,
    ...overrides,
  };
}
