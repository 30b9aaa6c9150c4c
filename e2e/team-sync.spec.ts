import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { gitServerUnavailableReason, startGitServer, type GitServerProcess } from '../tools/git-server/git-server-process.js';
import { startBrowserHostProcess, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { violationsOf } from './support/axe-rules.js';
import { shoot } from './support/screenshots.js';
import { skipWithReason } from './support/skip-with-reason.js';
import { expectAllSaved, labelWithMouse, openArticle } from './support/editor-steps.js';
import { expect, test } from './support/workbench-fixture.js';

// Two annotators on two hosts (their own computers: own app data, own workspace), in two browser
// contexts, exchange their work through a real git server on the loopback interface.

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const ENCOURAGEMENT = 'words of encouragement';
const ANA = { name: 'Ana López', email: 'ana@example.org' };
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };
const TOKEN = 'e2e-team-token-7c41';
const AXE_RULES = ['color-contrast', 'label-content-name-mismatch'];
const git = promisify(execFile);

let server: GitServerProcess | null = null;
const hosts: BrowserHostProcess[] = [];
const pageErrors: string[] = [];
test.beforeEach(() => {
  const unavailable = gitServerUnavailableReason();
  skipWithReason(unavailable === null ? null : `the test git server cannot run here: ${unavailable}`);
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) expect(await host.stop()).toBe(0);
  await server?.kill();
  server = null;
  expect(pageErrors.splice(0), 'no errors in either page').toEqual([]);
});

