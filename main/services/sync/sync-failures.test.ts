import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinWorkspace } from './join-workspace.js';
import { SyncError, type SyncFailure } from './sync-error.js';
import { MAX_PUSH_ATTEMPTS, syncWorkspace, type SyncOptions } from './sync-workspace.js';
import { fsckProblems, runGit, serverHead, shareSampleWorkspace, TEAM_TOKEN, useTeamServer, withWorkbench, workspaceState } from './sync.test-support.js';

// Every way a sync fails, for real: a wrong token, a server that is gone, pushes refused again and
// again, a cancellation, the server killed (SIGKILL) in the middle of a push, a workspace open
// elsewhere. Each must leave the working copy exactly as it was: files, branches and index.

const team = useTeamServer();
const ann = { name: 'Ann' };
const bob = { name: 'Bob' };

async function twoAnnotatorsWithEdits(): Promise<{ a: string; b: string }> {
  const a = join(team().root, 'ann');
  const b = join(team().root, 'bob');
  await shareSampleWorkspace(team(), a, 'Ann');
  await joinWorkspace({ remoteUrl: team().remoteUrl, dir: b, token: TEAM_TOKEN });
  await annotateFirst(a, 0);
  await annotateFirst(b, 1);
  await syncWorkspace({ dir: a, token: TEAM_TOKEN, author: ann });
  return { a, b };
}

function annotateFirst(dir: string, index: number, start = 0): Promise<string> {
  return withWorkbench(dir, async ({ api }) => {
    const documents = await api.listDocuments();
    return (await api.createAnnotation({ documentId: documents[index]!.id, labelId: 'claim', ranges: [{ start, end: start + 8 }] })).id;
  });
}

