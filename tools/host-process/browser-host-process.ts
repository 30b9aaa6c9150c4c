import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** A browser host started the way a person starts it (`node dist/node/serve.js`), for one test. */
export interface BrowserHostProcess {
  url: string;
  /** Everything the host wrote to stdout, line by line. */
  stdoutLines: string[];
  stop(): Promise<number | null>;
}

/**
 * Starts the built browser host on `workspaceDir` (or the default workspace under `appDataDir`) and
 * waits for the one stdout line that carries its URL.
 */
export async function startBrowserHostProcess(options: { workspaceDir?: string; appDataDir?: string }): Promise<BrowserHostProcess> {
  const args = ['dist/node/serve.js', ...(options.workspaceDir ? ['--workspace', options.workspaceDir] : [])];
  const env = { ...process.env, ...(options.appDataDir ? { CORROBORATE_APP_DATA: options.appDataDir } : {}) };
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
      }),
  };
}
