import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, test } from './support/workbench-fixture.js';

const root = resolve(import.meta.dirname, '..');

test('npm start falls back to the browser host, says why in one sentence, and serves the sample articles', async ({ page, scratchDir }) => {
  // No display here, so whether or not the Electron binary exists, the desktop app cannot open a window.
  const env = { ...process.env, CORROBORATE_APP_DATA: join(scratchDir, 'appdata'), DISPLAY: '', WAYLAND_DISPLAY: '' };
  const child = spawn(process.execPath, ['dist/node/start.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  try {
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    const [reason, urlLine] = stdout.trim().split('\n');
    expect(reason).toMatch(/^Corroborate is opening in your browser instead of the desktop app because .+\.$/);
    expect(urlLine).toMatch(/^Corroborate is running in your browser at http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
    await page.goto(/http\S+/.exec(urlLine!)![0]);
    await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', done)));
  expect(code).toBe(0);
});
