import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, type TestContext } from 'vitest';
import { gitServerUnavailableReason, startGitServer, type GitServerProcess, type PushStall } from '../../../tools/git-server/git-server-process.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { shareWorkspace } from './share-workspace.js';

// Shared by the sync tests: a real git server on the loopback interface, real workspaces in temp
// folders, and Debian's git to look at what the repositories hold.

/** Runs Debian's git; rejects with its output when it fails. */
export const runGit = promisify(execFile).bind(null, 'git') as (args: string[], options?: { cwd?: string }) => Promise<{ stdout: string; stderr: string }>;

/** The token the test server accepts. */
export const TEAM_TOKEN = 'team-token-5f1c9a7e3b';

/** A git server with one empty bare repository, and the temp folder the test works in. */
export interface TeamServer {
  root: string;
  server: GitServerProcess;
  /** The team repository's URL. */
  remoteUrl: string;
  /** The bare repository's folder on the server. */
  bareRepo: string;
  /** Kills the server (SIGKILL to its process group) and starts it again on the same port. */
  restart(options?: { stallPush?: PushStall }): Promise<void>;
}

/**
 * Gives each test of the calling file a running git server holding an empty `team.git`, in a fresh
 * temp folder, stopped and removed afterwards. Tests are skipped, saying why, where Debian's git is
 * missing.
 */
export function useTeamServer(options: { stallPush?: PushStall } = {}): () => TeamServer {
  let team: TeamServer | undefined;
  beforeEach(async (context: TestContext) => {
    const unavailable = gitServerUnavailableReason();
    if (unavailable) {
      process.stderr.write(`skipped: ${unavailable}\n`);
      context.skip();
    }
    const root = await mkdtemp(join(tmpdir(), 'corroborate-sync-'));
    const serverRoot = join(root, 'server');
    let server = await startGitServer({ root: serverRoot, token: TEAM_TOKEN, stallPush: options.stallPush });
    const bareRepo = await server.createBareRepo('team.git');
    team = {
      root,
      get server() {
        return server;
      },
      remoteUrl: server.url('team.git'),
      bareRepo,
      async restart(restartOptions = {}) {
        await server.kill();
        server = await startGitServer({ root: serverRoot, token: TEAM_TOKEN, port: server.port, stallPush: restartOptions.stallPush });
      },
    };
  });
  afterEach(async () => {
    if (!team) return;
    await team.server.kill();
    await rm(team.root, { recursive: true, force: true });
    team = undefined;
  });
  return () => team!;
}

/** Opens the workspace in `dir`, runs `work` on its API, and closes it (so its lock is free for a sync). */
export async function withWorkbench<T>(dir: string, work: (workbench: OpenWorkbench) => Promise<T>): Promise<T> {
  const workbench = await openWorkbench({ workspaceDir: dir, create: false });
  try {
    return await work(workbench);
  } finally {
    await workbench.close();
  }
}

/** Makes a workspace with the sample articles in `dir` and shares it to the team server. */
export async function shareSampleWorkspace(team: TeamServer, dir: string, author = 'Ann'): Promise<void> {
  const workbench = await openWorkbench({ workspaceDir: dir });
  await workbench.service.addSampleArticles();
  await workbench.close();
  await shareWorkspace({ dir, remoteUrl: team.remoteUrl, token: TEAM_TOKEN, author: { name: author, email: `${author.toLowerCase()}@example.org` } });
}

/**
 * Everything a failed sync must leave as it was: every file of the working tree (by content), the
 * branches, and the index.
 */
export async function workspaceState(dir: string): Promise<{ files: Record<string, string>; main: string; tracking: string; index: string }> {
  const files: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(path);
      } else files[relative(dir, path)] = sha1(await readFile(path));
    }
  };
  await walk(dir);
  const ref = async (name: string) => (await runGit(['rev-parse', '--verify', '--quiet', name], { cwd: dir }).catch(() => ({ stdout: '(none)' }))).stdout.trim();
  return { files, main: await ref('refs/heads/main'), tracking: await ref('refs/remotes/origin/main'), index: sha1(await readFile(join(dir, '.git', 'index'))) };
}

/** Runs `git fsck --full` (Debian's git) on a repository; resolves to what it reported as wrong (empty when clean). */
export async function fsckProblems(gitDir: string): Promise<string> {
  try {
    const { stdout, stderr } = await runGit(['--git-dir', gitDir, 'fsck', '--full', '--no-dangling']);
    return `${stdout}${stderr}`.trim();
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return `fsck failed: ${failed.stdout ?? ''}${failed.stderr ?? failed.message}`;
  }
}

/** The commit the server's `main` branch is at (Debian's git on the bare repository). */
export async function serverHead(team: TeamServer): Promise<string> {
  return (await runGit(['--git-dir', team.bareRepo, 'rev-parse', 'refs/heads/main'])).stdout.trim();
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}
