/**
 * Where a spreadsheet may start a cell in a delimited file: at the start of the text, and after
 * any separator a spreadsheet may be told to split on (comma, semicolon, tab) or a line break (a
 * spreadsheet that splits on another separator than the file's reads quotes mid-cell as text, so
 * a quoted line break starts a new row). Space is not one: splitting on it would guard every
 * `@name` and `-5` in running text, and no spreadsheet opens a file split on spaces unasked.
 */
const CELL_START = String.raw`(?<=^|[,;\t\r\n])`;

/**
 * Characters that make a spreadsheet read a cell as a formula, and `'`, so the guard is reversible;
 * also behind opening double quotes, which a spreadsheet strips before it looks.
 */
const FORMULA_START = String.raw`(?="*[=+\-@\t\r'])`;

const GUARD_AT = new RegExp(`${CELL_START}${FORMULA_START}`, 'g');
const GUARD_MARK = new RegExp(`${CELL_START}'${FORMULA_START}`, 'g');

/**
 * Neutralises spreadsheet formulas in one cell of a delimited file (CSV, TSV, whatever the
 * separator; OWASP's advice against CSV injection): wherever a spreadsheet might start a cell (the
 * start, and after a comma, semicolon, tab, CR or LF) with `= + - @`, a tab or CR, even behind
 * opening `"`, a `'` is put in front, so the spreadsheet shows text, never runs it. A `'` there gets one too, which makes the
 * guard exactly reversible with `unguardSpreadsheetCell`. Apply it to the cell's final text (after
 * any escaping the format does), and only to text: numbers are written as they are. Every
 * delimited file Corroborate writes goes through here.
 */
export function guardSpreadsheetCell(text: string): string {
  return text.replace(GUARD_AT, "'");
}

/** Gives back exactly the text `guardSpreadsheetCell` was given, for readers of our own files. */
export function unguardSpreadsheetCell(text: string): string {
  return text.replace(GUARD_MARK, '');
}
