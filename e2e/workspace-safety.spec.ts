import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startBrowserHostProcess, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';
import { skipWithReason } from './support/skip-with-reason.js';

const root = resolve(import.meta.dirname, '..');

/** Imports the seeds in two imports, so workspace.json has a backup that already lists articles. */
function importSeeds(workspaceDir: string): void {
  const seeds = spawnSync('ls', [join(root, 'fixtures/seeds')], { encoding: 'utf8' }).stdout.trim().split('\n');
  for (const part of [seeds.slice(0, 3), seeds.slice(3)]) {
    execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, ...part.map((s) => `fixtures/seeds/${s}`)], { cwd: root });
  }
}

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  if (host) expect(await host.stop()).toBe(0);
  host = null;
});

test('a corrupt workspace.json is named, kept, and restored from its last good backup on request', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  importSeeds(workspaceDir);
  const broken = '{"schemaVersion": 1, "documents": [ {"id": "trunc';
  await writeFile(join(workspaceDir, 'workspace.json'), broken);
  host = await startBrowserHostProcess({ workspaceDir });
  await page.goto(host.url);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This workspace is open read-only');
  await expect(alert).toContainText('workspace.json');
  await expect(alert).toContainText('It has not been changed or overwritten');
  expect(await readFile(join(workspaceDir, 'workspace.json'), 'utf8')).toBe(broken);

  await alert.getByRole('button', { name: 'Restore workspace.json from its last good backup' }).click();
  await expect(page.getByText(/Restored workspace\.json from its backup/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).not.toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The damaged bytes were kept as a copy among the backups.
  const copies = await readdir(join(workspaceDir, '.backups'), { recursive: true });
  const kept = await Promise.all(copies.filter((f) => f.includes('unreadable')).map((f) => readFile(join(workspaceDir, '.backups', f), 'utf8').catch(() => '')));
  expect(kept).toContain(broken);
});

test('a workspace from a newer version opens read-only and refuses edits with a clear message', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  importSeeds(workspaceDir);
  const file = JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8'));
  file.schemaVersion = 99;
  const newer = JSON.stringify(file);
  await writeFile(join(workspaceDir, 'workspace.json'), newer);
  host = await startBrowserHostProcess({ workspaceDir });
  await page.goto(host.url);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This workspace is open read-only');
  await expect(alert).toContainText('newer');
  await expect(alert.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Continue read-only' }).click();
  await expect(page.getByText('Read-only: edits are not saved.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(0);
  expect(await readFile(join(workspaceDir, 'workspace.json'), 'utf8')).toBe(newer);
});

test('the save indicator shows a full disk, keeps the edit, and turns to saved once space is back', async ({ page, scratchDir }) => {
  const mountPoint = join(scratchDir, 'tiny-disk');
  await mkdir(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    const reason = `a tmpfs cannot be mounted here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()}), so no real full disk can be made and the save indicator's full-disk state goes unchecked; the store's handling of a full disk is still tested by main/storage/write-faults.test.ts (with an injected ENOSPC where no tmpfs can be mounted)`;
    skipWithReason(reason);
  }
  try {
    const workspaceDir = join(mountPoint, 'ws');
    importSeeds(workspaceDir);
    host = await startBrowserHostProcess({ workspaceDir });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell');
    // Fill the disk.
    spawnSync('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler')}`, 'bs=64k'], { encoding: 'utf8' });

    await selectWithMouse(page, 'horrific crash');
    await page.keyboard.press('3');
    const status = page.locator('.save-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toContainText('the disk is full (ENOSPC)');
    await expect(status).toContainText('Your edit is kept');
    await expect(page.locator('.annotation.label-fact')).toHaveText('horrific crash');
    expect(await readStoredAnnotations(workspaceDir)).toEqual([]);

    await rm(join(mountPoint, 'filler'));
    await expect(status).toHaveText('All changes saved', { timeout: 20_000 });
    expect((await readStoredAnnotations(workspaceDir)).map((a) => a.fragments[0]!.exact)).toEqual(['horrific crash']);
  } finally {
    if (host) expect(await host.stop()).toBe(0);
    host = null;
    spawnSync('umount', [mountPoint]);
  }
});
