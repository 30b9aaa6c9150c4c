import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AgreementState } from '../../../shared/api/contract/index.js';
import { AgreementService } from '../../../main/services/agreement/agreement-service.js';
import { AGREEMENT_WORKER_BUNDLE, AgreementWorker } from '../../../main/services/agreement/agreement-worker-client.js';
import { WorkspaceStore } from '../../../main/workspace/workspace-store.js';
import { W9_ANNOTATORS, writeAgreementWorkspace } from '../agreement-workspace.js';
import { median, type BenchMode, type Workload } from '../workload.js';

const root = resolve(import.meta.dirname, '../../..');
const builtWorker = join(root, 'dist', 'node', AGREEMENT_WORKER_BUNDLE);

/**
 * W9A (the agreement half of W9): three annotators' layers of 2,000 articles, about 100k
 * annotations each (a true span coded exactly by most, with other boundaries or another label by some, missed by a few,
 * plus a few of their own; attributes; same/paraphrase links in clusters of four articles and some
 * supports links). Measured through the agreement service as the app calls it, from the request
 * (the person opening the Agreement view; nothing is read before) until the report is ready, asking
 * again as the view does: the first `getAgreement` of a fresh service with no agreement cache at
 * all (cold: its worker started, every annotation file parsed, every figure computed); the first of
 * a fresh service when an earlier session left its cache (warm start: the files that did not change
 * come from the cache); then again after one edit (the worker kept, the changed file read again);
 * the list of disagreements behind the overall exact F1; and the longest the service's own event
 * loop was held meanwhile. How much of each first request the worker spent reading is reported too.
 */
