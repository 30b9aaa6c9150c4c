import { CodePointIndex } from '../text/code-points.js';

/** The unit an export counts offsets in: UTF-16 code units (JavaScript) or Unicode code points (Python). */
export type OffsetUnit = 'utf16' | 'codePoint';

/** Converts stored UTF-16 offsets of one text to `unit`. */
export function offsetConverter(text: string, unit: OffsetUnit): (utf16Offset: number) => number {
  if (unit === 'utf16') return (offset) => offset;
  const index = new CodePointIndex(text);
  return (offset) => index.toCodePoint(offset);
}
