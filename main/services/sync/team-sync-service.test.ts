import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamSyncStatus } from '../../../shared/api/contract/index.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { environmentCredentials, savedCredentials, type SecretCipher } from './git-credentials.js';
import { TeamSync } from './team-sync-service.js';
import { shareWorkspace } from './share-workspace.js';
import { runGit, TEAM_TOKEN, useTeamServer } from './sync.test-support.js';
import { takeOverForSharing } from '../team/take-over-for-sharing.js';

// The app's team sync, as the renderer drives it: each annotator's workspace stays open (its lock
// held, as in the app) while it shares, joins and syncs through a real git server.

const team = useTeamServer();
const open: OpenWorkbench[] = [];
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.close();
});

/** Opens an annotator's workspace the way the app does, with the team's token in the environment. */
async function openAs(name: string, folder: string, token = TEAM_TOKEN): Promise<OpenWorkbench> {
  const env = { CORROBORATE_APP_DATA: join(team().root, `${folder}-app-data`) };
  const workbench = await openWorkbench({
    workspaceDir: join(team().root, folder),
    env,
    holder: 'desktop app',
    annotator: name,
    email: `${name.toLowerCase()}@example.org`,
    gitCredentials: environmentCredentials({ CORROBORATE_GIT_TOKEN: token }),
  });
  open.push(workbench);
  return workbench;
}

