/** Whether two lists of ids hold the same ids in the same order (who coded an article, whose files it has). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
