import { isAbsolute, join } from 'node:path';
import type { AnnotationImportSummary, ExportOptions, ExportProgress } from '../../../shared/api/export-schemas.js';
import type { MethodInput } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { EXPORT_FORMAT_IDS, exportFormats } from '../../../shared/formats/export-formats.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { WORKSPACE_EXPORTS_FOLDER } from './export-destination.js';
import { ExportJobs } from './export-jobs.js';
import { importAnnotations } from './import-annotations.js';
import { checkLayerChoice, countCuratedDocuments, InvalidExportLayerError, resolveLayerChoice, workspaceAnnotators } from './read-export-layers.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';

/**
 * The export and import-annotations methods of the contract, over one open workspace. The
 * WorkbenchService delegates to it.
 */
export class ExportService {
  private readonly jobs: ExportJobs;

  /** Serves exports and imports of `store`, stamping imports with its annotator and `now`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly now: () => Date,
  ) {
    this.jobs = new ExportJobs(store);
  }

  /** See the contract. */
  async getExportOptions(): Promise<ExportOptions> {
    const stamp = exportTimestamp(this.now());
    const documentIds = this.store.workspace.documents.map((d) => d.id);
    const annotators = (await workspaceAnnotators(this.store)).filter((a) => a.id !== CURATED_ANNOTATOR);
    return {
      formats: EXPORT_FORMAT_IDS.map((id) => {
        const { description, offsetUnit, refusesAllLayers } = exportFormats[id];
        return { id, description, offsetUnit, refusesAllLayers };
      }),
      defaultDestinations: Object.fromEntries(EXPORT_FORMAT_IDS.map((id) => [id, defaultExportDestination(this.store.dir, id, stamp)])),
      layers: {
        me: this.store.annotator.id,
        annotators: annotators.map(({ id, name }) => ({ id, name })),
        curatedDocuments: await countCuratedDocuments(this.store.dir, documentIds),
        documentCount: documentIds.length,
      },
    };
  }

  /** See the contract. */
  async startExport({ format, scope, layer, destination, overwrite }: MethodInput<'startExport'>): Promise<{ jobId: string }> {
    if (!isAbsolute(destination)) {
      throw new WorkbenchError('invalid-input', `Give the destination as a full path (such as ${join(this.store.dir, WORKSPACE_EXPORTS_FOLDER, format)}), not "${destination}".`);
    }
    try {
      await checkLayerChoice(this.store, format, resolveLayerChoice(this.store, layer));
    } catch (error) {
      if (error instanceof InvalidExportLayerError) throw new WorkbenchError('invalid-input', error.message);
      throw error;
    }
    return { jobId: this.jobs.start({ format, scope, layer, destination, overwrite }) };
  }

  /** See the contract. */
  async getExportProgress({ jobId }: MethodInput<'getExportProgress'>): Promise<ExportProgress> {
    return this.jobs.progress(jobId);
  }

  /** See the contract. */
  async cancelExport({ jobId }: MethodInput<'cancelExport'>): Promise<ExportProgress> {
    return this.jobs.cancel(jobId);
  }

  /** Waits for an export job to end (for tests and the CLI; not in the contract). */
  async waitForExport(jobId: string): Promise<ExportProgress> {
    return this.jobs.finished(jobId);
  }

  /** See the contract. */
  async importAnnotations({ format, path }: MethodInput<'importAnnotations'>): Promise<AnnotationImportSummary> {
    if (!isAbsolute(path)) throw new WorkbenchError('invalid-input', `Give the path to import as a full path, not "${path}".`);
    const { name, id } = this.store.annotator;
    return importAnnotations(this.store, format, path, { author: name, annotator: id, timestamp: this.now().toISOString() });
  }
}

/** `<workspace>/exports/<format>-<YYYY-MM-DD_HH-MM-SS>`: where an export goes unless the user says otherwise. */
export function defaultExportDestination(workspaceDir: string, format: string, stamp: string): string {
  return join(workspaceDir, WORKSPACE_EXPORTS_FOLDER, `${format}-${stamp}`);
}

/** A local date and time that sorts and is safe in file names on every platform: `2024-05-01_10-00-00`. */
export function exportTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}
