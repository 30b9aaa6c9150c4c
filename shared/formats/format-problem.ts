/**
 * Something wrong (or lossy) found while reading a dataset file back: which file, where, and why, in
 * words meant for the person who chose the file.
 */
export interface FormatProblem {
  /** The file the problem is in, as the caller named it. */
  fileName: string;
  /** 1-based line number, where the format is line-oriented. */
  line?: number;
  /** The id of the annotation (or link) concerned, as written in the file, where known. */
  itemId?: string;
  /** What is wrong. */
  reason: string;
}

/**
 * The outcome of parsing one export: either the value plus any per-item problems that did not stop
 * the parse (items with problems are left out or repaired, as each problem says), or one problem
 * that made the whole file unreadable.
 */
export type ParseOutcome<T> = { ok: true; value: T; problems: FormatProblem[] } | { ok: false; error: FormatProblem };

/** Describes a problem as one line of text (`file.ann:12: reason`). */
export function describeFormatProblem(problem: FormatProblem): string {
  const where = problem.line === undefined ? problem.fileName : `${problem.fileName}:${problem.line}`;
  const item = problem.itemId === undefined ? '' : ` (${problem.itemId})`;
  return `${where}${item}: ${problem.reason}`;
}
