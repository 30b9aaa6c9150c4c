import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbench } from '../open-workbench.js';
import { joinWorkspace } from './join-workspace.js';
import { shareWorkspace } from './share-workspace.js';
import { runGit, serverHead, shareSampleWorkspace, TEAM_TOKEN, useTeamServer, workspaceState } from './sync.test-support.js';

// Sharing and joining against a real git server, and every way they are refused or fail: the
// folder is left as it was each time.

const team = useTeamServer();
const ann = { name: 'Ann' };

async function sampleWorkspace(dir: string): Promise<void> {
  const workbench = await openWorkbench({ workspaceDir: dir });
  await workbench.service.addSampleArticles();
  await workbench.close();
}

/** The names in a folder, and each file's content hash, .git included: everything a failed share must not change. */
async function folderState(dir: string) {
  const { files } = await workspaceState(dir).catch(() => ({ files: null }));
  return { names: (await readdir(dir)).sort(), files };
}

describe('sharing a workspace', () => {
  it('makes it a repository that ignores this machine’s files, commits everything, and pushes it as main', async () => {
    const dir = join(team().root, 'ann');
    await sampleWorkspace(dir);
    const outcome = await shareWorkspace({ dir, remoteUrl: team().remoteUrl, token: TEAM_TOKEN, author: { name: 'Ann', email: 'ann@example.org' } });
    expect(outcome.createdRepository).toBe(true);
    expect(await serverHead(team())).toBe(outcome.head);
    const shared = (await runGit(['--git-dir', team().bareRepo, 'ls-tree', '-r', '--name-only', 'main'])).stdout.split('\n').filter(Boolean);
    expect(shared).toContain('workspace.json');
    expect(shared).toContain('.gitignore');
    expect(shared.filter((f) => f.startsWith('documents/'))).toHaveLength(5);
    expect(shared.filter((f) => f.startsWith('annotations/'))).toHaveLength(5);
    expect(shared.some((f) => f.startsWith('.backups/') || f.startsWith('workspace.lock'))).toBe(false);
    expect((await runGit(['status', '--porcelain', '--ignored'], { cwd: dir })).stdout).toMatch(/^!! \.backups\/$/m);
    expect((await runGit(['log', '-1', '--format=%an <%ae>'], { cwd: dir })).stdout.trim()).toBe('Ann <ann@example.org>');
  });

  it('is refused or fails without changing the folder: wrong token, server gone, a remote that already holds a workspace, not a workspace', async () => {
    const dir = join(team().root, 'ann');
    await sampleWorkspace(dir);
    const before = await folderState(dir);
    await expect(shareWorkspace({ dir, remoteUrl: team().remoteUrl, token: 'wrong', author: ann })).rejects.toMatchObject({ failure: 'wrong-token' });
    expect(await folderState(dir)).toEqual(before);
    await expect(shareWorkspace({ dir, remoteUrl: `http://user:${TEAM_TOKEN}@127.0.0.1:1/team.git`, token: TEAM_TOKEN, author: ann })).rejects.toThrow(
      'The remote address carries credentials',
    );

    const other = join(team().root, 'other');
    await shareSampleWorkspace(team(), other, 'Olga');
    await expect(shareWorkspace({ dir, remoteUrl: team().remoteUrl, token: TEAM_TOKEN, author: ann })).rejects.toThrow(
      `The repository at ${team().remoteUrl} already holds a workspace: join it into a new folder instead of sharing this one.`,
    );
    expect(await folderState(dir)).toEqual(before);

    await team().server.stop();
    await expect(shareWorkspace({ dir, remoteUrl: team().remoteUrl, token: TEAM_TOKEN, author: ann })).rejects.toMatchObject({ failure: 'unreachable' });
    expect(await folderState(dir)).toEqual(before);

    const notAWorkspace = join(team().root, 'papers');
    await mkdir(notAWorkspace);
    await writeFile(join(notAWorkspace, 'draft.txt'), 'draft');
    await expect(shareWorkspace({ dir: notAWorkspace, remoteUrl: team().remoteUrl, token: TEAM_TOKEN, author: ann })).rejects.toMatchObject({ failure: 'bad-folder' });
  });
});

describe('joining a team workspace', () => {
  it('is refused or fails leaving the folder as it was: not empty, wrong token, an empty repository, no repository', async () => {
    const notEmpty = join(team().root, 'full');
    await mkdir(notEmpty);
    await writeFile(join(notEmpty, 'keep.txt'), 'mine');
    await expect(joinWorkspace({ remoteUrl: team().remoteUrl, dir: notEmpty, token: TEAM_TOKEN })).rejects.toThrow(`${notEmpty} is not empty: join a team workspace into a new or empty folder.`);
    expect(await readdir(notEmpty)).toEqual(['keep.txt']);

    const fresh = join(team().root, 'fresh');
    await expect(joinWorkspace({ remoteUrl: team().remoteUrl, dir: fresh, token: TEAM_TOKEN })).rejects.toMatchObject({
      failure: 'no-repository',
      message: `The repository at ${team().remoteUrl} has no workspace yet (no main branch): share one into it first.`,
    });
    expect(await readdir(team().root)).not.toContain('fresh');

    await shareSampleWorkspace(team(), join(team().root, 'ann'), 'Ann');
    const empty = join(team().root, 'empty');
    await mkdir(empty);
    await expect(joinWorkspace({ remoteUrl: team().remoteUrl, dir: empty, token: 'wrong' })).rejects.toMatchObject({ failure: 'wrong-token' });
    expect(await readdir(empty)).toEqual([]);
    await expect(joinWorkspace({ remoteUrl: team().server.url('missing.git'), dir: fresh, token: TEAM_TOKEN })).rejects.toMatchObject({ failure: 'no-repository' });
    expect(await readdir(team().root)).not.toContain('fresh');
    await expect(joinWorkspace({ remoteUrl: team().remoteUrl, dir: empty, token: TEAM_TOKEN })).resolves.toMatchObject({ head: await serverHead(team()) });
  });
});
