import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../storage/test-support.js';
import type { ReadOrder } from './agreement-messages.js';
import { agreementCacheFile } from './agreement-layer-cache.js';
import { AgreementWorker } from './agreement-worker-client.js';
import { twoLayers } from './agreement.test-support.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
const workers: AgreementWorker[] = [];
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('agreement-worker'));
  workspaceDir = join(root, 'ws');
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.close();
  await remove();
});

/** What the service asks the worker to read: the workspace on disk, nothing cached. */
const order = (cacheFile: string | null = null): ReadOrder => ({ dir: workspaceDir, revision: '1', names: {}, unsaved: null, cacheFile });

describe('the agreement worker client', () => {
  it('keeps an idle worker it is stopping for a request that arrives meanwhile, and stops it when idle with nothing asked', async () => {
    await twoLayers(root, workspaceDir);
    const worker = new AgreementWorker();
    workers.push(worker);
    const { report } = await worker.report(order(), {});

    // Stopping (the worker is asked to finish, writing its cache) when a report is asked: the report is answered.
    const stopping = worker.stopWhenIdle();
    const asked = worker.report(order(), {});
    await stopping;
    expect((await asked).report).toEqual(report);

    // Stopped with nothing asked: the next request starts another worker.
    await worker.stopWhenIdle();
    expect((await worker.report(order(), {})).report).toEqual(report);
  });

  it('tells what the worker notes of its caches (a file that cannot be read or written, and why), and answers all the same', async () => {
    await twoLayers(root, workspaceDir);
    await writeFile(join(root, 'not-a-folder'), 'a file');
    const cacheFile = agreementCacheFile(join(root, 'not-a-folder', 'agreement-cache'), workspaceDir);
    const notes: string[] = [];
    const worker = new AgreementWorker(null, (note) => notes.push(note));
    workers.push(worker);
    const { report } = await worker.report(order(cacheFile), {});
    expect(report.overall.documents).toBe(2);
    await worker.close();
    expect(notes).toContainEqual(`The agreement cache ${cacheFile} cannot be read (ENOTDIR); it is ignored.`);
    expect(notes).toContainEqual(expect.stringContaining(`The agreement cache ${cacheFile} could not be written (ENOTDIR`));
  });
});
