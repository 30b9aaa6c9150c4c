import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startBrowserHostProcess, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';
import { skipWithReason } from './support/skip-with-reason.js';

const root = resolve(import.meta.dirname, '..');

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  if (host) await host.stop();
  host = null;
});

test('an edit that could not be saved when the host stopped on a read-only disk is offered back, and Restore brings it back', async ({ page, scratchDir }) => {
  const mountPoint = join(scratchDir, 'disk');
  await mkdir(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    const reason = `a tmpfs cannot be mounted here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()}), so no read-only disk can be made and the page's offer goes unchecked; the offer and Restore are still tested through the services by main/services/workspace/recovered-edits.test.ts, with a recovery file written directly`;
    skipWithReason(reason);
  }
  try {
    const workspaceDir = join(mountPoint, 'ws');
    const appDataDir = join(scratchDir, 'appdata');
    const seed = join(root, 'fixtures', 'seeds', '000_68d59631ab4d7e7c.txt');
    execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, seed], { cwd: root });

    host = await startBrowserHostProcess({ workspaceDir, appDataDir });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell');
    await selectWithMouse(page, 'horrific crash');
    await page.keyboard.press('3');
    const status = page.locator('.save-status');
    await expect(status).toHaveText('All changes saved');

    // The disk turns read-only: the next edit stays in memory, and the host is stopped like that.
    spawnSync('mount', ['-o', 'remount,ro', mountPoint]);
    await selectWithMouse(page, 'Valtteri Bottas');
    await page.keyboard.press('1');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText('the disk is read-only (EROFS)');
    expect(await host.stop(), 'the host stops cleanly').toBe(0);
    host = null;
    expect(await readdir(join(appDataDir, 'recovery'))).toHaveLength(1);
    spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    expect((await readStoredAnnotations(workspaceDir)).map((a) => a.fragments[0]!.exact)).toEqual(['horrific crash']);

    // The next start offers the edit back.
    host = await startBrowserHostProcess({ workspaceDir, appDataDir });
    await page.goto(host.url);
    const offer = page.getByRole('alert').filter({ hasText: 'were recovered' });
    await expect(offer).toContainText(/Unsaved edits from \d{4}-\d{2}-\d{2} \d{2}:\d{2} were recovered/);
    await expect(offer).toContainText('EROFS');
    await expect(offer).toContainText('the annotations of “George Russell');
    await expect(page.locator('.annotation.label-claim')).toHaveCount(0);
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Restored the unsaved edits from/ })).toBeVisible();
    await expect(offer).toHaveCount(0);
    await expect(page.locator('.annotation.label-claim')).toHaveText('Valtteri Bottas');
    expect((await readStoredAnnotations(workspaceDir)).map((a) => a.fragments[0]!.exact).sort()).toEqual(['Valtteri Bottas', 'horrific crash']);
    expect(await readdir(join(appDataDir, 'recovery'))).toEqual([]);
  } finally {
    if (host) expect(await host.stop()).toBe(0);
    host = null;
    spawnSync('umount', ['-l', mountPoint]);
  }
});
