/**
 * `npm run package [-- --linux] [--mac] [--win]`: builds, then packages the desktop app with
 * electron-builder as electron.config.ts says (AppImage and deb, dmg, nsis; by default for this
 * machine's platform) into dist/packages. It packages the Electron binary installed in
 * node_modules (`npx --no install-electron` fetches it); where there is none it says so in one
 * sentence and exits 1, before building anything.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import config from '../../electron.config.js';
import { locateElectronBinary } from '../../main/faces/launch/electron-binary.js';

const root = resolve(import.meta.dirname, '../..');

/** Ends the command with one sentence on stderr, never a stack trace. */
function stop(sentence: string): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

let wanted: { linux?: boolean; mac?: boolean; win?: boolean };
try {
  ({ values: wanted } = parseArgs({ options: { linux: { type: 'boolean' }, mac: { type: 'boolean' }, win: { type: 'boolean' } } }));
} catch (error) {
  stop(`npm run package takes only --linux, --mac and --win: ${(error as Error).message}`);
}

const binary = locateElectronBinary({ download: false });
if ('missing' in binary) {
  stop(
    `Cannot package the desktop app here because the Electron binary is missing (${binary.missing}): ` +
      'run `npx --no install-electron` where Electron releases can be downloaded, or let the desktop workflow (.github/workflows/desktop.yml) package it.',
  );
}

const hostPlatform = { linux: 'linux', darwin: 'mac', win32: 'win' }[process.platform as string];
const platforms = (['linux', 'mac', 'win'] as const).filter((p) => wanted[p]);
// The installed Electron is this platform's; packaging for another one downloads its release instead.
const onlyThisPlatform = platforms.every((p) => p === hostPlatform);

execFileSync(process.execPath, ['--import', 'tsx', 'tools/build/build.ts'], { cwd: root, stdio: 'inherit' });
const { build } = await import('electron-builder');
try {
  const artifacts = await build({
    projectDir: root,
    publish: 'never',
    config: { ...config.packaging, ...(onlyThisPlatform ? { electronDist: binary.distDir } : {}) },
    ...Object.fromEntries(platforms.map((p) => [p, []])),
  });
  process.stdout.write(`Packaged:\n${artifacts.map((file) => `  ${file}`).join('\n')}\n`);
} catch (error) {
  stop(`Packaging failed: ${(error as Error).message}`);
}
