import { mkdir, readFile, rename } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AnnotatorProfileSchema, identityOf, ownerIdentity, type AnnotatorIdentity, type AnnotatorProfile } from '../../shared/model/annotator.js';
import { JsonFileCodec, StoreFileError, writeFileDurably } from '../storage/index.js';
import { appDataDir } from './app-data.js';

const IDENTITY_FILE_VERSION = 1;
const IdentityFileSchema = z.object({ schemaVersion: z.literal(IDENTITY_FILE_VERSION), name: z.string(), email: z.string() }).strict();
const identityCodec = new JsonFileCodec({ schema: IdentityFileSchema, versioning: { currentVersion: IDENTITY_FILE_VERSION } });

/** Where a person's name and email are kept: `<app data>/identity.json`, outside every workspace. */
export function userIdentityPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'identity.json');
}

/** The user's settings file of who they are, read and written whole. */
export class UserIdentityFile {
  /** @param path where the file lives (`userIdentityPath`) */
  constructor(readonly path: string) {}

  /**
   * The profile saved, or null when none was (first launch). A file that cannot be used is
   * reported in `problem` (naming it) and reads as none; it is set aside as `<name>.broken` when a
   * profile is next saved, never overwritten.
   */
  async read(): Promise<{ profile: AnnotatorProfile | null; problem: string | null }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profile: null, problem: null };
      return { profile: null, problem: `Cannot read ${this.path}: ${(error as Error).message}` };
    }
    try {
      const { name, email } = identityCodec.decode(bytes, this.path).data;
      const profile = AnnotatorProfileSchema.safeParse({ name, email });
      if (profile.success) return { profile: profile.data, problem: null };
      return { profile: null, problem: `Cannot use ${this.path}: ${profile.error.issues[0]?.message ?? 'it is not a name and email'}.` };
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      return { profile: null, problem: `Cannot use ${this.path}: ${error.reason}.` };
    }
  }

  /** Saves a profile durably, first setting aside a file that could not be used as `<name>.broken`. */
  async save(profile: AnnotatorProfile): Promise<void> {
    if ((await this.read()).problem !== null) await rename(this.path, `${this.path}.broken`).catch(() => undefined);
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, identityCodec.encode({ schemaVersion: IDENTITY_FILE_VERSION, ...profile }, this.path));
  }
}

/** Where the identity a process edits as came from. */
export type IdentitySource = 'command-line' | 'environment' | 'settings' | 'none';

/** The identity a process edits as, and where it came from. */
export interface ResolvedIdentity {
  identity: AnnotatorIdentity;
  source: IdentitySource;
}

/** What a process was told about who uses it. */
export interface IdentityRequest {
  /** `--annotator NAME`. */
  annotator?: string | undefined;
  /** `--email ADDRESS`. */
  email?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * Who edits: `--annotator` (with `--email`) if given, else `CORROBORATE_ANNOTATOR` (with
 * `CORROBORATE_ANNOTATOR_EMAIL`), else the name and email saved in the user's settings, else nobody
 * said: the reserved workspace owner, named after the system's user. A name or email that is not
 * valid is refused (thrown) naming where it came from.
 */
export async function resolveIdentity(request: IdentityRequest): Promise<ResolvedIdentity> {
  const env = request.env ?? process.env;
  const given = (name: string | undefined, email: string | undefined, source: IdentitySource, where: string): ResolvedIdentity => {
    const profile = AnnotatorProfileSchema.safeParse({ name, email: email ?? '' });
    if (!profile.success) throw new Error(`${where}: ${profile.error.issues[0]?.message ?? 'not a valid name'}.`);
    return { identity: identityOf(profile.data), source };
  };
  if (request.annotator !== undefined) return given(request.annotator, request.email, 'command-line', '--annotator');
  if (env.CORROBORATE_ANNOTATOR) return given(env.CORROBORATE_ANNOTATOR, request.email ?? env.CORROBORATE_ANNOTATOR_EMAIL, 'environment', 'CORROBORATE_ANNOTATOR');
  const { profile } = await new UserIdentityFile(userIdentityPath(env)).read();
  if (profile) return { identity: identityOf(profile), source: 'settings' };
  return { identity: ownerIdentity(currentUserName()), source: 'none' };
}

/** The name of the user running the program, for the owner's name; `Owner` where the system will not say. */
export function currentUserName(): string {
  try {
    return userInfo().username || 'Owner';
  } catch {
    return 'Owner';
  }
}
