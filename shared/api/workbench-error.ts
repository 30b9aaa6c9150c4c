/** What kind of failure a call ended in; the UI and the CLI choose their wording from it. */
export const WORKBENCH_ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'read-only',
  'storage',
  'unauthorised',
  'unavailable',
  'cancelled',
  'unknown-method',
  'internal',
] as const;
/** What kind of failure a call ended in. */
export type WorkbenchErrorCode = (typeof WORKBENCH_ERROR_CODES)[number];

/** A failure as it crosses a process boundary: plain data. */
export interface WorkbenchErrorInfo {
  code: WorkbenchErrorCode;
  message: string;
}

/** An expected failure of a workbench call, with a message meant for the person using the app. */
export class WorkbenchError extends Error {
  override readonly name = 'WorkbenchError';

  /** Creates an error of the given kind. */
  constructor(
    readonly code: WorkbenchErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The error as plain data, for sending across a process boundary. */
  toInfo(): WorkbenchErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** The outcome of one call as it crosses a process boundary (never a thrown error). */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: WorkbenchErrorInfo };
