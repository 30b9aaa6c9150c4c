import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model/label-schema.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { serverHead, TEAM_TOKEN, useTeamServer, withWorkbench, workspaceState } from '../../services/sync/sync.test-support.js';
import { runCliProcessWithEnv, type CliRun } from './cli.test-support.js';
import { runCli } from './run-cli.js';

// `corroborate share`, `join` and `sync` as a person runs them: child processes, the token and the
// annotator from the environment, against a real git server on the loopback interface.

const team = useTeamServer();
/** Each command is its own process, started through tsx as `npm run corroborate` starts it: a few seconds each on a busy machine. */
const CHILD_PROCESS_TESTS = { timeout: 180_000 };
const baseEnv = { ...process.env, CORROBORATE_GIT_TOKEN: TEAM_TOKEN, CORROBORATE_ANNOTATOR: 'Ann' };
const corroborate = (env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> => runCliProcessWithEnv(env, ...argv);

function setClaimColour(dir: string, colour: string): Promise<void> {
  return withWorkbench(dir, async ({ api, store }) => {
    const labels = structuredClone(store.workspace.labels) as Label[];
    labels.find((l) => l.id === 'claim')!.colour = colour;
    await api.saveLabels({ labels, deleteAnnotationsOfRemovedLabels: false });
  });
}

async function sharedAndJoined(): Promise<{ a: string; b: string }> {
  const a = join(team().root, 'ann');
  const b = join(team().root, 'bob');
  const workbench = await openWorkbench({ workspaceDir: a });
  await workbench.service.addSampleArticles();
  await workbench.close();
  const shared = await corroborate(baseEnv, 'share', '--workspace', a, '--remote', team().remoteUrl, '--email', 'ann@example.org');
  expect(shared).toMatchObject({ code: 0, stderr: '' });
  expect(shared.stdout).toMatch(new RegExp(`^Shared ${a} with ${team().remoteUrl} \\(commit [0-9a-f]{7}\\): the team joins it with`));
  const joined = await corroborate(baseEnv, 'join', '--remote', team().remoteUrl, '--workspace', b);
  expect(joined).toMatchObject({ code: 0, stderr: '' });
  expect(joined.stdout).toContain(`Joined ${team().remoteUrl} into ${b}`);
  return { a, b };
}

describe('corroborate share, join and sync', () => {
  it('share, join, then sync both ways; a conflict exits 1 listing it, --keep settles it', CHILD_PROCESS_TESTS, async () => {
    const { a, b } = await sharedAndJoined();
    const bobEnv = { ...baseEnv, CORROBORATE_ANNOTATOR: 'Bob' };
    await setClaimColour(a, '#111111');
    await setClaimColour(b, '#222222');
    expect(await corroborate(baseEnv, 'sync', '--workspace', a)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Synced .*: your changes are on the server; nothing new came in/) });
    const before = await workspaceState(b);
    const stopped = await corroborate(bobEnv, 'sync', '--workspace', b);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('  workspace.json labels[id=claim].colour: base "#f59e0b", mine "#222222", theirs "#111111"\n');
    expect(stopped.stderr.trim().split('\n').at(-1)).toBe(
      `The sync stopped at 1 conflict (listed above), before merging or sending anything: run \`corroborate sync --workspace ${b} --keep mine\` or \`--keep theirs\` to settle it.`,
    );
    expect(await workspaceState(b)).toEqual(before);
    expect(await corroborate(bobEnv, 'sync', '--workspace', b, '--keep', 'theirs')).toMatchObject({ code: 0, stdout: expect.stringContaining('1 file came in from the team') });
    expect(await corroborate(baseEnv, 'sync', '--workspace', a)).toMatchObject({ code: 0 });
    const colourOf = (dir: string) => withWorkbench(dir, async ({ store }) => store.workspace.labels.find((l) => l.id === 'claim')!.colour);
    expect(await colourOf(a)).toBe('#111111');
    expect(await colourOf(b)).toBe('#111111');
  });

  it('exits 1 with one sentence for a wrong or missing token, an unreachable server, a refused push, a workspace open elsewhere', CHILD_PROCESS_TESTS, async () => {
    const { b } = await sharedAndJoined();
    await setClaimColour(b, '#333333');
    const host = new URL(team().remoteUrl).host;
    const oneSentence = async (env: NodeJS.ProcessEnv, expected: string | RegExp) => {
      const before = await workspaceState(b);
      const run = await corroborate(env, 'sync', '--workspace', b);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(expected);
      expect(await workspaceState(b)).toEqual(before);
    };
    await oneSentence(
      { ...baseEnv, CORROBORATE_GIT_TOKEN: 'wrong' },
      `The git server at ${host} refused the token in CORROBORATE_GIT_TOKEN: check that it is right and that it may read and write this repository.`,
    );
    await oneSentence({ ...baseEnv, CORROBORATE_GIT_TOKEN: '' }, `The git server at ${host} asks for a token, and CORROBORATE_GIT_TOKEN is not set.`);

    // The server refuses every push (a protected branch): a hook in the bare repository says no.
    const hook = join(team().bareRepo, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const head = await serverHead(team());
    await oneSentence(baseEnv, new RegExp(`^The git server at ${host} refused the push \\(refs/heads/main: pre-receive hook declined\\); nothing was changed here\\.$`));
    expect(await serverHead(team())).toBe(head);

    await withWorkbench(b, () => oneSentence(baseEnv, /^This workspace is open elsewhere \(cli, pid \d+, since .+\): close it there first, so that no edit is made while the files are synced\.$/));

    await team().server.stop();
    await oneSentence(baseEnv, new RegExp(`^The git server at ${host} cannot be reached or broke off the connection \\(ECONNREFUSED\\); nothing was changed, try again when it is back\\.$`));
  });

  it('refuses wrong usage with exit code 2, and a folder that is not a team workspace with 1', async () => {
    const run = async (env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    };
    const noAnnotator = { ...baseEnv, CORROBORATE_ANNOTATOR: '' };
    expect(await run(noAnnotator, 'sync', '--workspace', team().root)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('sync needs --annotator NAME or CORROBORATE_ANNOTATOR: the name your changes are committed under.'),
    });
    expect(await run(baseEnv, 'share', '--workspace', team().root)).toMatchObject({ code: 2, stderr: expect.stringContaining('share needs --remote URL') });
    expect(await run(baseEnv, 'join', '--remote', team().remoteUrl)).toMatchObject({ code: 2, stderr: expect.stringContaining('join needs --workspace DIR') });
    expect(await run(baseEnv, 'sync', '--workspace', team().root, '--keep', 'both')).toMatchObject({ code: 2, stderr: expect.stringContaining('--keep takes mine or theirs.') });
    const alone = join(team().root, 'alone');
    await (await openWorkbench({ workspaceDir: alone })).close();
    expect(await run(baseEnv, 'sync', '--workspace', alone)).toMatchObject({
      code: 1,
      stderr: `${alone} is not a team workspace yet: share it first, or join the team's workspace into a new folder.\n`,
    });
    expect(await run(baseEnv, 'sync', '--workspace', join(team().root, 'server'))).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a Corroborate workspace') });
  });
});
