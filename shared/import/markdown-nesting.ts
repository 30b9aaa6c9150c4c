/** Deeper than this, Markdown is refused: no article nests quotes or lists this far. */
export const MAX_MARKDOWN_NESTING = 32;

/**
 * The deepest nesting of block containers (`>` quotes, list items, indentation in steps of two
 * spaces, single spaces after markers not counted) on any line of a Markdown text, and the 1-based line where it is. Parsers take time (and
 * stack) that grows faster than the input with nesting, so the importer checks this first.
 */
export function markdownNestingDepth(text: string): { depth: number; line: number } {
  let deepest = 0;
  let deepestLine = 1;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    let width = 0;
    let run = 0;
    // Walk the line's container prefix: spaces, `>`, list markers.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        run += c === 0x09 ? 4 : 1;
        i++;
        continue;
      }
      // A single space after a marker is part of the marker; longer runs are indentation.
      if (run >= 2) width += run;
      run = 0;
      if (c === 0x3e /* > */) {
        depth++;
        i++;
      } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && isSpaceAt(text, i + 1)) {
        depth++;
        i += 2;
      } else if (c >= 0x30 && c <= 0x39) {
        let j = i;
        while (j < n && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        const mark = text.charCodeAt(j);
        if ((mark === 0x2e || mark === 0x29) && isSpaceAt(text, j + 1)) {
          depth++;
          i = j + 2;
        } else break;
      } else break;
    }
    if (run >= 2) width += run;
    depth += Math.floor(width / 2);
    if (depth > deepest) {
      deepest = depth;
      deepestLine = line;
    }
    const end = text.indexOf('\n', i);
    if (end === -1) break;
    i = end + 1;
    line++;
  }
  return { depth: deepest, line: deepestLine };
}

function isSpaceAt(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return c === 0x20 || c === 0x09;
}
