import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOlderVersion, locateElectronBinary } from './electron-binary.js';

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-electron-binary-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateElectronBinary', () => {
  it('does not try to fetch Electron on a Node.js older than its installer declares, and says which it needs', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', engines: { node: '>= 22.12.0' } }));
    expect(locateElectronBinary({ download: true, packageDir: dir, nodeVersion: '20.20.2' })).toEqual({
      missing: 'fetching it needs Node.js 22.12.0 or later (this is Node.js 20.20.2)',
    });
    // New enough: the installer runs (here there is none, so the download fails with its own reason).
    expect(locateElectronBinary({ download: true, packageDir: dir, nodeVersion: '22.12.0' })).toEqual({
      missing: expect.stringMatching(/^it could not be downloaded here \(.+\)$/),
    });
  });

  it('compares versions part by part', () => {
    expect(isOlderVersion('20.20.2', '22.12.0')).toBe(true);
    expect(isOlderVersion('22.9.9', '22.12.0')).toBe(true);
    expect(isOlderVersion('22.12.0', '22.12.0')).toBe(false);
    expect(isOlderVersion('24.0.0', '22.12.0')).toBe(false);
  });
});

const electron = locateElectronBinary({ download: false });
const tooOld = isOlderVersion(process.versions.node, '22.12.0');
const skipReason = 'path' in electron ? 'an Electron binary is installed' : tooOld ? null : `Node.js ${process.versions.node} can fetch Electron, so npm start would download it`;
if (skipReason) console.warn(`[electron-binary test] npm start's Node.js message skipped: ${skipReason}.`);

describe('npm start', () => {
  it.skipIf(skipReason !== null)('says in one sentence which Node.js the desktop app needs when it falls back for that reason', async () => {
    const env = { ...process.env, DISPLAY: ':99', CORROBORATE_APP_DATA: join(dir, 'appdata') };
    const child = spawn(join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsx'), ['main/faces/launch/start.ts'], { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    try {
      await expect.poll(() => stdout, { timeout: 60_000 }).toMatch(/running in your browser at http/);
      expect(stdout.split('\n')[0]).toBe(
        `Corroborate is opening in your browser instead of the desktop app because the Electron binary is missing and fetching it needs Node.js 22.12.0 or later (this is Node.js ${process.versions.node}).`,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    }
  }, 90_000);
});
