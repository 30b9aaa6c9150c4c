import { randomUUID } from 'node:crypto';
import type { ExportProgress } from '../../../shared/api/export-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { WorkspaceReadError } from '../../workspace/read-only-workspace.js';
import { exportToFolder, InvalidExportScopeError, type ExportToFolderRequest } from './export-to-folder.js';
import { WorkspaceNotExportableError } from './read-workspace-snapshot.js';
import { InvalidExportLayerError } from './read-export-layers.js';
import { ExportDestinationError } from './export-destination.js';
import { ExportCancelledError, ExportWriteError } from './write-export-folder.js';

/** How many finished jobs are remembered for late polls. */
const FINISHED_JOBS_KEPT = 20;

interface ExportJob {
  destination: string;
  progress: ExportProgress;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Export jobs of one workspace: `start` checks the request and begins exporting in the
 * background, `progress` says where a job stands (polled by the UI), `cancel` stops it without
 * leaving anything behind. One job writes at a time per destination; finished jobs are kept for a
 * while so a late poll still gets the summary.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  /** Serves exports of `store`. */
  constructor(private readonly store: WorkspaceStore) {}

  /** Starts an export and returns its job id at once. */
  start(request: ExportToFolderRequest): string {
    const running = [...this.jobs.values()].find((j) => j.progress.state === 'running' && j.destination === request.destination);
    if (running) throw new WorkbenchError('conflict', `An export into ${request.destination} is already running.`);
    const jobId = randomUUID();
    const controller = new AbortController();
    const progress: ExportProgress = {
      jobId,
      state: 'running',
      phase: 'reading',
      documentsRead: 0,
      documentCount: this.store.workspace.documents.length,
      filesWritten: 0,
      bytesWritten: 0,
      currentFile: null,
      annotationCount: null,
      summary: null,
      error: null,
    };
    const job: ExportJob = { progress, controller, destination: request.destination, done: Promise.resolve() };
    job.done = this.run(job, request);
    this.jobs.set(jobId, job);
    this.forgetOldJobs();
    return jobId;
  }

  /** Where a job stands (a copy). */
  progress(jobId: string): ExportProgress {
    return structuredClone(this.require(jobId).progress);
  }

  /** Cancels a running job and waits until its temp files are gone; a finished job is left as it is. */
  async cancel(jobId: string): Promise<ExportProgress> {
    const job = this.require(jobId);
    if (job.progress.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    return this.progress(jobId);
  }

  /** Waits for a job to finish (tests and the CLI). */
  async finished(jobId: string): Promise<ExportProgress> {
    await this.require(jobId).done;
    return this.progress(jobId);
  }

  private async run(job: ExportJob, request: ExportToFolderRequest): Promise<void> {
    const progress = job.progress;
    try {
      const summary = await exportToFolder(this.store, request, {
        signal: job.controller.signal,
        onProgress: (step) => {
          if (step.phase === 'reading') {
            progress.documentsRead = step.documentsRead;
            progress.documentCount = step.documentCount;
          } else {
            progress.phase = step.currentFile === null ? 'finishing' : 'writing';
            progress.filesWritten = step.filesWritten;
            progress.bytesWritten = step.bytesWritten;
            progress.currentFile = step.currentFile;
            progress.annotationCount = step.annotationCount;
          }
        },
      });
      Object.assign(progress, { state: 'done', phase: 'finished', currentFile: null, summary, annotationCount: summary.annotations });
    } catch (error) {
      progress.phase = 'finished';
      progress.currentFile = null;
      if (error instanceof ExportCancelledError || job.controller.signal.aborted) {
        progress.state = 'cancelled';
        progress.error = new ExportCancelledError().message;
      } else {
        progress.state = 'failed';
        progress.error = describeExportFailure(error);
      }
    }
  }

  private require(jobId: string): ExportJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new WorkbenchError('not-found', 'There is no such export (it may have finished long ago).');
    return job;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs].filter(([, j]) => j.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(id);
  }
}

/** A failed export's message for people: our own errors as they are, disk errors with their path. */
export function describeExportFailure(error: unknown): string {
  if (
    error instanceof ExportDestinationError ||
    error instanceof ExportWriteError ||
    error instanceof WorkspaceNotExportableError ||
    error instanceof InvalidExportScopeError ||
    error instanceof InvalidExportLayerError
  ) {
    return error.message;
  }
  if (error instanceof WorkspaceReadError) return `${error.message} Nothing was exported.`;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const path = (error as NodeJS.ErrnoException | null)?.path;
  if (code === 'ENOSPC') return `The disk is full${path ? ` (writing ${path})` : ''}; nothing was written.`;
  if (code === 'EACCES' || code === 'EPERM') return `Corroborate may not write ${path ?? 'there'}; nothing was written.`;
  return `The export failed: ${(error as Error).message ?? String(error)}. Nothing was written.`;
}
