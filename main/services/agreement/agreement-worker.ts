/**
 * The agreement worker thread: reads every layer of a workspace and computes the agreement report
 * (or the disagreements behind one figure) away from the event loop that answers requests. It
 * keeps the last workspace it read, and the corpora gathered from it, until asked about another
 * revision. Requests are handled one at a time, in the order they came. The annotation files read
 * that their cache (`agreement-layer-cache.ts`) lacks are written to it when the worker has been
 * idle for a while, and when it is asked to finish before it stops.
 */
import { parentPort } from 'node:worker_threads';
import { resolve } from 'node:path';
import { AgreementMemo, articlesNeedingAnnotations, gatherCorpus, type AgreementCorpus } from '../../../shared/agreement/agreement-corpus.js';
import { AgreementScopeError, computeAgreement } from '../../../shared/agreement/agreement-report.js';
import { disagreementsOf } from '../../../shared/agreement/disagreements.js';
import type { AgreementScope } from '../../../shared/api/contract/agreement.js';
import { WorkspaceReadError } from '../../workspace/read-only-workspace.js';
import type { AgreementFailureKind, AgreementRequest, AgreementResponse, ReadOrder } from './agreement-messages.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import type { FileIdentity } from './agreement-layer-cache.js';
import { AgreementLayerFiles } from './agreement-layer-files.js';
import { agreementPartsCache, partsCacheFile, type CachedArticle, type CachedParts } from './agreement-parts-cache.js';
import { filesOf, readArticles, readEveryLayer, SnapshotMovedOn, type EveryLayer } from './read-every-layer.js';

/** How often progress is told, at most. */
const PROGRESS_INTERVAL_MS = 50;

const port = parentPort;
if (!port) throw new Error('agreement-worker runs as a worker thread (node:worker_threads), not on its own.');

let held: { key: string; layers: Promise<EveryLayer>; corpora: Map<string, AgreementCorpus> } | null = null;
/**
 * Of one workspace at a time: the annotation files read, kept while they stay the same; what
 * computations keep of each article; the parts cached by an earlier session (undefined: not looked
 * for yet); and each article's parts as last computed with its files' identities, to be cached.
 */
let kept = newWorkspace('', null);
/** How many times a request reads the workspace again when a file changed under it. */
const READ_AGAIN = 2;

function newWorkspace(dir: string, cacheFile: string | null) {
  const cache = cacheFile ? { file: cacheFile, workspaceDir: dir } : null;
  return {
    dir,
    cacheFile,
    files: new AgreementLayerFiles(cache),
    memo: new AgreementMemo(),
    cachedParts: undefined as CachedParts | null | undefined,
    parts: new Map<string, CachedArticle>(),
    partsStale: false,
    lastRead: null as EveryLayer | null,
  };
}
let queue: Promise<void> = Promise.resolve();

/** Writes the cache when the worker has been idle this long after reading files the cache lacks. */
const CACHE_IDLE_MS = 10_000;
let cacheTimer: NodeJS.Timeout | null = null;

