import { isAbsolute, relative, resolve } from 'node:path';
import type { AgreementScope, AgreementState, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { AnnotationFile, LinkLayerFile } from '../../../shared/model/workspace.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { AgreementProgress, ReadOrder, UnsavedLayer } from './agreement-messages.js';
import { agreementCacheFile } from './agreement-layer-cache.js';
import { AgreementFailure, AgreementWorker } from './agreement-worker-client.js';

/** The agreement methods of the contract. */
export type AgreementApi = Pick<WorkbenchApi, 'getAgreement' | 'listDisagreements'>;

/** How many scopes' reports are kept. */
const KEPT_REPORTS = 8;
/** How long `getAgreement` waits for a report before answering "computing" (a small workspace is ready by then). */
const QUICK_ANSWER_MS = 150;

/** One report being computed or computed, for one scope at one revision. */
interface Job {
  revision: string;
  progress: AgreementProgress | null;
  /** Settles when the report is ready (or failed). */
  settled: Promise<void>;
  state: Extract<AgreementState, { status: 'ready' }> | null;
  error: WorkbenchError | null;
}

/**
 * Inter-annotator agreement of the open workspace. Reports are computed in a worker thread
 * (`agreement-worker.ts`), never on the event loop that answers requests, from every layer as it is
 * on disk plus what the store holds but could not save; each is kept, per scope, until the store's
 * files change (any edit, or a sync bringing in the team's work: `WorkspaceStore.changeCount`).
 * `getAgreement` answers at once: the report when it is ready, else how far it got. With a cache
 * folder (outside every workspace: the app-data folder's; one inside the workspace is not used), what
 * the worker read of the annotation files is kept there for the next session (`agreement-layer-cache.ts`).
 */
export class AgreementService {
  readonly #jobs = new Map<string, Job>();

  /**
   * @param cacheDir the folder of agreement caches, outside the workspace (null: nothing is cached)
   */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly worker: AgreementWorker = new AgreementWorker(),
    private readonly cacheDir: string | null = null,
  ) {}

  /** The contract's methods. */
  api(): AgreementApi {
    return {
      getAgreement: (scope) => this.agreement(scope ?? {}),
      listDisagreements: async ({ cell }) => {
        try {
          return await this.worker.disagreements(await this.readOrder(), cell);
        } catch (error) {
          throw refusalOf(error);
        }
      },
    };
  }

  /** Stops the worker (the workspace is closing), once it has written its cache. */
  async stop(): Promise<void> {
    await this.worker.close();
  }

  private async agreement(scope: AgreementScope): Promise<AgreementState> {
    const key = scopeKey(scope);
    const revision = this.revision();
    let job = this.#jobs.get(key);
    if (job?.error) {
      // Told once; the next call tries again.
      this.#jobs.delete(key);
      if (job.revision === revision) throw job.error;
      job = undefined;
    }
    if (!job || job.revision !== revision) job = this.start(key, scope, revision);
    if (!job.state) await Promise.race([job.settled, new Promise((resolve) => setTimeout(resolve, QUICK_ANSWER_MS))]);
    if (job.error) {
      this.#jobs.delete(key);
      throw job.error;
    }
    if (job.state) return job.state;
    const progress = job.progress;
    return progress ? { status: 'computing', ...progress } : { status: 'computing', phase: 'starting', done: 0, total: 0 };
  }

  private start(key: string, scope: AgreementScope, revision: string): Job {
    const job: Job = { revision, progress: null, settled: Promise.resolve(), state: null, error: null };
    job.settled = (async () => {
      try {
        const read = await this.readOrder();
        const { report, durationMs } = await this.worker.report(read, scope, (progress) => (job.progress = progress));
        job.state = { status: 'ready', report, computedAt: new Date().toISOString(), durationMs };
      } catch (error) {
        job.error = refusalOf(error);
      }
    })();
    this.#jobs.delete(key);
    this.#jobs.set(key, job);
    while (this.#jobs.size > KEPT_REPORTS) this.#jobs.delete(this.#jobs.keys().next().value!);
    return job;
  }

  /** What the files are now: the store's changes (edits, syncs) so far. */
  private revision(): string {
    return String(this.store.changeCount);
  }

  /** What the worker reads: saved files first, then what the store holds but could not save. */
  private async readOrder(): Promise<ReadOrder> {
    await this.store.flush();
    const me = this.store.annotator;
    // Never inside the workspace (team sync would carry it): there, nothing is cached.
    const cacheFile = this.cacheDir === null || isInside(this.cacheDir, this.store.dir) ? null : agreementCacheFile(this.cacheDir, this.store.dir);
    return { dir: this.store.dir, revision: this.revision(), names: { [me.id]: me.name }, unsaved: this.unsavedLayer(), cacheFile };
  }

  private unsavedLayer(): UnsavedLayer | null {
    const files = this.store.unsavedFiles();
    const annotations = files.filter((f) => f.kind === 'annotations').map((f) => f.content as AnnotationFile);
    const links = files.find((f) => f.kind === 'links')?.content as LinkLayerFile | undefined;
    if (annotations.length === 0 && !links) return null;
    return {
      annotator: this.store.annotator.id,
      annotations: Object.fromEntries(annotations.map((file) => [file.documentId, file.annotations])),
      links: links ? links.links : null,
    };
  }
}

/** Whether `path` is `dir` or inside it. */
function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A scope's key: the same annotators and articles in any order are the same scope. */
function scopeKey(scope: AgreementScope): string {
  return JSON.stringify([scope.annotators ? [...new Set(scope.annotators)].sort() : null, scope.documentIds ? [...new Set(scope.documentIds)].sort() : null]);
}

/** A failure of the worker as the contract says it: the scope and the files are the person's to change. */
function refusalOf(error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (error instanceof AgreementFailure) {
    if (error.failure === 'scope') return new WorkbenchError('invalid-input', error.message);
    if (error.failure === 'read') return new WorkbenchError('storage', error.message);
    return new WorkbenchError('internal', error.message);
  }
  return new WorkbenchError('internal', (error as Error).message ?? String(error));
}
