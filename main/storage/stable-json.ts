/** How `stringifyStably` orders the keys of every object it writes. */
export interface StableJsonOptions {
  /**
   * Keys written first, in this order, wherever they occur (e.g. `['schemaVersion', 'id']`); all
   * other keys follow in code-unit order. Integer-like keys ("0", "42") always come first in numeric
   * order whatever is asked, because that is how JavaScript objects order them.
   */
  keyOrder?: readonly string[];
}

/**
 * Serialises JSON-compatible data so that equal data always gives the same bytes: object keys in a
 * fixed order at every depth, 2-space indent, a trailing newline. Two saves of the same data are
 * byte-identical, and diffs of a saved file show only what changed.
 */
export function stringifyStably(value: unknown, options: StableJsonOptions = {}): string {
  const rank = new Map((options.keyOrder ?? []).map((key, index) => [key, index]));
  const compareKeys = (a: string, b: string): number => {
    const rankA = rank.get(a);
    const rankB = rank.get(b);
    if (rankA !== undefined || rankB !== undefined) {
      return (rankA ?? Number.MAX_SAFE_INTEGER) - (rankB ?? Number.MAX_SAFE_INTEGER);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const text = JSON.stringify(value, (_key, current: unknown) => {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return current;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(current).sort(compareKeys)) {
      sorted[key] = (current as Record<string, unknown>)[key];
    }
    return sorted;
  }, 2);
  if (text === undefined) throw new TypeError('stringifyStably: the value has no JSON form');
  return `${text}\n`;
}
