import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { formatLocalMinute } from '../../shared/text/local-minute.js';
import { writeAllBytes } from './checked-write.js';
import { removeAbandonedTempFiles, syncDirectory, TEMP_SUFFIX } from './durable-write.js';
import { readFileSnapshot } from './read-file-snapshot.js';
import { currentProcessIdentity, processLiveness, type ProcessIdentity } from './process-identity.js';

/** Which program holds a workspace open. */
export type WorkspaceLockHolder = 'desktop app' | 'browser host' | 'cli';

/** What a lock file records about the process holding the workspace. */
export interface WorkspaceLockInfo extends ProcessIdentity {
  holder: WorkspaceLockHolder;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** Random, unique to this acquisition: tells this lock from a later one by a reused pid. */
  token: string;
}

const LockInfoSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  bootId: z.string().nullable(),
  startTicks: z.string().nullable(),
  holder: z.enum(['desktop app', 'browser host', 'cli']),
  since: z.string(),
  token: z.string().min(1),
});

/** The lock file's name inside the workspace folder. */
export const WORKSPACE_LOCK_FILE_NAME = 'workspace.lock';

/**
 * A lock file that cannot be parsed is only treated as stale once it is this old, in case it is
 * being written right now (only possible on file systems without hard links).
 */
const UNPARSEABLE_LOCK_GRACE_MS = 2_000;
const MAX_ATTEMPTS = 100;

/** Thrown when another live process holds the workspace. */
export class WorkspaceLockedError extends Error {
  override readonly name = 'WorkspaceLockedError';
  /** The lock file found. */
  readonly lockFile: string;
  /** Who holds it, when the lock file could be read. */
  readonly heldBy: WorkspaceLockInfo | null;

  constructor(lockFile: string, heldBy: WorkspaceLockInfo | null) {
    super(`This workspace is open elsewhere (${describeHolder(heldBy)})`);
    this.lockFile = lockFile;
    this.heldBy = heldBy;
  }
}

/**
 * One writer per workspace folder (docs/GUARANTEES.md D9). `acquire` creates `workspace.lock` atomically
 * — written in full to a temp file, then hard-linked into place, which fails if a lock exists — so
 * no one ever sees a half-written lock. A second process gets a `WorkspaceLockedError` saying who
 * holds it. A lock left by a process that is gone (same host: pid not running, pid reused, or the
 * machine rebooted) or that cannot be parsed is broken safely, even by several processes at once:
 * breakers of the same stale lock race for a per-lock "break" file, and the winner removes the
 * lock only if it is still exactly the stale one it judged. `release` removes it; so does process
 * exit, where the process gets to run its exit handlers.
 */
export class WorkspaceLock {
  /** The lock file's path. */
  readonly lockFile: string;
  /** What this lock records about its holder. */
  readonly info: WorkspaceLockInfo;
  #released = false;
  readonly #releaseOnExit: () => void;

  private constructor(lockFile: string, info: WorkspaceLockInfo) {
    this.lockFile = lockFile;
    this.info = info;
    this.#releaseOnExit = () => this.#releaseSync();
  }

  /**
   * Takes the lock of `workspaceDir` for this process, recovering a stale lock if there is one.
   * Rejects with `WorkspaceLockedError` when a live process (or one on another host) holds it.
   * @param options.releaseOnExit remove the lock in a process 'exit' handler (default true)
   */
  static async acquire(
    workspaceDir: string,
    holder: WorkspaceLockHolder,
    options: { releaseOnExit?: boolean } = {},
  ): Promise<WorkspaceLock> {
    const lockFile = join(workspaceDir, WORKSPACE_LOCK_FILE_NAME);
    await removeAbandonedTempFiles(lockFile).catch(() => undefined);
    const info: WorkspaceLockInfo = {
      ...(await currentProcessIdentity()),
      holder,
      since: new Date().toISOString(),
      token: randomBytes(12).toString('hex'),
    };
    const content = `${JSON.stringify(info, null, 2)}\n`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      if (await createExclusively(lockFile, content)) {
        const lock = new WorkspaceLock(lockFile, info);
        if (options.releaseOnExit ?? true) process.on('exit', lock.#releaseOnExit);
        return lock;
      }
      const found = await readLockFile(lockFile);
      if (found === null) continue; // released meanwhile: try again
      if (!(await isStale(found))) throw new WorkspaceLockedError(lockFile, found.info);
      if (!(await breakStaleLock(lockFile, found))) await pause(5 + Math.random() * 20);
    }
    throw new WorkspaceLockedError(lockFile, (await readLockFile(lockFile))?.info ?? null);
  }

