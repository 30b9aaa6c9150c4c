import { describe, expect, it } from 'vitest';
import { testAnnotation } from '../../../../shared/model/annotation.test-support.js';
import { compareSpans, segmentText } from './layer-comparison.js';

const layer = (...annotations: ReturnType<typeof testAnnotation>[]) => ({ annotations });

describe('comparing layers', () => {
  const ana = layer(testAnnotation('a1', [[0, 5]], { labelId: 'claim' }), testAnnotation('a2', [[10, 15]], { labelId: 'fact' }));
  const bob = layer(testAnnotation('b1', [[0, 5]], { labelId: 'claim' }), testAnnotation('b2', [[10, 15]], { labelId: 'quote' }), testAnnotation('b3', [[20, 24]]));

  it('agrees on a span only when every layer marked exactly it with one label', () => {
    expect(compareSpans([ana, bob]).map((s) => [s.key, s.agreed, s.marks])).toEqual([
      ['0-5', true, [{ layer: 0, labelId: 'claim' }, { layer: 1, labelId: 'claim' }]],
      ['10-15', false, [{ layer: 0, labelId: 'fact' }, { layer: 1, labelId: 'quote' }]],
      ['20-24', false, [{ layer: 1, labelId: 'claim' }]],
    ]);
    expect(compareSpans([ana]).every((s) => s.agreed)).toBe(true);
  });

  it('cuts the text where any layer starts or ends, marking where layers disagree', () => {
    const shifted = layer(testAnnotation('c1', [[2, 5]], { labelId: 'claim' }));
    expect(segmentText(8, [ana, shifted]).map((s) => [s.start, s.end, s.marks.map((m) => m.layer), s.disagree])).toEqual([
      [0, 2, [0], true],
      [2, 5, [0, 1], false],
      [5, 8, [], false],
    ]);
  });
});
