import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the Electron binary is, or why there is none. */
export type ElectronBinary = { path: string } | { missing: string };

/**
 * Finds the Electron binary without triggering a download (requiring the `electron` package would).
 * Installation never downloads it; when it is missing, this fetches it once with Electron's own
 * installer where the network allows, and otherwise says why in a few words.
 */
export function locateElectronBinary(options: { download: boolean }): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const found = installedBinary(packageDir);
  if (found) return { path: found };
  if (!options.download) return { missing: 'it has not been downloaded yet' };

  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const downloaded = installedBinary(packageDir);
  if (downloaded) return { path: downloaded };
  return { missing: `it could not be downloaded here (${downloadFailureReason(result.stderr ?? '', result.error)})` };
}

function installedBinary(packageDir: string): string | null {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function downloadFailureReason(stderr: string, error: Error | undefined): string {
  if (error) return error.message;
  const line = stderr.split('\n').find((l) => /error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|fetch failed/i.test(l));
  return (line ?? 'the download failed').trim().slice(0, 160);
}

/** Why Electron cannot show a window on this machine, or null if it can. */
export function missingDisplayReason(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'there is no graphical display (DISPLAY is not set)';
}
