/** A 1-based line and column in a text; the column counts UTF-16 code units from the line start. */
export interface LineAndColumn {
  line: number;
  column: number;
}

/** The 1-based line and column of a 0-based offset into `text` (lines end at `\n`). */
export function lineAndColumnAt(text: string, offset: number): LineAndColumn {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
