import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is (`path`, and `distDir`, the unpacked Electron it belongs to, which the
 * packager can use instead of downloading one), or why there is none.
 */
export type ElectronBinary = { path: string; distDir: string } | { missing: string };

/**
 * Finds the Electron binary without triggering a download (requiring the `electron` package would).
 * Installation never downloads it; when it is missing, this fetches it once with Electron's own
 * installer where the network allows, and otherwise says why in a few words.
 */
export function locateElectronBinary(options: {
  download: boolean;
  /** The installed `electron` package's folder (found from here when absent). */
  packageDir?: string;
  /** The running Node.js version (`process.versions.node` when absent). */
  nodeVersion?: string;
}): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = options.packageDir ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const found = installedBinary(packageDir);
  if (found) return found;
  if (!options.download) return { missing: 'installing does not download it, and nothing has fetched it since (npm start does, where the network reaches Electron’s downloads)' };
  // Electron's installer declares the Node.js it runs on; once fetched, the binary brings its own.
  const required = minimumNodeVersion(packageDir);
  const current = options.nodeVersion ?? process.versions.node;
  if (required && isOlderVersion(current, required)) {
    return { missing: `fetching it needs Node.js ${required} or later (this is Node.js ${current})` };
  }

  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const downloaded = installedBinary(packageDir);
  if (downloaded) return downloaded;
  return { missing: `it could not be downloaded here (${downloadFailureReason(result.stderr ?? '', result.error)})` };
}

/** The lowest Node.js version the package in `packageDir` declares (`engines.node`, `>= X.Y.Z`), or null. */
function minimumNodeVersion(packageDir: string): string | null {
  try {
    const engines = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { engines?: { node?: unknown } }).engines;
    const range = typeof engines?.node === 'string' ? engines.node : '';
    return /^\s*>=\s*v?(\d+\.\d+\.\d+)\s*$/.exec(range)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Whether dotted version `version` is older than `than` (both `X.Y.Z`). */
export function isOlderVersion(version: string, than: string): boolean {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

function installedBinary(packageDir: string): { path: string; distDir: string } | null {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = join(packageDir, 'dist');
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, distDir } : null;
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

/**
 * The Electron binary that can show a window here, or why there is none (never downloads): what the
 * desktop e2e spec and the desktop launch benchmark run, or the reason they say they cannot.
 */
export function runnableElectron(): { path: string } | { unavailable: string } {
  const binary = locateElectronBinary({ download: false });
  if ('missing' in binary) return { unavailable: `the Electron binary is missing (${binary.missing})` };
  const noDisplay = missingDisplayReason();
  return noDisplay ? { unavailable: noDisplay } : { path: binary.path };
}
