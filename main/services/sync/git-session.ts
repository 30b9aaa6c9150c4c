import type { AuthCallback, AuthFailureCallback, HttpClient, PromiseFsClient } from 'isomorphic-git';
import { durableGitFs } from './durable-git-fs.js';
import { createGitHttpClient } from './git-http-client.js';
import { cancelledError, SyncError, toSyncError } from './sync-error.js';

/** What every git operation of one share, join or sync uses: the folder, the transport, the credentials. */
export interface GitSession {
  fs: PromiseFsClient;
  dir: string;
  http: HttpClient;
  /** isomorphic-git's cache of parsed packs, shared by the operations of one session. */
  cache: object;
  onAuth: AuthCallback;
  onAuthFailure: AuthFailureCallback;
  /** The remote's URL, as configured (never with credentials). */
  remoteUrl: string;
  /** Throws the cancellation error when the session's signal has aborted. */
  throwIfCancelled(): void;
  /** Turns what an operation threw into a `SyncError` (or returns it unchanged when it is not about syncing). */
  toError(error: unknown): unknown;
}

/** What a session needs. */
export interface GitSessionOptions {
  dir: string;
  remoteUrl: string;
  /** Sent as HTTP Basic credentials (the token as password), never stored. */
  token?: string | undefined;
  /** Where the token comes from, named in errors about it (e.g. `CORROBORATE_GIT_TOKEN`). */
  tokenName?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The user name sent with the token: hosts that take a token as password accept any. */
const TOKEN_USER_NAME = 'corroborate';

/**
 * Opens a session on the repository in `dir` talking to `remoteUrl`. The token lives only in this
 * object's closures: it is handed to isomorphic-git when the server asks for credentials and is
 * never written into the repository, its config or a URL.
 */
export function openGitSession(options: GitSessionOptions): GitSession {
  refuseCredentialsInUrl(options.remoteUrl);
  let authRefused = false;
  const { token, signal } = options;
  return {
    fs: durableGitFs,
    dir: options.dir,
    http: createGitHttpClient({ signal }),
    cache: {},
    remoteUrl: options.remoteUrl,
    onAuth: () => (token ? { username: TOKEN_USER_NAME, password: token } : { cancel: true }),
    onAuthFailure: () => {
      authRefused = true;
      return { cancel: true };
    },
    throwIfCancelled: () => {
      if (signal?.aborted) throw cancelledError();
    },
    toError: (error) => toSyncError(error, { remoteUrl: options.remoteUrl, hadToken: Boolean(token), tokenName: options.tokenName, authRefused, signal }),
  };
}

/** Refuses a remote URL that carries a user name or password: the token must never be stored with it. */
export function refuseCredentialsInUrl(remoteUrl: string): void {
  let url: URL;
  try {
    url = new URL(remoteUrl);
  } catch {
    throw new SyncError('bad-remote', `${remoteUrl} is not a git address Corroborate can use (http:// or https://).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SyncError('bad-remote', `${remoteUrl} is not a git address Corroborate can use (http:// or https://).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new SyncError('bad-remote', 'The remote address carries credentials: give the address without them, and the token separately, so that it is never stored in the workspace.');
  }
}
