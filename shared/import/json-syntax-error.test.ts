import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './json-syntax-error.js';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 8, /unexpected "}" \(expected a property name/],
    ['[1 2]', 3, /expected "," or "]"/],
    ['{"a" 1}', 5, /expected ":"/],
    ['[01]', 2, /invalid number/],
    ['["a\nb"]', 3, /line break inside a string/],
    ['["\\x"]', 2, /invalid escape/],
    ['["abc', 1, /never closed/],
    ['[1,', 3, /ends early/],
    ['{} {}', 3, /already ended/],
    ["{'a': 1}", 1, /expected a property name in double quotes/],
    ['[NaN]', 1, /expected a value/],
    ['', 0, /ends early/],
  ])('locates the error in %j', (text, offset, problem) => {
    const found = locateJsonSyntaxError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.problem).toMatch(problem);
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.array(fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', 'true', 'null', ' ', '\\', 'u', 'a', '\n'), { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });
});
