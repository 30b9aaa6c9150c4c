/** Compares two strings by UTF-16 code units: the same order in every locale, for ids and keys that must sort alike everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
