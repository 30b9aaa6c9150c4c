/**
 * Canonical JSON text: object keys sorted by UTF-16 code units (as RFC 8785 does) at every depth,
 * two-space indentation, and every line after the first indented by `indent` spaces, so a value
 * can be placed inside a hand-written, streamed outer structure. Equal values give equal text.
 */
export function canonicalJson(value: unknown, indent = 0): string {
  const text = JSON.stringify(sortKeys(value), null, 2);
  return indent === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(indent)}`);
}

/** A copy of `value` whose objects have their keys inserted in sorted order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}
