/**
 * Characters brat cannot keep inside an attribute value or name: whitespace (brat splits
 * attribute lines on spaces), anything Python's `str.splitlines` breaks a line at, `%` (the escape
 * character itself), and `|` and `,` (separators in annotation.conf value lists).
 */
const UNSAFE = /[\s%|,\x1c-\x1f\x85\u2028\u2029]/gu;

/**
 * Encodes an attribute value (or name) for brat: each unsafe character (see above) becomes `%XX`
 * percent escapes of its UTF-8 bytes, as in a URL; everything else (letters of any script, emoji)
 * is kept. `Mayor Li` → `Mayor%20Li`. An empty string is written as the marker `%-` (brat needs a
 * non-empty token). `decodeBratValue` reverses both.
 */
export function encodeBratValue(value: string): string {
  if (value === '') return EMPTY_VALUE;
  return value.replace(UNSAFE, (char) => encodeURIComponent(char));
}

/** The marker written for an empty string value (brat needs a non-empty token). */
export const EMPTY_VALUE = '%-';

/** Decodes a value written by `encodeBratValue` (and leaves text without escapes as it is). */
export function decodeBratValue(encoded: string): string {
  if (encoded === EMPTY_VALUE) return '';
  try {
    return decodeURIComponent(encoded.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  } catch {
    return encoded;
  }
}
