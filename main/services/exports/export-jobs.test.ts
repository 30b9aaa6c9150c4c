import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import type { OpenWorkbench } from '../open-workbench.js';
import { mountTmpfsOrSkip } from '../../storage/test-support.js';
import { fixtureWorkspace, readFolderBytes, workspaceHolding } from './export.test-support.js';
import { buildFixtureSnapshot } from '../../../shared/formats/test-fixtures.js';
import { exportToFolder, type ExportStep } from './export-to-folder.js';

let root: string;
let workbench: OpenWorkbench;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-jobs-'));
  workbench = await fixtureWorkspace(join(root, 'ws'));
});
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

describe('export jobs through the contract', () => {
  it('suggests formats and a dated destination under <workspace>/exports for each', async () => {
    const options = await workbench.api.getExportOptions();
    expect(options.formats.map((f) => f.id)).toEqual(['native', 'jsonl', 'w3c', 'w3c-jsonl', 'brat', 'csv', 'labelstudio', 'doccano', 'conll-coref']);
    expect(options.formats.find((f) => f.id === 'brat')!.offsetUnit).toBe('Unicode code points');
    expect(options.defaultDestinations.brat).toMatch(new RegExp(`^${join(root, 'ws', 'exports', 'brat-')}\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d$`));
  });

  it('startExport returns a job id; getExportProgress ends in done with the summary', async () => {
    const destination = join(root, 'out');
    const { jobId } = await workbench.api.startExport({ format: 'w3c', destination, scope: { labelIds: ['quote', 'fact'] } });
    const finished = await workbench.service.exports.waitForExport(jobId);
    expect(finished).toMatchObject({ jobId, state: 'done', phase: 'finished', documentsRead: 3, documentCount: 3, filesWritten: 1, error: null });
    expect(finished.summary).toMatchObject({ destination, annotations: 13, files: [{ path: 'annotations.jsonld' }] });
    expect(await workbench.api.getExportProgress({ jobId })).toEqual(finished);
    expect((await readdir(destination)).sort()).toEqual(['.corroborate-export.json', 'annotations.jsonld']);
  });

  it('a failed export reports why, naming the folder', async () => {
    const { jobId } = await workbench.api.startExport({ format: 'csv', destination: join(root, 'ws') });
    const finished = await workbench.service.exports.waitForExport(jobId);
    expect(finished).toMatchObject({ state: 'failed', summary: null });
    expect(finished.error).toContain(`${join(root, 'ws')} holds the workspace itself`);
  });

  it('cancelExport stops a running export and leaves nothing on disk', async () => {
    const destination = join(root, 'out');
    const { jobId } = await workbench.api.startExport({ format: 'brat', destination });
    const cancelled = await workbench.api.cancelExport({ jobId });
    expect(cancelled).toMatchObject({ state: 'cancelled', summary: null, error: 'The export was cancelled; nothing was written.' });
    expect(await readdir(root)).toEqual(['ws']);
  });

  it('refuses relative destinations and unknown jobs through the transport', async () => {
    expect(await dispatchCall(workbench.api, 'startExport', { format: 'brat', destination: 'out' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('as a full path') },
    });
    expect(await dispatchCall(workbench.api, 'startExport', { format: 'pdf', destination: '/tmp/x' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatchCall(workbench.api, 'getExportProgress', { jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reports progress: each document read, then files and bytes written', async () => {
    const steps: ExportStep[] = [];
    await exportToFolder(workbench.store, { format: 'brat', destination: join(root, 'out') }, { onProgress: (s) => steps.push(structuredClone(s)) });
    const reading = steps.filter((s) => s.phase === 'reading');
    expect(reading.map((s) => s.phase === 'reading' && s.documentsRead)).toEqual([1, 2, 3]);
    const writing = steps.filter((s) => s.phase === 'writing');
    const files = writing.map((s) => s.phase === 'writing' && s.filesWritten);
    expect(files).toEqual([...files].sort((a, b) => Number(a) - Number(b)));
    expect(writing.at(-1)).toMatchObject({ filesWritten: 9, currentFile: null, annotationCount: 16 });
  });

  it('with overwrite: true still refuses the workspace, its files, its backups, another workspace and folders not ours', async () => {
    const ws = join(root, 'ws');
    const other = join(root, 'other');
    const { store } = await workspaceHolding(other, buildFixtureSnapshot());
    await store.close();
    const foreign = join(root, 'photos');
    await mkdir(foreign);
    await writeFile(join(foreign, 'cat.jpg'), 'not an export');
    const before = { ws: await readFolderBytes(ws, ['workspace.lock']), other: await readFolderBytes(other), foreign: await readFolderBytes(foreign) };
    const refused: Array<[string, string]> = [
      [join(ws, 'workspace.json'), `${join(ws, 'workspace.json')} is inside the Corroborate workspace ${ws}; an export never writes into a workspace.`],
      [join(ws, '.backups'), `${join(ws, '.backups')} is inside the Corroborate workspace ${ws}; an export never writes into a workspace.`],
      [join(ws, 'documents'), `${join(ws, 'documents')} is inside the Corroborate workspace ${ws}`],
      [ws, `${ws} holds the workspace itself`],
      [other, `${other} is a Corroborate workspace; an export never writes into a workspace.`],
      [join(other, '.backups'), `${join(other, '.backups')} is inside the Corroborate workspace ${other}`],
      [foreign, `${foreign} already exists and is not an export made by Corroborate`],
    ];
    for (const [destination, message] of refused) {
      const { jobId } = await workbench.api.startExport({ format: 'csv', destination, overwrite: true });
      const finished = await workbench.service.exports.waitForExport(jobId);
      expect(finished, destination).toMatchObject({ state: 'failed', summary: null });
      expect(finished.error, destination).toContain(message);
    }
    expect(await readFolderBytes(ws, ['workspace.lock'])).toEqual(before.ws);
    expect(await readFolderBytes(other)).toEqual(before.other);
    expect(await readFolderBytes(foreign)).toEqual(before.foreign);
  });

  it('a job that runs out of disk ends failed, never done, and an earlier export stays as it was (a real 16 KB tmpfs)', async (context) => {
    const disk = await mountTmpfsOrSkip('size=16k', cleanups, context);
    const destination = join(disk, 'out');
    const small = await workbench.api.startExport({ format: 'w3c', destination, scope: { labelIds: ['fact'] } });
    expect(await workbench.service.exports.waitForExport(small.jobId)).toMatchObject({ state: 'done' });
    const before = await readFolderBytes(destination);
    // The earlier export leaves about 4 KB free; the whole workspace needs about 15 KB.
    const { jobId } = await workbench.api.startExport({ format: 'native', destination, overwrite: true });
    const finished = await workbench.service.exports.waitForExport(jobId);
    expect(finished).toMatchObject({ state: 'failed', summary: null });
    expect(finished.error).toBe(`The export to ${destination} could not be written whole: the disk is full (ENOSPC). ${destination} was left exactly as it was.`);
    expect(await readFolderBytes(destination)).toEqual(before);
    expect(await readdir(disk)).toEqual(['out']);
    console.info('ENOSPC was real: a 16 KB tmpfs');
  });
});
