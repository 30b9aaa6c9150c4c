/**
 * Canonical JSON text of a value on one line: object keys sorted by UTF-16 code units at every
 * depth (as RFC 8785 does, so `"10"` comes before `"9"`), no white space between tokens, strings
 * and numbers as `JSON.stringify` writes them, `undefined` members left out. Equal values give
 * equal text whatever the key order of the input. Written directly, without sorted copies, because
 * the native export runs it on every annotation.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += isOmitted(value[i]) ? 'null' : canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const child = record[key];
    if (isOmitted(child)) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(child)}`;
  }
  return `${out}}`;
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