/** Waits until no team operation runs; resolves to the status then. */
async function settled(workbench: OpenWorkbench): Promise<TeamSyncStatus> {
  for (;;) {
    const status = await workbench.api.getTeamSyncStatus();
    if (status.activity === null) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a sync and waits for it to end. */
async function syncNow(workbench: OpenWorkbench): Promise<TeamSyncStatus> {
  await workbench.api.startSync();
  return settled(workbench);
}

/** Ann shares the sample articles from her open workspace; Bob joins into his new, empty one. */
async function annAndBob(): Promise<{ ann: OpenWorkbench; bob: OpenWorkbench }> {
  const ann = await openAs('Ann', 'ann');
  await ann.api.addSampleArticles();
  await ann.api.shareWorkspace({ remoteUrl: team().remoteUrl });
  expect(await settled(ann)).toMatchObject({ remoteUrl: team().remoteUrl, last: { operation: 'share', kind: 'done' } });
  const bob = await openAs('Bob', 'bob');
  expect((await bob.api.getTeamSyncStatus()).canJoin).toBe(true);
  await bob.api.joinTeamWorkspace({ remoteUrl: team().remoteUrl });
  const joined = await settled(bob);
  expect(joined).toMatchObject({ remoteUrl: team().remoteUrl, canJoin: false, filesRevision: 1, last: { operation: 'join', kind: 'done' } });
  // Each is named to the team before annotating anything: Bob's first sync makes him known (and assignable) to Ann.
  await syncNow(bob);
  await syncNow(ann);
  expect((await ann.api.listAnnotators()).map((a) => a.name)).toEqual(expect.arrayContaining(['Ann', 'Bob']));
  return { ann, bob };
}

describe('team sync in the open app', () => {
  it('shares, joins into an empty workspace, and syncs both ways while both stay open; each sees the other’s layer', { timeout: 120_000 }, async () => {
    const { ann, bob } = await annAndBob();
    const documents = await bob.api.listDocuments();
    expect(documents.map((d) => d.title)).toEqual((await ann.api.listDocuments()).map((d) => d.title));
    const [first, second] = documents;

    const annsClaim = await ann.api.createAnnotation({ documentId: first!.id, labelId: 'claim', ranges: [{ start: 0, end: 12 }] });
    const bobsQuote = await bob.api.createAnnotation({ documentId: first!.id, labelId: 'quote', ranges: [{ start: 20, end: 40 }] });
    const bobsFact = await bob.api.createAnnotation({ documentId: second!.id, labelId: 'fact', ranges: [{ start: 5, end: 9 }] });

    expect((await syncNow(ann)).last).toMatchObject({ kind: 'done', message: expect.stringContaining('your changes sent') });
    const bobSynced = await syncNow(bob);
    expect(bobSynced.last).toMatchObject({ kind: 'done', received: expect.any(Number) });
    expect(bobSynced.last!.received).toBeGreaterThan(0);
    expect(bobSynced.filesRevision).toBeGreaterThan(1);
    expect((await syncNow(ann)).last!.received).toBeGreaterThan(0);

    const layersAtAnn = await ann.api.listLayers({ documentId: first!.id });
    const layersAtBob = await bob.api.listLayers({ documentId: first!.id });
    for (const layers of [layersAtAnn, layersAtBob]) {
      expect(layers.map((l) => [l.annotator.name, l.annotations.map((a) => a.id)])).toEqual(
        expect.arrayContaining([
          ['Ann', [annsClaim.id]],
          ['Bob', [bobsQuote.id]],
        ]),
      );
    }
    expect((await ann.api.listLayers({ documentId: second!.id })).find((l) => l.annotator.name === 'Bob')!.annotations.map((a) => a.id)).toEqual([bobsFact.id]);
    // Mine stays mine: the other's layer is read-only on each side.
    expect(layersAtAnn.find((l) => l.annotator.name === 'Bob')!.editable).toBe(false);

    // An edit asked for while a sync runs waits for it, is saved, and goes with the next sync.
    await bob.api.startSync();
    const during = await bob.api.createAnnotation({ documentId: second!.id, labelId: 'claim', ranges: [{ start: 30, end: 35 }] });
    await settled(bob);
    expect((await bob.api.openDocument({ documentId: second!.id })).annotations.map((a) => a.id)).toContain(during.id);
    await syncNow(bob);
    await syncNow(ann);
    expect((await ann.api.listLayers({ documentId: second!.id })).find((l) => l.annotator.name === 'Bob')!.annotations.map((a) => a.id)).toContain(during.id);

    // The history names each annotator as the author of their own work.
    const authors = (await runGit(['log', '--format=%an', 'main'], { cwd: join(team().root, 'ann') })).stdout.split('\n').filter(Boolean);
    expect(new Set(authors)).toEqual(new Set(['Ann', 'Bob']));
  });

  it('stops at a label colour both changed, shows both versions, and syncs with the one chosen', { timeout: 120_000 }, async () => {
    const { ann, bob } = await annAndBob();
    const recolour = async (workbench: OpenWorkbench, colour: string) => {
      const labels = structuredClone(workbench.store.workspace.labels) as Label[];
      labels.find((l) => l.id === 'claim')!.colour = colour;
      await workbench.api.saveLabels({ labels, deleteAnnotationsOfRemovedLabels: false });
    };
    await recolour(ann, '#aa0000');
    await recolour(bob, '#0000aa');
    expect((await syncNow(ann)).last!.kind).toBe('done');
    const stopped = await syncNow(bob);
    expect(stopped.last).toMatchObject({ kind: 'conflicts', message: expect.stringContaining('choose which to keep') });
    expect(stopped.conflicts).toEqual([
      expect.objectContaining({ kind: 'field', file: 'workspace.json', where: expect.stringContaining('claim'), ours: '#0000aa', theirs: '#aa0000' }),
    ]);
    // Nothing merged meanwhile: Bob still has his colour, and can keep editing.
    expect(bob.store.workspace.labels.find((l) => l.id === 'claim')!.colour).toBe('#0000aa');

    await bob.api.resolveSyncConflicts({ choices: { [stopped.conflicts[0]!.id]: 'theirs' } });
    const resolved = await settled(bob);
    expect(resolved).toMatchObject({ conflicts: [], last: { kind: 'done' } });
    expect(bob.store.workspace.labels.find((l) => l.id === 'claim')!.colour).toBe('#aa0000');
    expect((await bob.api.getWorkspace()).labels.find((l) => l.id === 'claim')!.colour).toBe('#aa0000');
  });

  it('says offline when the server cannot be reached, keeps working, and catches up later; a wrong token fails with one sentence', { timeout: 120_000 }, async () => {
    const { ann } = await annAndBob();
    await team().server.kill();
    const document = (await ann.api.listDocuments())[0]!;
    const offline = await syncNow(ann);
    expect(offline).toMatchObject({ offline: true, last: { kind: 'failed', failure: 'unreachable' } });
    const made = await ann.api.createAnnotation({ documentId: document.id, labelId: 'claim', ranges: [{ start: 1, end: 4 }] });
    await team().restart();
    const back = await syncNow(ann);
    expect(back).toMatchObject({ offline: false, last: { kind: 'done' } });
    const onServer = (await runGit(['--git-dir', team().bareRepo, 'grep', made.id, 'main'])).stdout;
    expect(onServer).toContain(made.id);

    const wrong = await openAs('Cy', 'cy', 'not-the-token');
    await wrong.api.joinTeamWorkspace({ remoteUrl: team().remoteUrl });
    const refused = await settled(wrong);
    expect(refused).toMatchObject({ remoteUrl: null, canJoin: true, last: { kind: 'failed', failure: 'wrong-token' } });
    expect(refused.last!.message).toMatch(/refused the token in CORROBORATE_GIT_TOKEN/);
    expect(await wrong.api.listDocuments()).toEqual([]);
  });

  it('syncs by itself every so many minutes once turned on, bringing the team’s work in', { timeout: 120_000 }, async () => {
    const { ann, bob } = await annAndBob();
    const document = (await ann.api.listDocuments())[0]!;
    const made = await ann.api.createAnnotation({ documentId: document.id, labelId: 'fact', ranges: [{ start: 2, end: 6 }] });
    await syncNow(ann);
    // Bob's own service with a minute of 50 ms: the timer is the app's, only shorter.
    const fast = new TeamSync(bob.store, environmentCredentials({ CORROBORATE_GIT_TOKEN: TEAM_TOKEN }), () => new Date(), { autoSync: true, minuteMs: 50 });
    try {
      await fast.api().setAutoSync({ minutes: 1 });
      let status = await fast.status();
      while (status.last?.operation !== 'sync') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = await fast.status();
      }
      expect(status.last).toMatchObject({ kind: 'done', message: expect.stringContaining('from the team') });
      expect((await bob.api.listLayers({ documentId: document.id })).find((l) => l.annotator.name === 'Ann')!.annotations.map((a) => a.id)).toContain(made.id);
    } finally {
      await fast.stop();
    }
  });

  it('refuses what cannot be done, and keeps automatic syncing on this machine only', { timeout: 120_000 }, async () => {
    const nobody = await openWorkbench({ workspaceDir: join(team().root, 'nobody'), env: { CORROBORATE_APP_DATA: join(team().root, 'nobody-app-data') }, holder: 'desktop app' });
    open.push(nobody);
    await expect(nobody.api.shareWorkspace({ remoteUrl: team().remoteUrl })).rejects.toThrow(/Say who you are first/);
    await expect(nobody.api.setAutoSync({ minutes: 5 })).rejects.toThrow(/for a team workspace/);

    const { ann } = await annAndBob();
    expect((await ann.api.getTeamSyncStatus()).canJoin).toBe(false);
    await expect(ann.api.joinTeamWorkspace({ remoteUrl: team().remoteUrl })).resolves.toBeDefined();
    expect((await settled(ann)).last).toMatchObject({ operation: 'join', kind: 'failed', message: expect.stringContaining('Only an empty workspace') });
    await expect(ann.api.saveGitToken({ remoteUrl: team().remoteUrl, token: 'x' })).rejects.toThrow(/CORROBORATE_GIT_TOKEN/);

    expect((await ann.api.setAutoSync({ minutes: 5 })).autoSyncMinutes).toBe(5);
    const status = await runGit(['status', '--porcelain'], { cwd: join(team().root, 'ann') });
    expect(status.stdout).toBe('');
    const reopened = join(team().root, 'ann');
    await ann.close();
    open.splice(open.indexOf(ann), 1);
    const again = await openWorkbench({ workspaceDir: reopened, env: { CORROBORATE_APP_DATA: join(team().root, 'ann-app-data') }, holder: 'desktop app', annotator: 'Ann' });
    open.push(again);
    expect((await again.api.getTeamSyncStatus()).autoSyncMinutes).toBe(5);
  });
});

/** A stand-in for the system keychain: AES-256-GCM with a key of this test's. */
function testKeychain(available = true): SecretCipher {
  const key = randomBytes(32);
  return {
    isAvailable: () => available,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt(sealed) {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('whose the work of a shared workspace is', () => {
  it('is the sharer’s when shared from the command line, and nobody takes over the owner’s layer of a team workspace', { timeout: 120_000 }, async () => {
    const dir = join(team().root, 'solo');
    const env = { CORROBORATE_APP_DATA: join(team().root, 'solo-app-data') };
    const solo = await openWorkbench({ workspaceDir: dir, env, holder: 'cli' });
    await solo.api.addSampleArticles();
    const document = (await solo.api.listDocuments())[0]!;
    const made = await solo.api.createAnnotation({ documentId: document.id, labelId: 'claim', ranges: [{ start: 0, end: 8 }] });
    await solo.close();
    expect(await readdir(join(dir, 'annotations', document.id))).toEqual(['owner.json']);

    expect(await takeOverForSharing(dir, { name: 'Ann', email: 'ann@example.org' })).toBe(1);
    await shareWorkspace({ dir, remoteUrl: team().remoteUrl, token: TEAM_TOKEN, author: { name: 'Ann', email: 'ann@example.org' } });
    const ann = annotatorIdOf({ name: 'Ann', email: 'ann@example.org' });
    const shared = (await runGit(['--git-dir', team().bareRepo, 'ls-tree', '-r', '--name-only', 'main'])).stdout;
    expect(shared).toContain(`annotations/${document.id}/${ann}.json`);
    expect(shared).not.toContain('owner.json');

    // A teammate who worked as nobody in a team workspace, then says who they are, keeps the owner's layer apart.
    const cy = await openAs('Cy', 'cy');
    await cy.api.joinTeamWorkspace({ remoteUrl: team().remoteUrl });
    await settled(cy);
    await cy.close();
    open.splice(open.indexOf(cy), 1);
    const cyEnv = { CORROBORATE_APP_DATA: join(team().root, 'cy-nobody-app-data') };
    const nobody = await openWorkbench({ workspaceDir: join(team().root, 'cy'), env: cyEnv, holder: 'desktop app' });
    open.push(nobody);
    await writeFile(join(team().root, 'cy', 'links', 'owner.json'), JSON.stringify({ schemaVersion: 2, annotator: { id: 'owner', name: 'Owner', email: '' }, links: [], clusterNames: [] }));
    await nobody.api.setMyIdentity({ name: 'Cy', email: 'cy@example.org' });
    expect(await readdir(join(team().root, 'cy', 'links'))).toContain('owner.json');
    expect((await nobody.api.listLayers({ documentId: document.id })).find((l) => l.annotator.name === 'Ann')!.annotations.map((a) => a.id)).toEqual([made.id]);
  });
});

describe('the desktop app’s saved tokens', () => {
  it('keeps one token per server encrypted, readable only by the user; the environment variable wins', async () => {
    const file = join(team().root, 'settings', 'git-tokens.json');
    const credentials = savedCredentials(file, testKeychain(), {});
    expect(await credentials.status(team().remoteUrl)).toEqual({ source: 'none', canSave: true, variable: 'CORROBORATE_GIT_TOKEN' });
    await credentials.save(`${team().remoteUrl}/`, TEAM_TOKEN);
    expect(await credentials.token(team().remoteUrl)).toBe(TEAM_TOKEN);
    expect((await credentials.status(team().remoteUrl)).source).toBe('saved');
    expect(await readFile(file, 'utf8')).not.toContain(TEAM_TOKEN);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const withVariable = savedCredentials(file, testKeychain(), { CORROBORATE_GIT_TOKEN: 'from-env' });
    expect(await withVariable.token(team().remoteUrl)).toBe('from-env');
    // Sealed by another keychain: not readable, so asked for again rather than sent wrong.
    expect(await withVariable.status(team().remoteUrl)).toMatchObject({ source: 'environment' });
    const otherKeychain = savedCredentials(file, testKeychain(), {});
    expect(await otherKeychain.token(team().remoteUrl)).toBeUndefined();
    // A token this keychain cannot open is not "saved" here: the app asks for one again.
    expect((await otherKeychain.status(team().remoteUrl)).source).toBe('none');

    // A damaged file loses only the saved tokens, and saving one again mends it.
    await writeFile(file, '{"version": 1, "tokens": {"http://x": "AAAA');
    const afterDamage = savedCredentials(file, testKeychain(), {});
    expect(await afterDamage.token(team().remoteUrl)).toBeUndefined();
    await afterDamage.save(team().remoteUrl, TEAM_TOKEN);
    expect(await afterDamage.token(team().remoteUrl)).toBe(TEAM_TOKEN);

    await credentials.save(team().remoteUrl, null);
    expect(await credentials.token(team().remoteUrl)).toBeUndefined();
    await expect(savedCredentials(file, testKeychain(false), {}).save(team().remoteUrl, 'x')).rejects.toThrow(/no keychain/);
  });
});
