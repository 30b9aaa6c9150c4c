/**
 * The agreement worker thread: reads every layer of a workspace and computes the agreement report
 * (or the disagreements behind one figure) away from the event loop that answers requests. It
 * keeps the last workspace it read, and the corpora gathered from it, until asked about another
 * revision. Requests are handled one at a time, in the order they came. The annotation files read
 * that their cache (`agreement-layer-cache.ts`) lacks are written to it when the worker has been
 * idle for a while, and when it is asked to finish before it stops.
 */
import { parentPort } from 'node:worker_threads';
import { AgreementMemo, gatherCorpus, type AgreementCorpus } from '../../../shared/agreement/agreement-corpus.js';
import { AgreementScopeError, computeAgreement } from '../../../shared/agreement/agreement-report.js';
import { disagreementsOf } from '../../../shared/agreement/disagreements.js';
import type { AgreementScope } from '../../../shared/api/contract/agreement.js';
import { WorkspaceReadError } from '../../workspace/read-only-workspace.js';
import type { AgreementFailureKind, AgreementRequest, AgreementResponse, ReadOrder } from './agreement-messages.js';
import { AgreementLayerFiles } from './agreement-layer-files.js';
import { readEveryLayer, type EveryLayer } from './read-every-layer.js';

/** How often progress is told, at most. */
const PROGRESS_INTERVAL_MS = 50;

const port = parentPort;
if (!port) throw new Error('agreement-worker runs as a worker thread (node:worker_threads), not on its own.');

let held: { key: string; layers: Promise<EveryLayer>; corpora: Map<string, AgreementCorpus> } | null = null;
/** The annotation files read, kept while they stay the same, and what computations keep of each article (one workspace at a time). */
let kept = { dir: '', files: new AgreementLayerFiles(), memo: new AgreementMemo() };
let queue: Promise<void> = Promise.resolve();

/** Writes the cache when the worker has been idle this long after reading files the cache lacks. */
const CACHE_IDLE_MS = 10_000;
let cacheTimer: NodeJS.Timeout | null = null;

port.on('message', (request: AgreementRequest) => {
  if (cacheTimer) clearTimeout(cacheTimer);
  cacheTimer = null;
  queue = queue.then(() => handle(request)).then(() => {
    if (cacheTimer || !kept.files.cacheIsStale) return;
    // Written when idle, not after each report: a request never waits behind it.
    cacheTimer = setTimeout(() => (queue = queue.then(saveCache)), CACHE_IDLE_MS);
    cacheTimer.unref();
  });
});

/** Writes the files read to the cache for the next session; a cache that cannot be written changes nothing here. */
async function saveCache(): Promise<void> {
  if (cacheTimer) clearTimeout(cacheTimer);
  cacheTimer = null;
  await kept.files.saveCache().catch(() => undefined);
}

async function handle(request: AgreementRequest): Promise<void> {
  const send = (response: AgreementResponse) => port!.postMessage(response);
  if (request.kind === 'finish') {
    await saveCache();
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
    const layers = await layersOf(request.read, (done, total) => progress('reading', done, total));
    const readMs = performance.now() - started;
    if (request.kind === 'report') {
      const report = computeAgreement({ ...layers, scope: request.scope, memo: kept.memo, onProgress: (done, total) => progress('computing', done, total) });
      send({ id: request.id, kind: 'report', report, durationMs: performance.now() - started, readMs });
    } else {
      const corpus = corpusOf(layers, request.cell.scope);
      send({ id: request.id, kind: 'disagreements', list: disagreementsOf(corpus, request.cell) });
    }
  } catch (error) {
    const failure: AgreementFailureKind = error instanceof AgreementScopeError ? 'scope' : error instanceof WorkspaceReadError ? 'read' : 'internal';
    send({ id: request.id, kind: 'failed', failure, message: (error as Error).message ?? String(error) });
  }
}

/** The layers of `order`: read again only when its folder or revision is not the one held. */
function layersOf(order: ReadOrder, onDocumentRead: (read: number, total: number) => void): Promise<EveryLayer> {
  const key = JSON.stringify([order.dir, order.revision, order.unsaved !== null, order.names]);
  if (held?.key !== key) {
    if (kept.dir !== order.dir) {
      const cache = order.cacheFile ? { file: order.cacheFile, workspaceDir: order.dir } : null;
      kept = { dir: order.dir, files: new AgreementLayerFiles(cache), memo: new AgreementMemo() };
    }
    const layers = readEveryLayer(order, kept.files, onDocumentRead);
    held = { key, layers, corpora: new Map() };
    // A read that failed is not kept: the next request tries again.
    layers.catch(() => {
      if (held?.layers === layers) held = null;
    });
  }
  return held.layers;
}

/** The corpus of `scope` in the layers held, gathered once per scope. */
function corpusOf(layers: EveryLayer, scope: AgreementScope): AgreementCorpus {
  const key = JSON.stringify(scope);
  let corpus = held!.corpora.get(key);
  if (!corpus) held!.corpora.set(key, (corpus = gatherCorpus(layers.snapshot, scope, layers.names, kept.memo)));
  return corpus;
}
