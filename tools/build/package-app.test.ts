import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateElectronBinary } from '../../main/faces/launch/electron-binary.js';

const root = resolve(import.meta.dirname, '../..');
const binary = locateElectronBinary({ download: false });
const installedElectron = 'path' in binary ? binary.path : null;
if (installedElectron) {
  console.warn(`[package-app test] Skipped: an Electron binary is installed (${installedElectron}), so npm run package would really package; the desktop workflow proves that.`);
}

describe('npm run package', () => {
  it.skipIf(installedElectron !== null)('says in one sentence why it cannot package where there is no Electron binary, and exits 1', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    const said = run.stderr.trim();
    expect(said.split('\n'), 'one line').toHaveLength(1);
    expect(said).toMatch(/^Cannot package the desktop app here because the Electron binary is missing \(.+\): .+\.$/);
    expect(said, 'names the way to get it and where packaging runs').toContain('.github/workflows/desktop.yml');
    expect(said, 'no stack trace').not.toMatch(/\bat .+:\d+:\d+/);
    expect(run.stdout.trim(), 'nothing built before saying so').toBe('');
  });
});
