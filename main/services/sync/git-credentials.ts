import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { TokenStatus } from '../../../shared/api/contract/sync.js';
import { writeFileDurably } from '../../storage/index.js';

/** The environment variable the token of the team's git server is read from (never an argument, so it stays out of shell history). */
export const TOKEN_VARIABLE = 'CORROBORATE_GIT_TOKEN';

/**
 * Encrypts secrets with a key only this user's session can use: the desktop app's is Electron's
 * `safeStorage` (the system keychain); services never see how.
 */
export interface SecretCipher {
  /** Whether secrets can be encrypted here (a keychain is there to use). */
  isAvailable(): boolean;
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
}

/**
 * Where the token sent to a team's git server comes from: never the workspace, its history or a URL.
 * The command line and the browser host read `CORROBORATE_GIT_TOKEN`; the desktop app keeps one token
 * per server, encrypted with the system's keychain, in the user's settings (the variable still wins).
 */
export interface GitCredentials {
  /** Where the token for `remoteUrl` comes from (`remoteUrl` null: before any is known). */
  status(remoteUrl: string | null): Promise<TokenStatus>;
  /** The token for `remoteUrl`, if there is one. */
  token(remoteUrl: string): Promise<string | undefined>;
  /** Saves (or forgets, with null) the token for `remoteUrl`; refused where tokens cannot be saved. */
  save(remoteUrl: string, token: string | null): Promise<void>;
}

/** Credentials from the environment only: the command line's and the browser host's. */
export function environmentCredentials(env: NodeJS.ProcessEnv): GitCredentials {
  const fromEnvironment = (): string | undefined => (env[TOKEN_VARIABLE] ? env[TOKEN_VARIABLE] : undefined);
  return {
    status: async () => ({ source: fromEnvironment() ? 'environment' : 'none', canSave: false, variable: TOKEN_VARIABLE }),
    token: async () => fromEnvironment(),
    save: async () => {
      throw new WorkbenchError('read-only', `Tokens are not saved here: start Corroborate with the token in ${TOKEN_VARIABLE}.`);
    },
  };
}

const SavedTokensSchema = z.object({ version: z.literal(1), tokens: z.record(z.string(), z.string()) });

/**
 * Credentials the desktop app keeps: each server's token encrypted by `cipher` (base64) in `file`
 * (in the user's settings, readable only by them), the environment variable first when it is set.
 */
export function savedCredentials(file: string, cipher: SecretCipher, env: NodeJS.ProcessEnv): GitCredentials {
  const environment = environmentCredentials(env);
  // The decoded file, read once and again only after a save (only this process writes it).
  let cached: Promise<Record<string, string>> | null = null;
  const read = (): Promise<Record<string, string>> =>
    (cached ??= readFile(file, 'utf8').then(
      (text) => {
        // A damaged file only loses the saved tokens (asked for again, and saving one mends it), never the workspace.
        try {
          const parsed = SavedTokensSchema.safeParse(JSON.parse(text));
          return parsed.success ? parsed.data.tokens : {};
        } catch {
          return {};
        }
      },
      (error: NodeJS.ErrnoException) => {
        cached = null;
        if (error.code === 'ENOENT') return {};
        throw new WorkbenchError('storage', `${file} cannot be read (${error.code ?? error.message}).`);
      },
    ));
  const serverOf = (remoteUrl: string) => remoteUrl.trim().replace(/\/+$/, '');
  /** The saved token for a server, if one is saved and can be decrypted here. */
  const savedToken = async (remoteUrl: string): Promise<string | undefined> => {
    const sealed = (await read())[serverOf(remoteUrl)];
    if (sealed === undefined || !cipher.isAvailable()) return undefined;
    try {
      return cipher.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      return undefined; // sealed by another user or keychain: asked for again
    }
  };
  return {
    async status(remoteUrl) {
      const fromEnvironment = (await environment.status(remoteUrl)).source === 'environment';
      const saved = !fromEnvironment && remoteUrl !== null && (await savedToken(remoteUrl).catch(() => undefined)) !== undefined;
      return { source: fromEnvironment ? 'environment' : saved ? 'saved' : 'none', canSave: cipher.isAvailable(), variable: TOKEN_VARIABLE };
    },
    async token(remoteUrl) {
      return (await environment.token(remoteUrl)) ?? (await savedToken(remoteUrl));
    },
    async save(remoteUrl, token) {
      if (!cipher.isAvailable()) {
        throw new WorkbenchError('unavailable', `This system has no keychain to keep the token safe: start Corroborate with it in ${TOKEN_VARIABLE} instead.`);
      }
      const tokens = { ...(await read()) };
      if (token === null) delete tokens[serverOf(remoteUrl)];
      else tokens[serverOf(remoteUrl)] = Buffer.from(cipher.encrypt(token)).toString('base64');
      await mkdir(dirname(file), { recursive: true });
      cached = null;
      await writeFileDurably(file, `${JSON.stringify({ version: 1, tokens }, null, 2)}\n`, { mode: 0o600 });
    },
  };
}
