import { Errors } from 'isomorphic-git';
import { WorkbenchError, type WorkbenchErrorCode } from '../../../shared/api/workbench-error.js';

/** Why a share, join or sync did not happen. */
export type SyncFailure =
  | 'no-token'
  | 'wrong-token'
  | 'unreachable'
  | 'no-repository'
  | 'push-rejected'
  | 'cancelled'
  | 'workspace-locked'
  | 'not-shared'
  | 'bad-remote'
  | 'bad-folder'
  | 'no-conflicts';

const CODE_OF: Record<SyncFailure, WorkbenchErrorCode> = {
  'no-token': 'unauthorised',
  'wrong-token': 'unauthorised',
  unreachable: 'unavailable',
  'no-repository': 'not-found',
  'push-rejected': 'conflict',
  cancelled: 'cancelled',
  'workspace-locked': 'conflict',
  'not-shared': 'invalid-input',
  'bad-remote': 'invalid-input',
  'bad-folder': 'invalid-input',
  'no-conflicts': 'invalid-input',
};

/**
 * A share, join or sync that did not happen, with one sentence for the person using the app. Every
 * one leaves the workspace as it was before the call: its files, its commits and its branches.
 */
export class SyncError extends WorkbenchError {
  /** What went wrong, for code that reacts differently (ask for a token again, retry later). */
  readonly failure: SyncFailure;

  /** Creates the error of `failure` with its sentence. */
  constructor(failure: SyncFailure, message: string) {
    super(CODE_OF[failure], message);
    this.failure = failure;
  }
}

/** What a failed git operation was talking to, for the sentence. */
export interface SyncErrorContext {
  /** The remote's URL (never with credentials in it). */
  remoteUrl: string;
  /** Whether a token was given. */
  hadToken: boolean;
  /** Where the token comes from, named in the sentences about it (e.g. `CORROBORATE_GIT_TOKEN`); none: said generically. */
  tokenName?: string | undefined;
  /** Whether the server refused the credentials sent (seen by the auth callbacks). */
  authRefused: boolean;
  /** The signal of the operation, to tell a cancellation from a broken connection. */
  signal?: AbortSignal | undefined;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** Turns what isomorphic-git or the network threw into a `SyncError`; other errors (a full disk) are returned as they are. */
export function toSyncError(error: unknown, context: SyncErrorContext): unknown {
  if (error instanceof SyncError) return error;
  if (context.signal?.aborted) return cancelledError();
  const where = describeServer(context.remoteUrl);
  const status = error instanceof Errors.HttpError ? error.data.statusCode : null;
  if (status === 401 || status === 403 || context.authRefused || error instanceof Errors.UserCanceledError) {
    const token = context.tokenName ? `the token in ${context.tokenName}` : 'the token';
    return context.hadToken
      ? new SyncError('wrong-token', `The git server at ${where} refused ${token}: check that it is right and that it may read and write this repository.`)
      : new SyncError('no-token', `The git server at ${where} asks for a token, and ${context.tokenName ? `${context.tokenName} is not set` : 'none was given'}.`);
  }
  if (status === 404) return new SyncError('no-repository', `There is no repository at ${context.remoteUrl}: check the address.`);
  if (status !== null) return new SyncError('unreachable', `The git server at ${where} answered with an error (HTTP ${status}); nothing was changed, try again later.`);
  if (error instanceof Errors.PushRejectedError || error instanceof Errors.GitPushError) {
    return new SyncError('push-rejected', `The git server at ${where} refused the push (${pushRejectionOf(error)}); nothing was changed here.`);
  }
  const code = networkCodeOf(error);
  if (code !== null) {
    return new SyncError('unreachable', `The git server at ${where} cannot be reached or broke off the connection (${code}); nothing was changed, try again when it is back.`);
  }
  if (error instanceof Errors.UrlParseError || error instanceof Errors.UnknownTransportError) {
    return new SyncError('bad-remote', `${context.remoteUrl} is not a git address Corroborate can use (http:// or https://).`);
  }
  return error;
}

/** The error of a sync cancelled by its signal. */
export function cancelledError(): SyncError {
  return new SyncError('cancelled', 'The sync was cancelled; the workspace is as it was before.');
}

/** Whether a push failed because the server's branch moved on (someone pushed first). */
export function isRejectedAsBehind(error: unknown): boolean {
  if (error instanceof Errors.PushRejectedError) return error.data.reason === 'not-fast-forward';
  if (error instanceof Errors.GitPushError) return /fetch first|non-fast-forward|not a fast.forward|stale info/i.test(error.data.prettyDetails);
  return false;
}

function pushRejectionOf(error: InstanceType<typeof Errors.PushRejectedError> | InstanceType<typeof Errors.GitPushError>): string {
  if (error instanceof Errors.PushRejectedError) return error.data.reason;
  return error.data.prettyDetails
    .split('\n')
    .map((line) => line.replace(/^\s*-\s*/, '').trim())
    .filter(Boolean)
    .join('; ');
}

/** The host (and port) of a remote, as people name the server. */
export function describeServer(remoteUrl: string): string {
  try {
    return new URL(remoteUrl).host;
  } catch {
    return remoteUrl;
  }
}

/** The network error code in `error` or its causes (a refused or broken connection), or null. */
function networkCodeOf(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if ((current as Error).message === 'socket hang up') return 'ECONNRESET';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
