/**
 * The word to put after a count: `one` for exactly 1, otherwise `many` (by default `one` + "s").
 * Only the word, so callers place the number themselves: `${n} ${plural(n, 'file')}` reads
 * "1 file", "0 files", "2 files"; irregular words give their plural, `plural(n, 'an article', 'articles')`.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}
