import { guardSpreadsheetCell } from './spreadsheet-formula-guard.js';

/**
 * One CSV field as RFC 4180 writes it: quoted (with `"` doubled) when it holds a comma, a quote,
 * CR or LF, or starts or ends with a space; numbers, booleans and null (empty) as they are.
 * With `guardFormulas`, text goes through `guardSpreadsheetCell` first (a `'` wherever a
 * spreadsheet could start a formula: at the start, and after a comma, semicolon, tab or line
 * break), so a spreadsheet shows it as text whatever separator it splits on; numbers are never
 * guarded. Readers get the value back with `unguardSpreadsheetCell`.
 */
export function csvField(value: string | number | boolean | null, guardFormulas: boolean): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = guardFormulas ? guardSpreadsheetCell(value) : value;
  return /[",\r\n]|^ | $/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: the fields joined by commas, ended by CRLF as RFC 4180 asks. */
export function csvRecord(values: ReadonlyArray<string | number | boolean | null>, guardFormulas: boolean): string {
  return `${values.map((v) => csvField(v, guardFormulas)).join(',')}\r\n`;
}
