/**
 * Converts between the UTF-16 code-unit offsets we store and the Unicode code-point offsets that
 * brat and the W3C model count (docs/FORMATS.md). Built once per text; each conversion is a binary
 * search over the text's astral characters, so exporting 100k spans stays linear.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogate of every astral character, ascending. */
  private readonly astral: number[] = [];

  /** Indexes `text` for conversions. */
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** The code-point offset of a UTF-16 offset (which must not split a surrogate pair). */
  toCodePoint(utf16Offset: number): number {
    if (splitsSurrogatePair(this.text, utf16Offset)) {
      throw new RangeError(`offset ${utf16Offset} splits a surrogate pair`);
    }
    return utf16Offset - countBelow(this.astral, utf16Offset);
  }

  /** The UTF-16 offset of a code-point offset. */
  toUtf16(codePointOffset: number): number {
    // Every astral character before the answer adds one unit: find the smallest k such that the
    // k-th astral character starts at or after the answer.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const astralAt = this.astral[mid]!;
      if (astralAt - mid < codePointOffset) lo = mid + 1;
      else hi = mid;
    }
    return codePointOffset + lo;
  }

  /** The text's length in code points. */
  get codePointLength(): number {
    return this.text.length - this.astral.length;
  }
}

/** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function countBelow(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