/** Runs a sync expected to fail with `failure`; checks the working copy and the server are as they were; resolves to the message. */
async function expectFailureLeavingAllAsItWas(dir: string, failure: SyncFailure, options: Partial<SyncOptions> = {}, serverMovesOn = false): Promise<string> {
  const before = await workspaceState(dir);
  const serverBefore = await serverHead(team());
  const error = await syncWorkspace({ dir, token: TEAM_TOKEN, author: bob, ...options }).then(
    (outcome) => new Error(`the sync did not fail: ${JSON.stringify(outcome)}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SyncError);
  expect((error as SyncError).failure).toBe(failure);
  expect(await workspaceState(dir)).toEqual(before);
  if (failure !== 'unreachable' && !serverMovesOn) expect(await serverHead(team())).toBe(serverBefore);
  return (error as SyncError).message;
}

describe('a sync that fails leaves the workspace as it was', () => {
  it('with a wrong token, or none: one clear sentence, nothing committed', async () => {
    const { b } = await twoAnnotatorsWithEdits();
    expect(await expectFailureLeavingAllAsItWas(b, 'wrong-token', { token: 'not-the-token' })).toBe(
      `The git server at ${new URL(team().remoteUrl).host} refused the token: check that it is right and that it may read and write this repository.`,
    );
    expect(await expectFailureLeavingAllAsItWas(b, 'no-token', { token: undefined })).toMatch(/asks for a token, and none was given\.$/);
    expect(await syncWorkspace({ dir: b, token: TEAM_TOKEN, author: bob })).toMatchObject({ status: 'synced', pushed: true });
  });

  it('when the server cannot be reached', async () => {
    const { b } = await twoAnnotatorsWithEdits();
    const serverBefore = await serverHead(team());
    await team().server.stop();
    expect(await expectFailureLeavingAllAsItWas(b, 'unreachable')).toMatch(/cannot be reached or broke off the connection \(ECONNREFUSED\); nothing was changed/);
    expect((await runGit(['--git-dir', team().bareRepo, 'rev-parse', 'main'])).stdout.trim()).toBe(serverBefore);
  });

  it('when it is cancelled, at any step', async () => {
    const { b } = await twoAnnotatorsWithEdits();
    for (const step of ['fetching', 'merging', 'pushing'] as const) {
      const controller = new AbortController();
      const message = await expectFailureLeavingAllAsItWas(b, 'cancelled', {
        signal: controller.signal,
        onProgress: ({ phase }) => {
          if (phase === step) controller.abort();
        },
      });
      expect(message).toBe('The sync was cancelled; the workspace is as it was before.');
    }
  });

  it(`when others keep pushing first, after ${MAX_PUSH_ATTEMPTS} tries`, async () => {
    const { a, b } = await twoAnnotatorsWithEdits();
    let pushes = 0;
    const message = await expectFailureLeavingAllAsItWas(
      b,
      'push-rejected',
      {
        onProgress: async ({ phase }) => {
          if (phase !== 'pushing') return;
          pushes += 1; // Ann pushes between each of Bob's fetches and his push
          await annotateFirst(a, 2, pushes * 10);
          await syncWorkspace({ dir: a, token: TEAM_TOKEN, author: ann });
        },
      },
      true,
    );
    expect(pushes).toBe(MAX_PUSH_ATTEMPTS);
    expect(message).toMatch(new RegExp(`refused the push ${MAX_PUSH_ATTEMPTS} times because others kept pushing first; nothing was changed here`));
  });

  it('when the workspace is open elsewhere', async () => {
    const { b } = await twoAnnotatorsWithEdits();
    await withWorkbench(b, async () => {
      const error = await syncWorkspace({ dir: b, token: TEAM_TOKEN, author: bob }).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ failure: 'workspace-locked', message: expect.stringMatching(/^This workspace is open elsewhere \(cli, pid \d+, since .+\): close it there first/) });
    });
  });
});

describe('the server killed (SIGKILL) in the middle of a push', () => {
  for (const stall of ['before-receiving', 'before-answering'] as const) {
    it(`${stall === 'before-receiving' ? 'before it took the push' : 'after it took the push, before answering'}: the sync fails cleanly, a retry succeeds, git fsck is clean`, async () => {
      const { a, b } = await twoAnnotatorsWithEdits();
      const bobsAnnotation = await annotateFirst(b, 3);
      await team().restart({ stallPush: stall });
      const before = await workspaceState(b);
      const syncing = syncWorkspace({ dir: b, token: TEAM_TOKEN, author: bob }).catch((thrown: unknown) => thrown);
      await team().server.waitForLine((line) => line.startsWith('stalled /team.git/git-receive-pack') && (stall === 'before-receiving' || line.includes('git exited')));
      await team().restart(); // kill -9 of the server and its git, then the server back without stalling
      const error = await syncing;
      expect(error).toMatchObject({ failure: 'unreachable' });
      expect(await workspaceState(b)).toEqual(before);

      expect(await syncWorkspace({ dir: b, token: TEAM_TOKEN, author: bob })).toMatchObject({ status: 'synced' });
      expect(await syncWorkspace({ dir: a, token: TEAM_TOKEN, author: ann })).toMatchObject({ status: 'synced' });
      const annotationsOf = (dir: string) =>
        withWorkbench(dir, async ({ api, store }) => (await Promise.all((await api.listDocuments()).map((d) => store.readAnnotations(d.id)))).flat().map((x) => x.id).sort());
      expect(await annotationsOf(a)).toContain(bobsAnnotation);
      expect(await annotationsOf(b)).toEqual(await annotationsOf(a));
      for (const gitDir of [team().bareRepo, join(a, '.git'), join(b, '.git')]) expect(await fsckProblems(gitDir)).toBe('');
    });
  }
});

/** Every file under `folder` whose bytes contain `text`. */
async function filesHolding(folder: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(text)) found.push(path);
  }
  return found;
}

describe('the token', () => {
  it('is never written into a repository, its config or its history', async () => {
    const { a, b } = await twoAnnotatorsWithEdits();
    await syncWorkspace({ dir: b, token: TEAM_TOKEN, author: bob });
    await syncWorkspace({ dir: b, token: 'a-wrong-token-to-remember', author: bob }).catch(() => undefined);
    for (const repository of [join(a, '.git'), join(b, '.git'), team().bareRepo]) {
      expect(await filesHolding(repository, TEAM_TOKEN)).toEqual([]);
      expect(await filesHolding(repository, 'a-wrong-token-to-remember')).toEqual([]);
      const history = await runGit(['--git-dir', repository, 'log', '--all', '-p', '--format=%an %ae %s']);
      expect(history.stdout).not.toContain(TEAM_TOKEN);
      expect(history.stdout).not.toContain('a-wrong-token-to-remember');
    }
    expect(await readFile(join(b, '.git', 'config'), 'utf8')).toContain(`url = ${team().remoteUrl}\n`);
  });
});
