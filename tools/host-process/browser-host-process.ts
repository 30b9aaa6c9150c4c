import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AnnotatorProfile } from '../../shared/model/annotator.js';

const root = resolve(import.meta.dirname, '..', '..');

/** A browser host started the way a person starts it (`node dist/node/serve.js`), for one test. */
export interface BrowserHostProcess {
  url: string;
  /** Everything the host wrote to stdout, line by line. */
  stdoutLines: string[];
  stop(): Promise<number | null>;
}

/**
 * Who the person using a test's host said they are (their user settings): the app asks nobody on
 * first launch. Tests of the first launch pass `identity: null`.
 */
export const TEST_EDITOR: AnnotatorProfile = { name: 'Editor', email: 'editor@example.org' };

/** How a test starts a browser host. */
export interface BrowserHostOptions {
  /** The workspace folder; the default workspace under the app-data folder when absent. */
  workspaceDir?: string;
  /** The app-data folder (settings, recovery files); a temp folder of its own when absent, removed when the host stops. */
  appDataDir?: string;
  /** The name and email saved in the app-data folder before the host starts (`TEST_EDITOR` when absent); null saves none. */
  identity?: AnnotatorProfile | null;
  /** More environment for the host (a team's `CORROBORATE_GIT_TOKEN`). */
  env?: Readonly<Record<string, string>>;
}

/**
 * Starts the built browser host on `workspaceDir` (or the default workspace under `appDataDir`) and
 * waits for the one stdout line that carries its URL. The host never sees the machine's own app-data
 * folder.
 */
export async function startBrowserHostProcess(options: BrowserHostOptions): Promise<BrowserHostProcess> {
  const args = ['dist/node/serve.js', ...(options.workspaceDir ? ['--workspace', options.workspaceDir] : [])];
  const ownAppData = options.appDataDir === undefined ? await mkdtemp(join(tmpdir(), 'corroborate-host-appdata-')) : null;
  const appDataDir = options.appDataDir ?? ownAppData!;
  const identity = options.identity === undefined ? TEST_EDITOR : options.identity;
  if (identity !== null) {
    await mkdir(appDataDir, { recursive: true });
    await writeFile(join(appDataDir, 'identity.json'), `${JSON.stringify({ schemaVersion: 1, ...identity })}\n`);
  }
  const { CORROBORATE_ANNOTATOR: _, CORROBORATE_ANNOTATOR_EMAIL: __, ...inherited } = process.env;
  const { CORROBORATE_GIT_TOKEN: ___, ...withoutToken } = inherited;
  const env = { ...withoutToken, ...options.env, CORROBORATE_APP_DATA: appDataDir };
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdoutLines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the browser host printed no URL in 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        stdoutLines.push(line);
        const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[0]);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser host exited with ${code}; stderr: ${stderr}`)));
  });
  return {
    url,
    stdoutLines,
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null) return resolveExit(child.exitCode);
        child.once('exit', (code) => resolveExit(code));
        child.kill('SIGTERM');
      }).then(async (code) => {
        if (ownAppData) await rm(ownAppData, { recursive: true, force: true });
        return code as number | null;
      }),
  };
}
