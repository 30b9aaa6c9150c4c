/**
 * The leading metadata prefix some sources put before an article (the seeds' ` date YYYY-MM-DD `).
 * Group 1 is the date as written.
 */
export const DATE_PREFIX = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+/i;

/** The date a leading ` date YYYY-MM-DD ` prefix gives, as written, or null. */
export function datePrefixOf(text: string): string | null {
  return DATE_PREFIX.exec(text)?.[1] ?? null;
}

/**
 * An article's title when its source gives none: its first non-empty line, trimmed and without a
 * leading metadata prefix, else the file name without its extension, else "Untitled".
 */
export function fallbackTitle(text: string, fileName: string | null): string {
  for (const line of text.split('\n')) {
    const title = line.replace(DATE_PREFIX, '').trim();
    if (title) return title;
  }
  if (fileName) return fileName.replace(/\.[^.]+$/, '') || fileName;
  return 'Untitled';
}

/**
 * A date as the model stores it: the `YYYY-MM-DD` part of an ISO date or date-time
 * (`2021-04-20T09:30:00Z` → `2021-04-20`), otherwise the value as given, trimmed; null when blank.
 */
export function storedDateOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)/.exec(trimmed);
  return iso ? iso[1]! : trimmed;
}
