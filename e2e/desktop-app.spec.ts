import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { locateElectronBinary, missingDisplayReason } from '../main/launch/electron-binary.js';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';

const root = resolve(import.meta.dirname, '..');
const binary = locateElectronBinary({ download: false });
const cannotRun = 'missing' in binary ? `the Electron binary is missing (${binary.missing})` : missingDisplayReason();

const APOLOGY = 'Yesterday wasn’t my proudest day,';

test.describe('the desktop app (Electron)', () => {
  test.beforeEach(() => {
    if (!cannotRun) return;
    const reason = `Skipped because ${cannotRun}; the same scenario runs against the browser host in annotate.spec.ts.`;
    console.log(`[desktop app e2e] ${reason}`);
    test.skip(true, reason);
  });

  let workspaceDir: string | undefined;
  const launched: ElectronApplication[] = [];
  const launch = async () => {
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(root, 'dist/electron/main.js'), '--workspace', workspaceDir!],
      cwd: root,
    });
    launched.push(app);
    return app;
  };

  test.beforeEach(async () => {
    workspaceDir = join(await mkdtemp(join(tmpdir(), 'corroborate-electron-')), 'ws');
    const seeds = readdirSync(join(root, 'fixtures/seeds')).map((name) => `fixtures/seeds/${name}`);
    execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, ...seeds], { cwd: root });
  });
  test.afterEach(async () => {
    for (const app of launched.splice(0)) await app.close().catch(() => undefined);
    if (workspaceDir) await rm(resolve(workspaceDir, '..'), { recursive: true, force: true });
  });

  test('select, label, relaunch, find it again, delete', async () => {
    let app = await launch();
    let page = await app.firstWindow();
    expect(await page.evaluate(() => document.documentElement.dataset.transport)).toBe('ipc');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await page.getByRole('button', { name: /Hamilton offers/ }).click();
    expect(await selectWithMouse(page, APOLOGY)).toBe(APOLOGY);
    await page.keyboard.press('2');
    await expect(page.locator('.annotation.label-quote')).toHaveText(APOLOGY);
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
    await app.close();
    expect((await readStoredAnnotations(workspaceDir!)).map((a) => a.fragments[0]!.exact)).toEqual([APOLOGY]);

    app = await launch();
    page = await app.firstWindow();
    await expect(page.locator('.annotation.label-quote')).toHaveText(APOLOGY);
    await page.getByRole('button', { name: /^Delete quote/ }).click();
    await expect(page.locator('.annotation')).toHaveCount(0);
    await app.close();
    expect(await readStoredAnnotations(workspaceDir!)).toEqual([]);
  });
});