/** One annotator's computer: a host with their name and the team's token, opened in its own browser context. */
async function annotatorPage(browser: Browser, scratchDir: string, who: { name: string; email: string }, folder: string, workspace: 'samples' | 'empty'): Promise<Page> {
  const appDataDir = join(scratchDir, `${folder}-app-data`);
  const host = await startBrowserHostProcess({
    appDataDir,
    identity: who,
    env: { CORROBORATE_GIT_TOKEN: TOKEN },
    ...(workspace === 'empty' ? { workspaceDir: join(scratchDir, folder) } : {}),
  });
  hosts.push(host);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${folder}: ${error.message}`));
  await page.goto(host.url);
  return page;
}

/** The status beside the Sync button (its title holds the last outcome's sentence). */
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Team sync:/ });

/** Syncs with the keyboard shortcut and waits for the sentence saying how it went. */
async function syncByKeyboard(page: Page, outcome: RegExp): Promise<void> {
  await page.locator('body').press('Control+Shift+Y');
  await expect(syncStatus(page)).toHaveAttribute('title', outcome, { timeout: 60_000 });
  await expect(syncStatus(page)).toHaveText('Synced just now');
}


/** Joins the team's workspace into the page's empty one from the team dialog, and closes it once joined. */
async function joinFromDialog(page: Page, remoteUrl: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Team…' }).click();
  const team = page.getByRole('dialog', { name: 'Team workspace' });
  await team.getByLabel('Address of the team’s repository').fill(remoteUrl);
  await team.getByRole('button', { name: 'Join' }).click();
  await expect(team.getByText(`Shared through ${remoteUrl}.`)).toBeVisible({ timeout: 60_000 });
  await team.getByRole('button', { name: 'Close' }).click();
}

test('two annotators on two hosts share, join, annotate the same article, sync and see each other’s layer in compare', async ({ browser, scratchDir }) => {
  test.setTimeout(240_000);
  server = await startGitServer({ root: join(scratchDir, 'server'), token: TOKEN });
  await server.createBareRepo('dossier.git');
  const remoteUrl = server.url('dossier.git');

  // Ana shares her workspace (the sample articles) from the team dialog, by keyboard.
  const ana = await annotatorPage(browser, scratchDir, ANA, 'ana', 'samples');
  await openArticle(ana, HAMILTON);
  await ana.getByRole('banner').getByRole('button', { name: 'Team…' }).click();
  const anaTeam = ana.getByRole('dialog', { name: 'Team workspace' });
  await expect(anaTeam.getByText('Access token: taken from CORROBORATE_GIT_TOKEN.')).toBeVisible();
  await expect(anaTeam.getByText('To join a team’s workspace, open a new, empty workspace first')).toBeVisible();
  await shoot(ana, 'team-share-1280x800');
  expect(await violationsOf(ana, AXE_RULES), 'the team dialog before sharing').toEqual([]);
  await anaTeam.getByLabel('Address of an empty repository').fill(remoteUrl);
  await anaTeam.getByLabel('Address of an empty repository').press('Enter');
  await expect(anaTeam.getByText(`Shared through ${remoteUrl}.`)).toBeVisible({ timeout: 60_000 });
  await expect(anaTeam.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await anaTeam.getByText('How a new team member joins').click();
  await expect(anaTeam.getByRole('listitem').filter({ hasText: remoteUrl })).toBeVisible();
  await shoot(ana, 'team-shared-1280x800');
  expect(await anaTeam.evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth), 'nothing in the dialog runs past its edge').toBe(0);
  expect(await violationsOf(ana, AXE_RULES), 'the team dialog of a shared workspace').toEqual([]);
  await ana.setViewportSize({ width: 1920, height: 1080 });
  await shoot(ana, 'team-shared-1920x1080');
  await ana.setViewportSize({ width: 1280, height: 800 });
  await anaTeam.getByRole('button', { name: 'Close' }).click();
  await expect(anaTeam).toBeHidden();

  // Ana marks the apology as a quote. Her first sync hangs at the server (it stalls pushes): the
  // dialog shows the step, and Cancel leaves everything as it was; with the server well, it goes through.
  await labelWithMouse(ana, APOLOGY, '2');
  const port = server.port;
  await server.kill();
  server = await startGitServer({ root: join(scratchDir, 'server'), token: TOKEN, port, stallPush: 'before-receiving' });
  await ana.locator('body').press('Control+Shift+Y');
  await server.waitForLine((line) => line.startsWith('stalled'));
  await syncStatus(ana).click();
  await expect(anaTeam.getByRole('status')).toContainText('Syncing: pushing');
  await anaTeam.getByRole('button', { name: 'Cancel' }).click();
  await expect(anaTeam.getByRole('alert')).toHaveText('The sync was cancelled; the workspace is as it was before.', { timeout: 60_000 });
  await anaTeam.getByRole('button', { name: 'Close' }).click();
  await server.kill();
  server = await startGitServer({ root: join(scratchDir, 'server'), token: TOKEN, port });
  await syncByKeyboard(ana, /^Synced: your changes sent, nothing new from the team\.$/);

  // Bob starts with an empty workspace of his own and joins the team's from the dialog.
  const bob = await annotatorPage(browser, scratchDir, BOB, 'bob', 'empty');
  await joinFromDialog(bob, remoteUrl);
  await expect(bob.getByRole('navigation', { name: 'Articles' }).getByText(HAMILTON)).toBeVisible();

  // Bob marks the same apology (as a claim) and more of the same article, and syncs.
  await openArticle(bob, HAMILTON);
  await labelWithMouse(bob, APOLOGY, '1');
  await labelWithMouse(bob, ENCOURAGEMENT, '1');
  await syncByKeyboard(bob, /^Synced: your changes sent, nothing new from the team\.$/);

  // Ana brings Bob's work in with the button, and compares the layers: Bob's is there, with the disagreement marked.
  await ana.getByRole('banner').getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(syncStatus(ana)).toHaveAttribute('title', /^Synced: nothing of yours to send, \d+ files? from the team\.$/, { timeout: 60_000 });
  await ana.getByLabel('Layer', { exact: true }).selectOption({ label: 'Compare all layers' });
  const anaCompare = ana.getByRole('region', { name: 'Compare layers' });
  await expect(anaCompare.getByRole('list', { name: 'Annotators' })).toContainText('Ana López (you) — 1 annotation');
  await expect(anaCompare.getByRole('list', { name: 'Annotators' })).toContainText('Bob Stone — 2 annotations');
  await expect(anaCompare.getByRole('table').getByRole('row').filter({ hasText: APOLOGY })).toContainText('QuoteClaimDiffer');
  await shoot(ana, 'team-compare-after-sync-1280x800');

  // Ana marks the encouragement too, in her own layer, and sends it; Bob's sync brings it to his compare view.
  await ana.getByLabel('Layer', { exact: true }).selectOption({ label: 'My layer (editable)' });
  await labelWithMouse(ana, ENCOURAGEMENT, '1');
  await syncByKeyboard(ana, /^Synced: your changes sent, nothing new from the team\.$/);
  await bob.getByLabel('Layer', { exact: true }).selectOption({ label: 'Compare all layers' });
  const bobCompare = bob.getByRole('region', { name: 'Compare layers' });
  await expect(bobCompare.getByRole('list', { name: 'Annotators' })).toContainText('Ana López — 1 annotation');
  await syncByKeyboard(bob, /^Synced: nothing of yours to send, \d+ files? from the team\.$/);
  await bob.getByLabel('Layer', { exact: true }).selectOption({ label: 'Compare all layers' });
  await expect(bobCompare.getByRole('list', { name: 'Annotators' })).toContainText('Bob Stone (you) — 2 annotations');
  await expect(bobCompare.getByRole('list', { name: 'Annotators' })).toContainText('Ana López — 2 annotations');
  await expect(bobCompare.getByRole('table').getByRole('row').filter({ hasText: ENCOURAGEMENT })).toContainText('ClaimClaimAgree');
  await shoot(bob, 'team-compare-bob-1280x800');
  await bob.getByLabel('Layer', { exact: true }).selectOption({ label: 'My layer (editable)' });
  await expect(bob.locator('.article-text .annotation')).toHaveCount(2);

  // The server's history holds both, each under its author's name.
  const authors = (await git('git', ['--git-dir', join(scratchDir, 'server', 'dossier.git'), 'log', '--format=%an', 'main'])).stdout;
  expect(new Set(authors.split('\n').filter(Boolean))).toEqual(new Set([ANA.name, BOB.name]));
});

test('a label colour both changed is shown with both versions and settled by choice', async ({ browser, scratchDir }) => {
  test.setTimeout(240_000);
  server = await startGitServer({ root: join(scratchDir, 'server'), token: TOKEN });
  await server.createBareRepo('dossier.git');
  const remoteUrl = server.url('dossier.git');
  const ana = await annotatorPage(browser, scratchDir, ANA, 'ana', 'samples');
  await ana.getByRole('banner').getByRole('button', { name: 'Team…' }).click();
  const anaTeam = ana.getByRole('dialog', { name: 'Team workspace' });
  await anaTeam.getByLabel('Address of an empty repository').fill(remoteUrl);
  await anaTeam.getByRole('button', { name: 'Share' }).click();
  await expect(anaTeam.getByText(`Shared through ${remoteUrl}.`)).toBeVisible({ timeout: 60_000 });
  await anaTeam.getByRole('button', { name: 'Close' }).click();
  const bob = await annotatorPage(browser, scratchDir, BOB, 'bob', 'empty');
  await joinFromDialog(bob, remoteUrl);

  const recolourClaim = async (page: Page, colour: string) => {
    await page.getByRole('button', { name: 'Edit labels' }).click();
    const labels = page.getByRole('dialog', { name: 'Labels' });
    await labels.getByRole('group', { name: 'Claim' }).getByLabel('Colour').fill(colour);
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await expect(labels).toBeHidden();
    await expectAllSaved(page);
  };
  await recolourClaim(ana, '#aa0000');
  await recolourClaim(bob, '#0000aa');
  await syncByKeyboard(ana, /^Synced: your changes sent, nothing new from the team\.$/);

  // Bob's sync stops: nothing merged, the button asks him to settle.
  await bob.locator('body').press('Control+Shift+Y');
  await expect(syncStatus(bob)).toHaveText('1 conflict to settle', { timeout: 60_000 });
  await bob.getByRole('banner').getByRole('button', { name: 'Settle conflicts…' }).click();
  const settle = bob.getByRole('dialog', { name: 'Settle what you and the team changed differently' });
  const conflict = settle.getByRole('group', { name: /workspace\.json: .*claim.*colour/ });
  await expect(conflict.getByText('#0000aa')).toBeVisible();
  await expect(conflict.getByText('#aa0000')).toBeVisible();
  const keep = settle.getByRole('button', { name: /^Keep these and sync/ });
  await expect(keep).toBeDisabled();
  await shoot(bob, 'team-conflicts-1280x800');
  expect(await violationsOf(bob, AXE_RULES), 'the conflicts dialog').toEqual([]);
  await bob.setViewportSize({ width: 1920, height: 1080 });
  await shoot(bob, 'team-conflicts-1920x1080');
  await conflict.getByRole('radio', { name: 'Keep the team’s' }).check();
  await keep.click();
  await expect(syncStatus(bob)).toHaveText('Synced just now', { timeout: 60_000 });
  await expect(bob.locator('.label-legend .label-claim')).toHaveCSS('border-color', 'rgb(170, 0, 0)');
});
