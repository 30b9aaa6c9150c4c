import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/api/workbench-error.js';
import { AnnotationFileSchema, type AnnotationFile } from '../../../shared/model/workspace.js';
import { runCli } from '../cli/run-cli.js';
import { makeTempDir, mountTmpfs, REPOSITORY_ROOT, runCommand } from '../../storage/test-support.js';
import { RecoveryFileSchema } from '../../workspace/recovery-file.js';

// A browser host stopped (SIGTERM) while its workspace's disk is read-only: it must exit cleanly,
// keep the edit it could not save in a recovery file in the app-data folder and say where, and the
// next start must offer the edit back. Real processes, a real tmpfs remounted read-only.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A browser host started as a person starts it (`serve --workspace DIR`), in its own process. */
async function startHost(workspaceDir: string, env: Record<string, string>) {
  const tsx = join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, ['main/faces/host/serve-command.ts', '--workspace', workspaceDir], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(async () => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(stdout);
      if (match) resolve(new URL(match[0]));
    });
    void exited.then((code) => reject(new Error(`the host exited with ${code} before printing its URL:\n${stderr}`)));
  });
  const token = url.hash.slice('#token='.length);
  const call = async (method: string, input: unknown = {}): Promise<CallResult<unknown>> => {
    const response = await fetch(new URL(`/api/${method}`, url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as CallResult<unknown>;
  };
  /** Calls a method that must succeed; resolves to its value. */
  const value = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return result.value as T;
  };
  const stop = async () => {
    child.kill('SIGTERM');
    return { code: await exited, stderr };
  };
  return { call, value, stop };
}

async function storedAnnotations(workspaceDir: string, documentId: string): Promise<string[]> {
  const file = AnnotationFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'annotations', documentId, 'owner.json'), 'utf8')));
  return file.annotations.map((a) => a.fragments[0]!.exact);
}

describe('stopping the browser host while the workspace is read-only', () => {
  it('exits 0 without a stack trace, keeps the unsaved edit in a recovery file it names, and the next start restores it', { timeout: 120_000 }, async (context) => {
    const mounted = await mountTmpfs('size=8m', cleanups);
    if ('unavailable' in mounted) {
      console.warn(`Skipped: a read-only disk cannot be made here (${mounted.unavailable}).`);
      return context.skip();
    }
    const { dir: scratch, remove } = await makeTempDir('shutdown');
    cleanups.push(remove);
    const appData = join(scratch, 'appdata');
    const rendererDir = join(scratch, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>workbench</title>');
    const env = { CORROBORATE_APP_DATA: appData, CORROBORATE_RENDERER_DIR: rendererDir };
    const workspaceDir = join(mounted.dir, 'ws');

    const first = await startHost(workspaceDir, env);
    await first.value('addSampleArticles');
    const [document] = await first.value<Array<{ id: string; title: string }>>('listDocuments');
    await first.value('createAnnotation', { documentId: document!.id, labelId: 'fact', ranges: [{ start: 17, end: 31 }] });
    await runCommand('mount', ['-o', 'remount,ro', mounted.dir]);
    const refused = await first.call('createAnnotation', { documentId: document!.id, labelId: 'claim', ranges: [{ start: 36, end: 51 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringContaining('EROFS') } });

    const stopped = await first.stop();
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).not.toMatch(/^\s+at /m); // no stack trace
    const recoveryNames = await readdir(join(appData, 'recovery'));
    expect(recoveryNames).toHaveLength(1);
    const recoveryFile = join(appData, 'recovery', recoveryNames[0]!);
    expect(stopped.stderr).toContain(
      `Corroborate could not save the edits to the annotations of 1 article ("${document!.title.slice(0, 59)}…") in ${workspaceDir} (EROFS: read-only file system`,
    );
    expect(stopped.stderr).toContain(`They were kept in ${recoveryFile}; they are offered back the next time this workspace is opened.`);
    expect(stopped.stderr).toContain(`The lock file ${join(workspaceDir, 'workspace.lock')} could not be removed (EROFS`);
    const kept = RecoveryFileSchema.parse(JSON.parse(await readFile(recoveryFile, 'utf8')));
    expect(kept).toMatchObject({ workspaceDir, workspace: null, reason: expect.stringContaining('EROFS') });
    expect(kept.annotationFiles.map((f) => f.annotations.map((a) => a.fragments[0]!.exact))).toEqual([['George Russell', 'Valtteri Bottas']]);
    expect(await storedAnnotations(workspaceDir, document!.id)).toEqual(['George Russell']);

    await runCommand('mount', ['-o', 'remount,rw', mounted.dir]);
    let checkOutput = '';
    const checked = await runCli(['check', '--workspace', workspaceDir], { stdout: (t) => (checkOutput += t), stderr: (t) => (checkOutput += t), env });
    expect(checked).toBe(0);
    expect(checkOutput).toMatch(
      new RegExp(`^Unsaved edits from \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(the annotations of 1 article\\) were kept in ${recoveryFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Open the workspace`),
    );

    const second = await startHost(workspaceDir, env);
    const info = await second.value<{ recoveredEdits: unknown[] }>('getWorkspace');
    expect(info.recoveredEdits).toEqual([
      {
        id: recoveryNames[0],
        file: recoveryFile,
        savedAt: kept.savedAt,
        reason: kept.reason,
        documents: [{ documentId: document!.id, title: document!.title, annotations: 2 }],
        workspaceChanges: false,
      },
    ]);
    expect(await second.value('restoreRecoveredEdits', { id: recoveryNames[0] })).toEqual({ restoredFiles: 1, skippedDocuments: [] });
    expect(await storedAnnotations(workspaceDir, document!.id)).toEqual(['George Russell', 'Valtteri Bottas']);
    expect(await readdir(join(appData, 'recovery'))).toEqual([]);
    expect((await second.value<{ recoveredEdits: unknown[] }>('getWorkspace')).recoveredEdits).toEqual([]);
    const stoppedAgain = await second.stop();
    expect(stoppedAgain).toEqual({ code: 0, stderr: 'Workspace: ' + workspaceDir + '\nReceived SIGTERM: saving and stopping…\n' });
  });
});
