import { basename, dirname, sep } from 'node:path';

/** What the window title is made from. */
export interface WindowTitleParts {
  /** Absolute path of the open workspace folder. */
  workspaceDir: string;
  /** Whether it is the default workspace in the app-data folder. */
  isDefault: boolean;
  /** Whether edits are refused (a broken or newer workspace file). */
  readOnly: boolean;
  /** What the app is busy with, shown first ("Saving changes before quitting…"), or null. */
  activity?: string | null;
  /** The user's home folder, shown as `~` (not on Windows). */
  home: string;
  platform?: NodeJS.Platform;
}

/** The product name at the end of every window title. */
const PRODUCT = 'Corroborate';

/**
 * The desktop window's title: the workspace's folder name and where it is, so two workspaces with
 * the same name can be told apart ("election-2026 — ~/Documents — Corroborate"); the default
 * workspace is "Default workspace". Read-only workspaces say so, and an activity comes first.
 */
export function windowTitle(parts: WindowTitleParts): string {
  const platform = parts.platform ?? process.platform;
  const name = parts.isDefault ? 'Default workspace' : basename(parts.workspaceDir) || parts.workspaceDir;
  const pieces = [parts.readOnly ? `${name} (read-only)` : name];
  if (!parts.isDefault) pieces.push(displayPath(dirname(parts.workspaceDir), parts.home, platform));
  if (parts.activity) pieces.unshift(parts.activity);
  pieces.push(PRODUCT);
  return pieces.join(' — ');
}

/** `dir` as the window title and the recent list show it: the home folder as `~` (except on Windows, where that is not a convention). */
export function displayPath(dir: string, home: string, platform: NodeJS.Platform): string {
  if (platform === 'win32' || !home) return dir;
  if (dir === home) return '~';
  return dir.startsWith(home + sep) ? `~${dir.slice(home.length)}` : dir;
}
