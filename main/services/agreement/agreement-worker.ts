/**
 * The agreement worker thread: reads every layer of a workspace and computes the agreement report
 * (or the disagreements behind one figure) away from the event loop that answers requests. What it
 * keeps of the workspace between requests is an `AgreementSession` (one workspace at a time).
 * Requests are handled one at a time, in the order they came. The caches (`agreement-layer-cache.ts`,
 * `agreement-parts-cache.ts`) are written when the worker has been idle for a while, and when it is
 * asked to finish before it stops.
 */
import { parentPort } from 'node:worker_threads';
import { AgreementScopeError } from '../../../shared/agreement/agreement-report.js';
import { WorkspaceReadError } from '../../workspace/read-only-workspace.js';
import type { AgreementFailureKind, AgreementRequest, AgreementResponse } from './agreement-messages.js';
import { AgreementSession } from './agreement-session.js';

/** How often progress is told, at most. */
const PROGRESS_INTERVAL_MS = 50;
/** Writes the caches when the worker has been idle this long after reading or computing what they lack. */
const CACHE_IDLE_MS = 10_000;

const port = parentPort;
if (!port) throw new Error('agreement-worker runs as a worker thread (node:worker_threads), not on its own.');

let session = new AgreementSession('', null);
let queue: Promise<void> = Promise.resolve();
let cacheTimer: NodeJS.Timeout | null = null;

port.on('message', (request: AgreementRequest) => {
  if (cacheTimer) clearTimeout(cacheTimer);
  cacheTimer = null;
  queue = queue.then(() => handle(request)).then(() => {
    if (cacheTimer || !session.cachesAreStale) return;
    // Written when idle, not after each report: a request waits behind it only when it arrives while the caches are written.
    cacheTimer = setTimeout(() => (queue = queue.then(saveCaches)), CACHE_IDLE_MS);
    cacheTimer.unref();
  });
});

async function saveCaches(): Promise<void> {
  if (cacheTimer) clearTimeout(cacheTimer);
  cacheTimer = null;
  await session.saveCaches();
}

async function handle(request: AgreementRequest): Promise<void> {
  const send = (response: AgreementResponse) => port!.postMessage(response);
  if (request.kind === 'finish') {
    await saveCaches();
    return send({ id: request.id, kind: 'finished' });
  }
  let last = 0;
  const progress = (phase: 'reading' | 'computing', done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    send({ id: request.id, kind: 'progress', phase, done, total });
  };
  try {
    const started = performance.now();
    if (session.dir !== request.read.dir) session = new AgreementSession(request.read.dir, request.read.cacheFile, (message) => port!.postMessage({ id: 0, kind: 'note', message } satisfies AgreementResponse));
    if (request.kind === 'report') {
      const { report, readMs } = await session.report(request.read, request.scope, progress);
      send({ id: request.id, kind: 'report', report, durationMs: performance.now() - started, readMs });
    } else {
      send({ id: request.id, kind: 'disagreements', list: await session.disagreements(request.read, request.cell) });
    }
  } catch (error) {
    const failure: AgreementFailureKind = error instanceof AgreementScopeError ? 'scope' : error instanceof WorkspaceReadError ? 'read' : 'internal';
    send({ id: request.id, kind: 'failed', failure, message: (error as Error).message ?? String(error) });
  }
}
