import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../storage/test-support.js';
import type { ReadOrder } from './agreement-messages.js';
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
const order = (): ReadOrder => ({ dir: workspaceDir, revision: '1', names: {}, unsaved: null, cacheFile: null });

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
});