  /** Whether the lock file on disk is still this lock (false once released or broken by others). */
  async isHeld(): Promise<boolean> {
    if (this.#released) return false;
    return (await readLockFile(this.lockFile))?.info?.token === this.info.token;
  }

  /** Removes the lock file, if it is still this lock. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    process.off('exit', this.#releaseOnExit);
    if ((await readLockFile(this.lockFile))?.info?.token !== this.info.token) return;
    await unlink(this.lockFile).catch(ignoreMissing);
    await syncDirectory(dirname(this.lockFile));
  }

  #releaseSync(): void {
    if (this.#released) return;
    this.#released = true;
    try {
      const info = parseLockInfo(readFileSync(this.lockFile));
      if (info?.token === this.info.token) unlinkSync(this.lockFile);
    } catch {
      // Exiting: nothing more can be done; the next process will find the lock stale.
    }
  }
}

/** A lock file as found: its parsed contents (null if unparseable) and what identifies this copy. */
interface FoundLock {
  info: WorkspaceLockInfo | null;
  bytes: Buffer;
  inode: number;
  ageMs: number;
}

/** Creates `path` holding `content`, all at once, only if it does not exist; false if it does. */
async function createExclusively(path: string, content: string): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await writeAllBytes(handle, content, path);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    return createWithExclusiveOpen(path, content); // no hard links on this file system
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dirname(path));
  return true;
}

/** Fallback for file systems without hard links: O_EXCL create, then write (briefly unparseable). */
async function createWithExclusiveOpen(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await writeAllBytes(handle, content, path);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dirname(path));
  return true;
}

async function readLockFile(path: string): Promise<FoundLock | null> {
  const snapshot = await readFileSnapshot(path);
  if (!snapshot) return null;
  const { bytes, stats } = snapshot;
  return { info: parseLockInfo(bytes), bytes, inode: stats.ino, ageMs: Date.now() - stats.mtimeMs };
}

function parseLockInfo(bytes: Buffer): WorkspaceLockInfo | null {
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function isStale(found: FoundLock): Promise<boolean> {
  if (found.info === null) return found.ageMs >= UNPARSEABLE_LOCK_GRACE_MS;
  return (await processLiveness(found.info)) === 'gone';
}

/**
 * Removes the stale lock `stale`, unless someone else is already doing so. Everyone who judged
 * this same lock stale races to create `workspace.lock.break-<id>-<n>`; the winner re-reads the
 * lock and removes it only if it is still the same file with the same bytes, so a fresh lock taken
 * meanwhile by another process is never removed. If a winner dies mid-way, the next breaker takes
 * break file n+1. Returns true when the caller should simply try to acquire again.
 */
async function breakStaleLock(lockFile: string, stale: FoundLock): Promise<boolean> {
  const id = createHash('sha256').update(stale.bytes).update(String(stale.inode)).digest('hex').slice(0, 16);
  const me = `${JSON.stringify(await currentProcessIdentity())}\n`;
  for (let generation = 0; generation < MAX_ATTEMPTS; generation += 1) {
    const breakFile = `${lockFile}.break-${id}-${generation}`;
    if (!(await createExclusively(breakFile, me))) {
      const breaker = await readBreaker(breakFile);
      if (breaker === 'missing') return false; // just finished: re-evaluate the lock
      if (breaker === 'alive') return false; // someone live is breaking it: wait and re-evaluate
      continue; // that breaker died mid-way: take the next generation
    }
    try {
      const now = await readLockFile(lockFile);
      if (now !== null && now.inode === stale.inode && now.bytes.equals(stale.bytes)) {
        await unlink(lockFile).catch(ignoreMissing);
        await syncDirectory(dirname(lockFile));
      }
    } finally {
      for (let earlier = generation; earlier >= 0; earlier -= 1) {
        await unlink(`${lockFile}.break-${id}-${earlier}`).catch(() => undefined);
      }
    }
    return true;
  }
  return false;
}

async function readBreaker(breakFile: string): Promise<'alive' | 'gone' | 'missing'> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(breakFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const identity = JSON.parse(bytes.toString('utf8')) as ProcessIdentity;
    return (await processLiveness(identity)) === 'gone' ? 'gone' : 'alive';
  } catch {
    return 'alive'; // being written (no hard links): treat as alive, look again shortly
  }
}

function describeHolder(info: WorkspaceLockInfo | null): string {
  if (info === null) return 'its lock file could not be read';
  const where = info.hostname === hostname() ? '' : ` on ${info.hostname}`;
  return `${info.holder}${where}, pid ${info.pid}, since ${formatLocalMinute(new Date(info.since))}`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
