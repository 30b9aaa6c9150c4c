import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { removeAbandonedTempFilesInDirectory, syncDirectory, writeFileDurably } from './durable-write.js';
import { readFileSnapshot } from './read-file-snapshot.js';

/** Checks that bytes are a valid version of the file (throws why not); `JsonFileCodec` is one. */
export interface BackupValidator {
  decode(bytes: Uint8Array, file: string): unknown;
}

/** Where a file's backups go and how many are kept. */
export interface BackupRotationOptions {
  /** The workspace folder; backups go to `<workspaceDir>/.backups/<path of the file in it>/`. */
  workspaceDir: string;
  /** The file backed up; must be inside `workspaceDir`. */
  file: string;
  /** Tells valid versions from damaged ones; only valid versions are kept. */
  validator: BackupValidator;
  /** How many of the most recent versions to keep (default 5). */
  keepRecent?: number;
  /** For how many of the most recent days to also keep that day's last version (default 30). */
  keepDaily?: number;
  /**
   * A version saved less than this long after the newest backup is not backed up (default 60 s),
   * so that saving every second does not push all history out of `keepRecent` within seconds, and
   * so that most saves cost one durable write, not two (the W4 benchmark measures both). Use 0 to back
   * up every overwrite. Upgrades and restores always back up.
   */
  minIntervalMs?: number;
}

/** One backup of a file, as listed. */
export interface BackupEntry {
  /** The backup's file name inside the file's backup folder. */
  name: string;
  /** The backup's full path. */
  path: string;
  /** When the version it holds was saved (the file's modification time when it was backed up). */
  time: Date;
  size: number;
  /**
   * `version`: a version taken before an overwrite, rotated away in time;
   * `unreadable-copy`: damaged bytes kept before a restore replaced them, never deleted automatically.
   */
  kind: 'version' | 'unreadable-copy';
  /** Whether the backup opens as a valid version of the file today. */
  valid: boolean;
  /** Why it does not open, when it does not. */
  problem: string | null;
}

/** What `preserveCurrent` did. */
export type PreserveResult =
  | { kept: true; backup: BackupEntry }
  | { kept: false; reason: 'missing' | 'invalid' | 'same-as-newest' | 'too-recent' };

const VERSION_SUFFIX = '.json';
const UNREADABLE_SUFFIX = '.unreadable';

/**
 * Rolling, validated backups of one store file (docs/GUARANTEES.md D6). Call `preserveCurrent` before
 * overwriting the file: it copies the current bytes into `.backups/` if they are a valid version,
 * then keeps the last `keepRecent` versions plus the last version of each of the last `keepDaily`
 * days. `list` shows what there is; `restore` puts a backup back, durably, after keeping the
 * bytes it replaces.
 */
export class BackupRotation {
  /** The folder holding this file's backups. */
  readonly directory: string;
  readonly #file: string;
  readonly #validator: BackupValidator;
  readonly #keepRecent: number;
  readonly #keepDaily: number;
  readonly #minIntervalMs: number;

  constructor(options: BackupRotationOptions) {
    const inWorkspace = relative(resolve(options.workspaceDir), resolve(options.file));
    if (inWorkspace === '' || inWorkspace.startsWith('..') || isAbsolute(inWorkspace)) {
      throw new Error(`BackupRotation: ${options.file} is not inside the workspace ${options.workspaceDir}`);
    }
    this.directory = join(options.workspaceDir, '.backups', inWorkspace);
    this.#file = options.file;
    this.#validator = options.validator;
    this.#keepRecent = options.keepRecent ?? 5;
    this.#keepDaily = options.keepDaily ?? 30;
    this.#minIntervalMs = options.minIntervalMs ?? 60_000;
  }

