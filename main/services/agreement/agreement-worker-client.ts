import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AgreementCell, AgreementReport, AgreementScope, DisagreementList } from '../../../shared/api/contract/agreement.js';
import type { AgreementFailureKind, AgreementProgress, AgreementRequest, AgreementResponse, ReadOrder } from './agreement-messages.js';

/** A request the worker could not answer; `failure` says why (the scope, the workspace's files, or a fault). */
export class AgreementFailure extends Error {
  override readonly name = 'AgreementFailure';
  constructor(
    readonly failure: AgreementFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** The bundle of the worker, next to the bundle that starts it (`tools/build/build.ts` writes both). */
export const AGREEMENT_WORKER_BUNDLE = 'agreement-worker.cjs';

/** How long an idle worker is kept (with the workspace it read) before it is stopped. */
const IDLE_MS = 120_000;
/** How long closing waits for the worker to finish what it was asked (writing its cache), at most. */
const FINISH_MS = 5_000;

/** A request without its id (each member of the union without it). */
type RequestBody = AgreementRequest extends infer R ? (R extends AgreementRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(response: AgreementResponse): void;
  reject(error: Error): void;
  onProgress?: ((progress: AgreementProgress) => void) | undefined;
}

/**
 * Talks to the agreement worker thread (`agreement-worker.ts`): started on the first request,
 * stopped when idle for a while or when closed, never keeping the process alive. From a bundle
 * (the app, the browser host, the CLI) it runs the worker's bundle next to it; from the sources
 * (tests, `tsx`) it runs the worker's TypeScript through tsx.
 */
export class AgreementWorker {
  #worker: Worker | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #idle: NodeJS.Timeout | null = null;

  /**
   * @param bundle the worker's bundle to run (the benchmark runs the built one from the sources);
   *   by default the one next to this bundle, or the TypeScript source through tsx
   * @param onNote told what the worker notes (a cache file ignored or not written: the file and why);
   *   by default one line to stderr
   */
  constructor(
    private readonly bundle: URL | null = null,
    private readonly onNote: (note: string) => void = (note) => process.stderr.write(`${note}\n`),
  ) {}

  /** The agreement report of `scope` in the workspace `read` names, with how long the worker took (`readMs` of it reading). */
  async report(read: ReadOrder, scope: AgreementScope, onProgress?: (progress: AgreementProgress) => void): Promise<{ report: AgreementReport; durationMs: number; readMs: number }> {
    const response = await this.request({ kind: 'report', read, scope }, onProgress);
    if (response.kind !== 'report') throw new AgreementFailure('internal', 'The agreement worker answered something else than a report.');
    return response;
  }

  /** The disagreements behind one figure. */
  async disagreements(read: ReadOrder, cell: AgreementCell): Promise<DisagreementList> {
    const response = await this.request({ kind: 'disagreements', read, cell });
    if (response.kind !== 'disagreements') throw new AgreementFailure('internal', 'The agreement worker answered something else than a list.');
    return response.list;
  }

  /**
   * Stops the worker. Waiting requests fail at once; when none is waiting, the worker first finishes
   * writing its cache (a few seconds at most), so the next session finds it.
   */
  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    if (worker && this.#pending.size === 0) await this.finish();
    this.#worker = null;
    this.failAll(new AgreementFailure('internal', 'The workspace was closed while agreement was computed.'));
    await worker?.terminate();
  }

  /**
   * Stops the worker as when it has been idle for a while: it first writes its cache. A request that
   * arrives meanwhile keeps it (the worker answers it after writing), and it is stopped when idle again.
   */
  async stopWhenIdle(): Promise<void> {
    const worker = this.#worker;
    if (!worker || this.#pending.size > 0) return;
    const finishing = this.#nextId;
    await this.finish();
    // Another request since `finish` (ids count up): the worker is kept for it.
    if (this.#worker !== worker || this.#nextId !== finishing + 1) return;
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#worker = null;
    this.failAll(new AgreementFailure('internal', 'The agreement worker was stopped.'));
    await worker.terminate();
  }

  /** Asks the worker to finish what it was asked (writing its cache), waiting for it a few seconds at most. */
  private async finish(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const finished = this.request({ kind: 'finish' }).catch(() => undefined);
    await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, FINISH_MS)))]);
    clearTimeout(timer);
    if (this.#idle) clearTimeout(this.#idle);
  }

  private request(body: RequestBody, onProgress?: (progress: AgreementProgress) => void): Promise<AgreementResponse> {
    const id = this.#nextId++;
    const worker = this.worker();
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    worker.ref();
    return new Promise<AgreementResponse>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...body, id } as AgreementRequest);
    });
  }

  private worker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.bundle ? new Worker(this.bundle) : startWorker();
    worker.on('message', (response: AgreementResponse) => this.answer(response));
    worker.on('error', (error) => this.stopped(worker, new AgreementFailure('internal', `Agreement could not be computed: ${error.message}`)));
    worker.on('exit', (code) => this.stopped(worker, new AgreementFailure('internal', `The agreement worker stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }

  private answer(response: AgreementResponse): void {
    if (response.kind === 'note') return this.onNote(response.message);
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    if (response.kind === 'progress') return pending.onProgress?.(response);
    this.#pending.delete(response.id);
    if (response.kind === 'failed') pending.reject(new AgreementFailure(response.failure, response.message));
    else pending.resolve(response);
    if (this.#pending.size === 0) this.idle();
  }

  /** Nothing is waiting: the worker does not keep the process alive, and stops after a while. */
  private idle(): void {
    const worker = this.#worker;
    worker?.unref();
    this.#idle = setTimeout(() => {
      if (this.#worker === worker) void this.stopWhenIdle();
    }, IDLE_MS);
    this.#idle.unref();
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }
}

/** Starts the worker: its bundle next to this one, or its source through tsx when running from the sources. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${AGREEMENT_WORKER_BUNDLE}`, here));
  const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./agreement-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}