port.on('message', (request: AgreementRequest) => {
  if (cacheTimer) clearTimeout(cacheTimer);
  cacheTimer = null;
  queue = queue.then(() => handle(request)).then(() => {
    if (cacheTimer || (!kept.files.cacheIsStale && !kept.partsStale)) return;
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
  await saveParts().catch(() => undefined);
}

/** Writes each article's parts as last computed, complete, to the parts cache (`agreement-parts-cache.ts`). */
async function saveParts(): Promise<void> {
  const last = kept.lastRead;
  if (!kept.cacheFile || !kept.partsStale || !last) return;
  kept.partsStale = false;
  const { labels, links } = last.snapshot;
  const complete = [...kept.parts].filter(([, article]) => {
    try {
      article.parts.complete(labels);
      return true;
    } catch {
      return false;
    }
  });
  const linked = new Map<string, Set<string>>();
  for (const link of links) {
    for (const end of [link.source, link.target]) {
      const key = `${end.documentId}\u0000${link.annotator}`;
      let ids = linked.get(key);
      if (!ids) linked.set(key, (ids = new Set()));
      ids.add(end.annotationId);
    }
  }
  try {
    await agreementPartsCache.save(partsCacheFile(kept.cacheFile), kept.dir, labels, complete, (documentId, annotator) => linked.get(`${documentId}\u0000${annotator}`));
  } catch (error) {
    kept.partsStale = true;
    throw error;
  }
}

/** Notes each article's parts of a corpus just computed with its files' identities, for the parts cache (not those where my unsaved work is). */
function noteParts(layers: EveryLayer, corpus: AgreementCorpus): void {
  kept.lastRead = layers;
  const byId = new Map(layers.snapshot.documents.map((d) => [d.meta.id, d]));
  for (const document of corpus.documents) {
    const read = byId.get(document.id)!;
    const identities = filesOf(resolve(kept.dir), read).map((path) => kept.files.identityOf(path));
    if (layers.unsavedArticles.has(document.id) || identities.some((i) => !i)) {
      if (kept.parts.delete(document.id)) kept.partsStale = true;
      continue;
    }
    if (kept.parts.get(document.id)?.parts === document.parts) continue;
    kept.parts.set(document.id, { layers: read.layers ?? [], identities: identities as CachedArticle['identities'], parts: document.parts });
    kept.partsStale = true;
  }
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
    for (let attempt = 0; ; attempt++) {
      try {
        return await answer(request, started, progress, send);
      } catch (error) {
        if (!(error instanceof SnapshotMovedOn) || attempt >= READ_AGAIN) throw error;
        // A file changed under the read: read everything again (the last time without standing in for files).
        held = null;
        if (attempt + 1 === READ_AGAIN) kept.files.deferFiles(null);
      }
    }
  } catch (error) {
    const failure: AgreementFailureKind = error instanceof AgreementScopeError ? 'scope' : error instanceof WorkspaceReadError ? 'read' : 'internal';
    send({ id: request.id, kind: 'failed', failure, message: (error as Error).message ?? String(error) });
  }
}

/** Reads what `request` needs and answers it. */
async function answer(
  request: Exclude<AgreementRequest, { kind: 'finish' }>,
  started: number,
  progress: (phase: 'reading' | 'computing', done: number, total: number) => void,
  send: (response: AgreementResponse) => void,
): Promise<void> {
  const layers = await layersOf(request.read, (done, total) => progress('reading', done, total));
  if (request.kind === 'report') {
    // The articles whose cached parts do not fit this scope are read after all.
    await readArticles(kept.dir, layers, articlesNeedingAnnotations(layers.snapshot, request.scope, layers.names, layers.prepared), kept.files);
    const readMs = performance.now() - started;
    const report = computeAgreement({
      ...layers,
      scope: request.scope,
      memo: kept.memo,
      onProgress: (done, total) => progress('computing', done, total),
      onCorpus: (corpus) => noteParts(layers, corpus),
    });
    send({ id: request.id, kind: 'report', report, durationMs: performance.now() - started, readMs });
  } else {
    // Disagreements name annotations: every article's are read.
    await readArticles(kept.dir, layers, [...layers.prepared.keys()], kept.files);
    const corpus = corpusOf(layers, request.cell.scope);
    send({ id: request.id, kind: 'disagreements', list: disagreementsOf(corpus, request.cell) });
  }
}

/** The layers of `order`: read again only when its folder or revision is not the one held. */
function layersOf(order: ReadOrder, onDocumentRead: (read: number, total: number) => void): Promise<EveryLayer> {
  const key = JSON.stringify([order.dir, order.revision, order.unsaved !== null, order.names]);
  if (held?.key !== key) {
    if (kept.dir !== order.dir) kept = newWorkspace(order.dir, order.cacheFile);
    const layers = cachedPartsOf(order).then((cached) => readEveryLayer(order, kept.files, onDocumentRead, cached));
    held = { key, layers, corpora: new Map() };
    // A read that failed is not kept: the next request tries again.
    layers.catch(() => {
      if (held?.layers === layers) held = null;
    });
  }
  return held.layers;
}

/** The parts an earlier session cached, looked for once per workspace; the files they were cached for need not be read while they stay the same. */
async function cachedPartsOf(order: ReadOrder): Promise<CachedParts | null> {
  if (kept.cachedParts === undefined) {
    kept.cachedParts = kept.cacheFile ? await agreementPartsCache.load(partsCacheFile(kept.cacheFile), kept.dir) : null;
    const files = new Map<string, FileIdentity>();
    for (const [id, article] of kept.cachedParts?.articles ?? []) {
      article.layers.forEach((annotator, k) => files.set(workspacePath(resolve(order.dir), WORKSPACE_LAYOUT.annotations(id, annotator)), article.identities[k]!));
    }
    kept.files.deferFiles(kept.cachedParts ? files : null);
    // What the cache holds is what the next cache would hold, until something is computed again.
    for (const [id, article] of kept.cachedParts?.articles ?? []) kept.parts.set(id, article);
  }
  return kept.cachedParts;
}

/** The corpus of `scope` in the layers held, gathered once per scope. */
function corpusOf(layers: EveryLayer, scope: AgreementScope): AgreementCorpus {
  const key = JSON.stringify(scope);
  let corpus = held!.corpora.get(key);
  if (!corpus) held!.corpora.set(key, (corpus = gatherCorpus(layers.snapshot, scope, layers.names, kept.memo)));
  return corpus;
}
