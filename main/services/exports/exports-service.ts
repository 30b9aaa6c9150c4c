import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ExportService } from './export-service.js';

/** The exports domain: export jobs, and importing annotations from W3C or brat files. */
export type ExportsService = Pick<WorkbenchApi, 'getExportOptions' | 'startExport' | 'getExportProgress' | 'cancelExport' | 'importAnnotations'>;

/** The exports services, served by one export job runner. */
export function exportsService(exports: ExportService): ExportsService {
  return {
    getExportOptions: () => exports.getExportOptions(),
    startExport: (input) => exports.startExport(input),
    getExportProgress: (input) => exports.getExportProgress(input),
    cancelExport: (input) => exports.cancelExport(input),
    importAnnotations: (input) => exports.importAnnotations(input),
  };
}
