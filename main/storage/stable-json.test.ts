import { describe, expect, it } from 'vitest';
import { stringifyStably } from './stable-json.js';

describe('stringifyStably', () => {
  it('gives the same bytes for equal data whatever order its keys were built in, and leaves the data untouched', () => {
    const a = { id: 'x', note: '', fragments: [{ start: 1, end: 2, exact: 'é' }], attributes: { z: 1, a: true } };
    const b = { attributes: { a: true, z: 1 }, fragments: [{ exact: 'é', end: 2, start: 1 }], note: '', id: 'x' };
    const before = JSON.stringify(a);
    expect(stringifyStably(a, { keyOrder: ['id'] })).toBe(stringifyStably(b, { keyOrder: ['id'] }));
    expect(stringifyStably(a, { keyOrder: ['id'] })).toBe(
      '{\n  "id": "x",\n  "attributes": {\n    "a": true,\n    "z": 1\n  },\n  "fragments": [\n    {\n      "end": 2,\n      "exact": "é",\n      "start": 1\n    }\n  ],\n  "note": ""\n}\n',
    );
    expect(JSON.stringify(a)).toBe(before);
  });

  it('writes what toJSON gives, as JSON.stringify does, and refuses a value with no JSON form', () => {
    expect(stringifyStably({ at: new Date(0) })).toBe('{\n  "at": "1970-01-01T00:00:00.000Z"\n}\n');
    expect(() => stringifyStably(undefined)).toThrow(TypeError);
  });
});
