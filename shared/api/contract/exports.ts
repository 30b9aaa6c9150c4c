import { z } from 'zod';
import { ANNOTATION_IMPORT_FORMAT_IDS, AnnotationImportSummarySchema, ExportOptionsSchema, ExportProgressSchema, ExportRequestSchema } from '../export-schemas.js';
import { type MethodSpec, method, noInput } from './ids.js';

/** Exports (jobs writing a folder all or nothing) and annotation imports from W3C and brat. */
export const exportsContract = {
  /** The export formats (with the offset unit each writes) and a suggested destination folder for each. */
  getExportOptions: method(noInput, ExportOptionsSchema),

  /**
   * Starts exporting (a format, a scope, an absolute destination folder that must be new or empty,
   * or an earlier export of ours with `overwrite`; never inside a workspace but below its
   * `exports/`) and returns a job id at once; poll `getExportProgress`. Written all or nothing,
   * every byte checked: a temp folder renamed into place when complete.
   */
  startExport: method(ExportRequestSchema, z.object({ jobId: z.string() })),

  /** Where an export job stands; once finished, its summary (files, counts, what was left out and why) or its error. */
  getExportProgress: method(z.object({ jobId: z.string().min(1).max(100) }).strict(), ExportProgressSchema),

  /** Cancels a running export; resolves once nothing of it is left on disk. */
  cancelExport: method(z.object({ jobId: z.string().min(1).max(100) }).strict(), ExportProgressSchema),

  /**
   * Imports annotations and links from a W3C Web Annotation file or a brat folder (absolute path)
   * onto documents already in the workspace; all or nothing, with every problem reported.
   */
  importAnnotations: method(
    z.object({ format: z.enum(ANNOTATION_IMPORT_FORMAT_IDS), path: z.string().min(1).max(4096) }).strict(),
    AnnotationImportSummarySchema,
  ),
} satisfies Record<string, MethodSpec>;
