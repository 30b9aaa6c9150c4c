import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../shared/api/dispatch-call.js';
import type { OpenWorkbench } from '../workspace/open-workbench.js';
import { fixtureWorkspace } from './export-test-support.js';
import { exportToFolder, type ExportStep } from './export-to-folder.js';

let root: string;
let workbench: OpenWorkbench;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-jobs-'));
  workbench = await fixtureWorkspace(join(root, 'ws'));
});
afterEach(async () => {
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
    expect(await readdir(destination)).toEqual(['annotations.jsonld']);
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
});