export const agreementWorkload: Workload = {
  id: 'W9A',
  title: 'agreement of 3 annotators × 100k annotations (with links and clusters), through the service',
  target: '≤ 2 s, off the event loop',
  meetsTarget: (r) => median(r.series[0]!.samples) <= 2000,
  async run(mode: BenchMode) {
    const documents = mode === 'full' ? 2000 : 100;
    const perDocument = 50;
    const runs = mode === 'full' ? 3 : 1;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w9-'));
    const bundle = existsSync(builtWorker) ? pathToFileURL(builtWorker) : null;
    try {
      const sizes = await writeAgreementWorkspace(join(dir, 'ws'), documents, perDocument);
      const store = await WorkspaceStore.open(join(dir, 'ws'), { holder: 'cli', create: false, annotator: W9_ANNOTATORS[0]! });
      // The app-data folder's agreement cache, outside the workspace as in the app.
      const cacheDir = join(dir, 'app-data', 'agreement-cache');
      const loop = monitorEventLoopDelay({ resolution: 5 });
      const samples = { cold: [] as number[], warm: [] as number[], coldRead: [] as number[], warmRead: [] as number[], coldWorker: [] as number[], loop: [] as number[] };
      const session: { service: AgreementService | null } = { service: null };
      let report: Extract<AgreementState, { status: 'ready' }> | null = null;
      const cacheBytes = { annotations: 0, parts: 0 };
      /** A fresh service (and worker) asked until ready: how long the request took, and the worker's read and whole time. */
      const firstRequest = async () => {
        await session.service?.stop();
        const worker = new AgreementWorker(bundle);
        let readMs = 0;
        const report = worker.report.bind(worker);
        worker.report = async (...args) => {
          const answer = await report(...args);
          readMs = answer.readMs;
          return answer;
        };
        const service = new AgreementService(store, worker, cacheDir);
        session.service = service;
        loop.reset();
        loop.enable();
        const started = performance.now();
        const ready = await untilReady(service);
        const ms = performance.now() - started;
        loop.disable();
        samples.loop.push(loop.max / 1e6);
        return { ready, ms, readMs };
      };
      try {
        for (let i = 0; i < runs; i++) {
          await session.service?.stop();
          session.service = null;
          await rm(cacheDir, { recursive: true, force: true });
          const cold = await firstRequest();
          report = cold.ready;
          samples.cold.push(cold.ms);
          samples.coldRead.push(cold.readMs);
          samples.coldWorker.push(cold.ready.durationMs);
        }
        for (let i = 0; i < runs; i++) {
          // The previous session, stopped, left its cache.
          await session.service?.stop();
          session.service = null;
          const names = await readdir(cacheDir);
          const sizeOf = async (suffix: string) => (await stat(join(cacheDir, names.find((name) => name.endsWith(suffix))!))).size;
          cacheBytes.annotations = await sizeOf('.cache');
          cacheBytes.parts = await sizeOf('.parts');
          const warm = await firstRequest();
          if (JSON.stringify(warm.ready.report) !== JSON.stringify(report!.report)) throw new Error('the report of the warm start differs from the cold one');
          samples.warm.push(warm.ms);
          samples.warmRead.push(warm.readMs);
        }
        const afterEditSamples: number[] = [];
        for (let i = 0; i < (mode === 'full' ? 5 : 2); i++) {
          const documentId = store.workspace.documents[i]!.id;
          await store.updateAnnotations(documentId, (list) => list.slice(1));
          const started = performance.now();
          await untilReady(session.service!);
          afterEditSamples.push(performance.now() - started);
        }
        const drillStarted = performance.now();
        const list = await session.service!.api().listDisagreements({ cell: report!.report.overall.spans.overall.f1Exact.cell });
        const drillMs = performance.now() - drillStarted;
        const overall = report!.report.overall;
        return {
          series: [
            { name: 'first request, warm start (a fresh service; the cache an earlier session left) → report ready', unit: 'ms' as const, samples: samples.warm },
            { name: 'first request, cold (a fresh service, no cache: every file parsed) → report ready', unit: 'ms' as const, samples: samples.cold },
            { name: 'after one edit: request → report ready (worker kept, the changed file read again)', unit: 'ms' as const, samples: afterEditSamples },
            { name: 'of the cold first request: in the worker (read + compute)', unit: 'ms' as const, samples: samples.coldWorker },
            { name: 'of the cold first request: reading', unit: 'ms' as const, samples: samples.coldRead },
            { name: 'of the warm start: reading (articles from the parts cache, their files not read)', unit: 'ms' as const, samples: samples.warmRead },
            { name: 'longest event-loop delay of the service during first requests', unit: 'ms' as const, samples: samples.loop },
            { name: 'disagreements behind the overall exact F1', unit: 'ms' as const, samples: [drillMs] },
          ],
          checks: [
            `report of ${report!.report.annotators.length} annotators over ${overall.documents} articles: F1 exact ${overall.spans.overall.f1Exact.value?.toFixed(3)}, ` +
              `overlap ${overall.spans.overall.f1Overlap.value?.toFixed(3)}, αu ${overall.spans.overall.unitizingAlpha.value?.toFixed(3)}, ` +
              `link α ${overall.links?.alpha.value?.toFixed(3)}, CoNLL ${overall.clusters?.conll.value?.toFixed(3)}`,
            `${list.total} disagreements behind the overall exact F1`,
            'the report of each warm start is the cold one, figure for figure',
          ],
          sizes: { ...sizes, annotators: W9_ANNOTATORS.length },
          notes: [
            bundle ? 'worker: the built bundle (dist/node)' : 'worker: the TypeScript sources through tsx (run `npm run build` first to measure the bundle)',
            `agreement caches in the app-data folder: annotations ${(cacheBytes.annotations / 2 ** 20).toFixed(1)} MB (.cache), parts ${(cacheBytes.parts / 2 ** 20).toFixed(1)} MB (.parts)`,
          ],
        };
      } finally {
        await session.service?.stop();
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Asks for the agreement as the view does (again every 20 ms while it computes) until it is ready. */
async function untilReady(service: AgreementService): Promise<Extract<AgreementState, { status: 'ready' }>> {
  const api = service.api();
  for (;;) {
    const state = await api.getAgreement({});
    if (state.status === 'ready') return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
