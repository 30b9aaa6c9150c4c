import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GIT_HTTP_BACKEND, type PushStall } from './git-backend-cgi.js';

export type { PushStall } from './git-backend-cgi.js';

const root = resolve(import.meta.dirname, '..', '..');
const runGit = promisify(execFile);

/** A test git server running as its own process (see git-http-server.ts). */
export interface GitServerProcess {
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** The HTTP URL of the repository `name` (e.g. `team.git`) under the server's root. */
  url(name: string): string;
  /** Creates an empty bare repository `name` under the root (Debian's `git init --bare`); resolves to its path. */
  createBareRepo(name: string): Promise<string>;
  /** Every line the server printed so far (`request POST /team.git/git-receive-pack`, `stalled …`). */
  readonly lines: readonly string[];
  /** Resolves with the first line (already printed or to come) that `matches`. */
  waitForLine(matches: (line: string) => boolean): Promise<string>;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server and the git processes it runs (SIGKILL to its process group), as a crash would, and waits. */
  kill(): Promise<void>;
}

/** What `startGitServer` needs. */
export interface GitServerOptions {
  /** The folder holding the bare repositories. */
  root: string;
  /** The token clients must send as the Basic password. */
  token: string;
  /** A port to listen on (to restart a killed server where its clients look for it); random by default. */
  port?: number;
  /** Holds every push at this point (for tests that kill the server during a push). */
  stallPush?: PushStall;
}

/** Why a git server cannot run on this machine, or null when it can (Debian's git and http-backend). */
export function gitServerUnavailableReason(): string | null {
  if (!existsSync(GIT_HTTP_BACKEND)) return `${GIT_HTTP_BACKEND} is missing (apt-get install git)`;
  return null;
}

/**
 * Starts the test git server as a child process in its own process group and waits until it
 * listens. `kill()` ends the whole group with SIGKILL, so a git receiving a push dies with it.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServerProcess> {
  const args = ['--import', 'tsx', join(root, 'tools/git-server/git-http-server.ts'), '--root', options.root, '--port', String(options.port ?? 0)];
  if (options.stallPush) args.push('--stall-push', options.stallPush);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, GIT_SERVER_TOKEN: options.token },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const waiters: Array<{ matches: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (!waiter.matches(line)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const waitForLine = (matches: (line: string) => boolean) =>
    new Promise<string>((resolveLine, reject) => {
      const found = lines.find(matches);
      if (found !== undefined) return resolveLine(found);
      waiters.push({ matches, resolve: resolveLine });
      void exited.then(() => reject(new Error(`the git server exited before printing the line waited for; stderr: ${stderr}`)));
    });
  const listening = await waitForLine((line) => line.startsWith('listening '));
  const port = Number(/:(\d+)$/.exec(listening)![1]);
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    lines,
    waitForLine,
    url: (name) => `${base}/${name}`,
    async createBareRepo(name) {
      const path = join(options.root, name);
      await runGit('git', ['init', '--quiet', '--bare', '--initial-branch=main', path]);
      return path;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
