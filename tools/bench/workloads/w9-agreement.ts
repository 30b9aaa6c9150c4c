import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
 * supports links). Measured through the agreement service as the app calls it: the first
 * `getAgreement` of a fresh service (its worker started, every layer read, every figure computed)
 * until the report is ready, asking again as the view does; then again after one edit (the worker
 * kept, the files read again); the list of disagreements behind the overall exact F1; and the
 * longest the service's own event loop was held meanwhile.
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
      const loop = monitorEventLoopDelay({ resolution: 5 });
      const firstSamples: number[] = [];
      const workerSamples: number[] = [];
      const loopSamples: number[] = [];
      let service: AgreementService | null = null;
      let report: Extract<AgreementState, { status: 'ready' }> | null = null;
      try {
        for (let i = 0; i < runs; i++) {
          await service?.stop();
          service = new AgreementService(store, new AgreementWorker(bundle));
          loop.reset();
          loop.enable();
          const started = performance.now();
          report = await untilReady(service);
          firstSamples.push(performance.now() - started);
          loop.disable();
          workerSamples.push(report.durationMs);
          loopSamples.push(loop.max / 1e6);
        }
        const afterEditSamples: number[] = [];
        for (let i = 0; i < (mode === 'full' ? 5 : 2); i++) {
          const documentId = store.workspace.documents[i]!.id;
          await store.updateAnnotations(documentId, (list) => list.slice(1));
          const started = performance.now();
          await untilReady(service!);
          afterEditSamples.push(performance.now() - started);
        }
        const drillStarted = performance.now();
        const list = await service!.api().listDisagreements({ cell: report!.report.overall.spans.overall.f1Exact.cell });
        const drillMs = performance.now() - drillStarted;
        const overall = report!.report.overall;
        return {
          series: [
            { name: 'first request → report ready (worker started, every layer read, every figure)', unit: 'ms' as const, samples: firstSamples },
            { name: 'after one edit: request → report ready (worker kept, layers read again)', unit: 'ms' as const, samples: afterEditSamples },
            { name: 'of which in the worker: read + compute', unit: 'ms' as const, samples: workerSamples },
            { name: 'longest event-loop delay of the service meanwhile', unit: 'ms' as const, samples: loopSamples },
            { name: 'disagreements behind the overall exact F1', unit: 'ms' as const, samples: [drillMs] },
          ],
          checks: [
            `report of ${report!.report.annotators.length} annotators over ${overall.documents} articles: F1 exact ${overall.spans.overall.f1Exact.value?.toFixed(3)}, ` +
              `overlap ${overall.spans.overall.f1Overlap.value?.toFixed(3)}, αu ${overall.spans.overall.unitizingAlpha.value?.toFixed(3)}, ` +
              `link α ${overall.links?.alpha.value?.toFixed(3)}, CoNLL ${overall.clusters?.conll.value?.toFixed(3)}`,
            `${list.total} disagreements behind the overall exact F1`,
          ],
          sizes: { ...sizes, annotators: W9_ANNOTATORS.length },
          notes: [bundle ? 'worker: the built bundle (dist/node)' : 'worker: the TypeScript sources through tsx (run `npm run build` first to measure the bundle)'],
        };
      } finally {
        await service?.stop();
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
