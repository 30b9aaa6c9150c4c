import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name; also the app-data folder name Electron uses (`app.getPath('userData')`). */
export const PRODUCT_NAME = 'Corroborate';

/**
 * The user's app-data folder for Corroborate, the same one Electron's `userData` path names, so the
 * desktop app, the browser host and the CLI all find the same default workspace.
 * `CORROBORATE_APP_DATA` overrides it (tests, portable installs).
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CORROBORATE_APP_DATA) return env.CORROBORATE_APP_DATA;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

/** Where the default workspace lives: `<app data>/workspace`. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'workspace');
}

/** Where agreement caches what it read of workspaces' annotation files: `<app data>/agreement-cache`, outside every workspace (never synced). */
export function agreementCacheDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'agreement-cache');
}
