import type { ArticleEntry } from './article-changes.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/**
 * An article's entry in one version of `workspace.json` (its bytes), or null when the article is not
 * listed. A large workspace's index is hundreds of kilobytes and a history meets many versions of it,
 * so the entry is cut out where its `"id"` is and only it is parsed: a match must be a key of the
 * JSON (not inside a string), the object around it is found by counting braces outside strings, and
 * what is cut out must parse to an object with that id and a text (`contentHash`). When no match
 * passes, the whole file is parsed; when the id's text is nowhere in the file, nothing is.
 */
export function articleEntryIn(bytes: Buffer, documentId: string): ArticleEntry | null {
  const idText = JSON.stringify(documentId);
  if (bytes.indexOf(idText.slice(1, -1)) < 0) return null;
  for (const key of [`"id": ${idText}`, `"id":${idText}`]) {
    for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + 1)) {
      if (escaped(bytes, at)) continue;
      const entry = objectAround(bytes, at);
      if (entry && entry.id === documentId && 'contentHash' in entry) return entry;
    }
  }
  return entryByParsing(bytes, documentId);
}

/** The JSON object that holds the key starting at `at` (a position outside any string), parsed; null when it cannot be cut out. */
function objectAround(bytes: Buffer, at: number): Record<string, unknown> | null {
  const start = openingBrace(bytes, at);
  const end = start < 0 ? -1 : closingBrace(bytes, start);
  if (end < 0) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8', start, end + 1));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The `{` that opens the object around `at`, scanning back: an unescaped quote enters or leaves a string. */
function openingBrace(bytes: Buffer, at: number): number {
  let depth = 0;
  let inString = false;
  for (let i = at - 1; i >= 0; i--) {
    const byte = bytes[i]!;
    if (byte === QUOTE && !escaped(bytes, i)) inString = !inString;
    else if (inString) continue;
    else if (byte === CLOSE) depth++;
    else if (byte === OPEN && depth-- === 0) return i;
  }
  return -1;
}

/** The `}` that closes the object opened at `start`. */
function closingBrace(bytes: Buffer, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN) depth++;
    else if (byte === CLOSE && --depth === 0) return i;
  }
  return -1;
}

/** Whether the byte at `i` is escaped: preceded by an odd number of backslashes. */
function escaped(bytes: Buffer, i: number): boolean {
  let backslashes = 0;
  while (i - backslashes - 1 >= 0 && bytes[i - backslashes - 1] === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

function entryByParsing(bytes: Buffer, documentId: string): ArticleEntry | null {
  let documents: unknown;
  try {
    documents = (JSON.parse(bytes.toString('utf8')) as { documents?: unknown } | null)?.documents;
  } catch {
    return null;
  }
  const found = Array.isArray(documents) ? (documents as unknown[]).find((d) => isRecord(d) && d.id === documentId) : undefined;
  return isRecord(found) ? found : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
