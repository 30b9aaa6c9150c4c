import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SettingsFile } from './settings-file.js';

/** How many workspaces File → Open recent lists. */
export const RECENT_WORKSPACES_SHOWN = 5;

const RECENT_WORKSPACES_VERSION = 1;
const RecentWorkspacesFileSchema = z
  .object({
    schemaVersion: z.literal(RECENT_WORKSPACES_VERSION),
    /** Absolute folder paths, the most recently opened first. */
    workspaces: z.array(z.string().min(1).max(4096)).max(RECENT_WORKSPACES_SHOWN),
  })
  .strict();

/**
 * The list with `dir` moved (or added) to the front, each folder once, at most
 * `RECENT_WORKSPACES_SHOWN` long. Folders are compared as absolute paths, ignoring case on Windows
 * and macOS, whose usual file systems do.
 */
export function withRecentWorkspace(list: readonly string[], dir: string, platform: NodeJS.Platform = process.platform): string[] {
  const absolute = resolve(dir);
  return [absolute, ...withoutWorkspace(list, absolute, platform)].slice(0, RECENT_WORKSPACES_SHOWN);
}

/** The list without `dir` (compared as `withRecentWorkspace` does). */
export function withoutWorkspace(list: readonly string[], dir: string, platform: NodeJS.Platform = process.platform): string[] {
  const key = (path: string) => (platform === 'win32' || platform === 'darwin' ? resolve(path).toLowerCase() : resolve(path));
  return list.filter((entry) => key(entry) !== key(dir));
}

/** `recent-workspaces.json` in the app-data folder: the workspaces opened last, for File → Open recent. */
export class RecentWorkspaces {
  readonly #file: SettingsFile<z.infer<typeof RecentWorkspacesFileSchema>>;
  readonly #platform: NodeJS.Platform;

  constructor(appDataDir: string, platform: NodeJS.Platform = process.platform) {
    this.#file = new SettingsFile(join(appDataDir, 'recent-workspaces.json'), RecentWorkspacesFileSchema, RECENT_WORKSPACES_VERSION);
    this.#platform = platform;
  }

  /** The file's path. */
  get path(): string {
    return this.#file.path;
  }

  /** The recent workspaces, the latest first (empty when the file is absent or cannot be used), and what was wrong with the file. */
  async read(): Promise<{ workspaces: string[]; problem: string | null }> {
    const { data, problem } = await this.#file.read();
    return { workspaces: data?.workspaces ?? [], problem };
  }

  /** Puts `dir` first in the list and saves it; resolves to the new list. */
  async add(dir: string): Promise<string[]> {
    const { workspaces } = await this.read();
    return this.#save(withRecentWorkspace(workspaces, dir, this.#platform));
  }

  /** Takes `dir` off the list (a folder that can no longer be opened) and saves it; resolves to the new list. */
  async remove(dir: string): Promise<string[]> {
    const { workspaces } = await this.read();
    return this.#save(withoutWorkspace(workspaces, dir, this.#platform));
  }

  async #save(workspaces: string[]): Promise<string[]> {
    await this.#file.write({ schemaVersion: RECENT_WORKSPACES_VERSION, workspaces });
    return workspaces;
  }
}