  /**
   * Backs up the file's current bytes if they are a valid version (and not the same as the newest
   * backup, nor, unless `force`, within `minIntervalMs` of it), then rotates old backups away.
   */
  async preserveCurrent(options: { force?: boolean } = {}): Promise<PreserveResult> {
    const newest = (await this.#versionNames())[0];
    // The time is checked first, from the file's stats: within minIntervalMs of the newest backup
    // nothing is read, so a save of a large file does not read and validate it again every time.
    if (!options.force && newest !== undefined) {
      const modified = await modifiedTime(this.#file);
      if (modified === null) return { kept: false, reason: 'missing' };
      if (modified.getTime() - newest.time.getTime() < this.#minIntervalMs) return { kept: false, reason: 'too-recent' };
    }
    const current = await readIfExists(this.#file);
    if (current === null) return { kept: false, reason: 'missing' };
    if (newest !== undefined) {
      const newestBytes = await readIfExists(join(this.directory, newest.name));
      if (newestBytes !== null && Buffer.compare(newestBytes.bytes, current.bytes) === 0) {
        return { kept: false, reason: 'same-as-newest' };
      }
    }
    if (!this.#isValid(current.bytes)) return { kept: false, reason: 'invalid' };
    const backup = await this.#store(current.bytes, current.mtime, VERSION_SUFFIX);
    await this.prune();
    return { kept: true, backup };
  }

  /** The file's backups, newest first, each checked for whether it still opens. */
  async list(): Promise<BackupEntry[]> {
    const entries: BackupEntry[] = [];
    for (const { name, time, kind } of await this.#backupNames()) {
      const path = join(this.directory, name);
      const read = await readIfExists(path);
      if (read === null) continue;
      let problem: string | null = null;
      try {
        this.#validator.decode(read.bytes, path);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      entries.push({ name, path, time, size: read.bytes.length, kind, valid: problem === null, problem });
    }
    return entries;
  }

  /**
   * Replaces the file with the backup called `name`, durably. The backup must be valid. The bytes
   * it replaces are kept first: as a version if valid, else as an `unreadable-copy` that is never
   * rotated away. Whoever holds the file open must read it again afterwards.
   */
  async restore(name: string): Promise<void> {
    const entry = (await this.#backupNames()).find((candidate) => candidate.name === name);
    if (entry === undefined) throw new Error(`There is no backup called ${name} of ${this.#file}`);
    const backupPath = join(this.directory, name);
    const backup = await readFile(backupPath);
    this.#validator.decode(backup, backupPath);
    const current = await readIfExists(this.#file);
    if (current !== null && Buffer.compare(current.bytes, backup) === 0) return;
    if (current !== null) {
      if (this.#isValid(current.bytes)) await this.preserveCurrent({ force: true });
      else await this.#store(current.bytes, new Date(), UNREADABLE_SUFFIX);
    }
    await writeFileDurably(this.#file, backup);
  }

  /**
   * Deletes the versions no longer kept: all but the `keepRecent` newest and the newest of each of
   * the `keepDaily` most recent days. Unreadable copies are never deleted. Also removes temp files
   * left by a crash in the middle of taking a backup.
   */
  async prune(): Promise<void> {
    await removeAbandonedTempFilesInDirectory(this.directory);
    const versions = await this.#versionNames();
    const keep = new Set(versions.slice(0, this.#keepRecent).map((version) => version.name));
    const days = new Set<string>();
    for (const version of versions) {
      const day = localDay(version.time);
      if (days.has(day)) continue;
      if (days.size >= this.#keepDaily) break;
      days.add(day);
      keep.add(version.name);
    }
    // No folder fsync after deleting: a deletion undone by a crash only leaves an extra backup.
    for (const version of versions) {
      if (keep.has(version.name)) continue;
      await unlink(join(this.directory, version.name)).catch(ignoreMissing);
    }
  }

  #isValid(bytes: Uint8Array): boolean {
    try {
      this.#validator.decode(bytes, this.#file);
      return true;
    } catch {
      return false;
    }
  }

  async #store(bytes: Uint8Array, time: Date, suffix: string): Promise<BackupEntry> {
    await this.#ensureDirectory();
    const name = `${timeStamp(time)}-${randomBytes(3).toString('hex')}${suffix}`;
    const path = join(this.directory, name);
    await writeFileDurably(path, bytes);
    const kind = suffix === VERSION_SUFFIX ? 'version' : 'unreadable-copy';
    return { name, path, time, size: bytes.length, kind, valid: kind === 'version', problem: null };
  }

  async #ensureDirectory(): Promise<void> {
    const created = await mkdir(this.directory, { recursive: true });
    if (created === undefined) return;
    // Make every newly created folder's entry durable, from the first one created down.
    for (let dir = this.directory; ; dir = dirname(dir)) {
      await syncDirectory(dirname(dir));
      if (dir === created || dirname(dir) === dir) break;
    }
  }

  async #versionNames(): Promise<Array<{ name: string; time: Date }>> {
    return (await this.#backupNames()).filter((entry) => entry.kind === 'version');
  }

  /** Backup file names with their times, newest first. */
  async #backupNames(): Promise<Array<{ name: string; time: Date; kind: BackupEntry['kind'] }>> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const backups: Array<{ name: string; time: Date; kind: BackupEntry['kind'] }> = [];
    for (const name of names) {
      const kind = name.endsWith(VERSION_SUFFIX) ? 'version' : name.endsWith(UNREADABLE_SUFFIX) ? 'unreadable-copy' : null;
      const time = kind === null ? null : parseTimeStamp(name);
      if (kind !== null && time !== null) backups.push({ name, time, kind });
    }
    return backups.sort((a, b) => b.time.getTime() - a.time.getTime() || (a.name < b.name ? 1 : -1));
  }
}

/** `20261121T100203123Z`: a UTC time that sorts as text and is valid in every file system. */
function timeStamp(time: Date): string {
  return time.toISOString().replace(/[-:.]/g, '');
}

function parseTimeStamp(name: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(name);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, ms] = match;
  const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`);
  return Number.isNaN(time.getTime()) ? null : time;
}

function localDay(time: Date): string {
  return `${time.getFullYear()}-${time.getMonth() + 1}-${time.getDate()}`;
}

/** A file's bytes and modification time, from one open handle so both describe the same version. */
async function readIfExists(path: string): Promise<{ bytes: Buffer; mtime: Date } | null> {
  const snapshot = await readFileSnapshot(path);
  return snapshot && { bytes: snapshot.bytes, mtime: snapshot.stats.mtime };
}

/** When the file was last modified, or null when it does not exist. */
async function modifiedTime(path: string): Promise<Date | null> {
  try {
    return (await stat(path)).mtime;
  } catch (error) {
    ignoreMissing(error);
    return null;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
