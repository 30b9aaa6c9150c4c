/** Characters that make a spreadsheet read a cell as a formula (and `'`, so the guard is reversible). */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * One CSV field as RFC 4180 writes it: quoted (with `"` doubled) when it holds a comma, a quote,
 * CR or LF, or starts or ends with a space; numbers, booleans and null (empty) as they are.
 * With `guardFormulas`, a text that starts with `= + - @`, a tab, CR or `'` gets one leading `'`
 * (OWASP's advice against CSV injection), so a spreadsheet shows it as text; numbers are never
 * guarded. Readers recover the value by removing one leading `'` from any text cell that has one.
 */
export function csvField(value: string | number | boolean | null, guardFormulas: boolean): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = guardFormulas && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^ | $/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: the fields joined by commas, ended by CRLF as RFC 4180 asks. */
export function csvRecord(values: ReadonlyArray<string | number | boolean | null>, guardFormulas: boolean): string {
  return `${values.map((v) => csvField(v, guardFormulas)).join(',')}\r\n`;
}
