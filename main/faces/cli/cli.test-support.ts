import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';

/** What a CLI run printed and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `argv`, capturing what it prints. */
export async function runCliCapturing(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * Runs the CLI as its own process, the way `npm run corroborate -- …` starts it (tsx on
 * `main/faces/cli/cli-command.ts`), and resolves once it has exited, with its exit code (a signal counts
 * as -1) and everything it printed.
 */
export function runCliProcess(...argv: string[]): Promise<CliRun> {
  return runCliProcessWithEnv(process.env, ...argv);
}

/** Like `runCliProcess`, with the environment `env` (the token and annotator variables, for instance). */
export function runCliProcessWithEnv(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  const child = spawn(join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsx'), ['main/faces/cli/cli-command.ts', ...argv], { cwd: REPOSITORY_ROOT, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}
