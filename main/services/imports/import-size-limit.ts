import { describeByteCount, importError, type ImportError } from '../../../shared/import/import-error.js';

/** The size limit on one imported file when nothing else is set: 50 MB. */
export const DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The environment variable that sets the size limit (in bytes) for the app, the browser host and the CLI. */
export const MAX_IMPORT_BYTES_ENV = 'CORROBORATE_MAX_IMPORT_BYTES';

/**
 * Reads a size limit written as a whole number of bytes, optionally with a unit (`500000`, `512KB`,
 * `20MB`). Throws an Error naming `source` when it is not one.
 */
export function parseByteLimit(value: string, source: string): number {
  const match = /^\s*(\d+)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(value);
  const unit = (match?.[2] ?? 'b').toLowerCase()[0]!;
  const bytes = match ? Number(match[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`${source} must be a size in bytes such as 52428800 or 50MB, not "${value}".`);
  }
  return bytes;
}

/** The size limit set in the environment (`CORROBORATE_MAX_IMPORT_BYTES`), else the default. */
export function maxImportBytesFrom(env: NodeJS.ProcessEnv): number {
  const value = env[MAX_IMPORT_BYTES_ENV];
  return value === undefined || value === '' ? DEFAULT_MAX_IMPORT_BYTES : parseByteLimit(value, MAX_IMPORT_BYTES_ENV);
}

/** The error for a file over the limit, judged on its size alone, before any byte is read (docs/GUARANTEES.md I2). */
export function tooLargeError(path: string, size: number, maxBytes: number): ImportError {
  return importError(
    'too-large',
    path,
    `${path} is ${describeByteCount(size)}, more than the ${describeByteCount(maxBytes)} an article file may be (the limit is set with ${MAX_IMPORT_BYTES_ENV}, or --max-bytes on the command line).`,
  );
}
