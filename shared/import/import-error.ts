/** The classes of input the importer refuses, one per thing a person can fix. */
export type ImportErrorKind =
  /** Larger than the size limit. */
  | 'too-large'
  /** No bytes, only whitespace, or (HTML, Markdown) no article text. */
  | 'empty'
  /** NUL bytes or a known binary signature: not a text file. */
  | 'binary'
  /** Bytes that are not valid UTF-8 (and no UTF-16 byte-order mark). */
  | 'invalid-utf8'
  /** A UTF-16 file (by its byte-order mark) with an odd length or an unpaired surrogate. */
  | 'invalid-utf16'
  /** A kind of file the importer does not read (PDF, Word, images, …). */
  | 'unsupported-type'
  /** A `.json` corpus that does not parse. */
  | 'malformed-json'
  /** A line of a `.jsonl` corpus that does not parse. */
  | 'malformed-jsonl'
  /** A corpus record that parses but is not an article (no `text`, a field of the wrong type, …). */
  | 'invalid-record'
  /** Markdown nested deeper than any article (quotes, lists, emphasis), which parsers choke on. */
  | 'too-complex'
  /** The importer itself failed on the file: a bug, reported as a value rather than a crash. */
  | 'unreadable';

/**
 * Why a file could not be imported, as a value (never thrown). `message` is a sentence a person
 * understands and names the file (and the line where there is one); `line` and `column` are
 * 1-based positions in the decoded text, `offset` a 0-based byte offset, each where known.
 */
export interface ImportError {
  kind: ImportErrorKind;
  /** The name of the file that was being imported. */
  file: string;
  line?: number;
  column?: number;
  offset?: number;
  message: string;
}

/** An ImportError for `file` with a message and, where known, its position. */
export function importError(
  kind: ImportErrorKind,
  file: string,
  message: string,
  position: { line?: number; column?: number; offset?: number } = {},
): ImportError {
  return { kind, file, ...position, message };
}

/** "12.3 MB", "512 KB", "17 bytes": a byte count a person reads at a glance. */
export function describeByteCount(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${trimNumber(bytes / (1024 * 1024))} MB`;
}

function trimNumber(value: number): string {
  return value >= 100 ? Math.round(value).toString() : String(Math.round(value * 10) / 10);
}
