import type { WorkspaceSnapshot } from '../model/workspace.js';

/**
 * One file of an export: a relative POSIX path and its contents as string chunks. The chunks are
 * produced lazily (exporters are generators), so a caller can write them out one by one and never
 * hold the whole output in memory. An iterable from a generator can be consumed only once.
 */
export interface ExportedFile {
  /** Relative, POSIX-separated path inside the export (`brat/mayor-li-3f2a.ann`). */
  path: string;
  /** The file's text, in order; joined they are the whole file (UTF-8 when written). */
  chunks: Iterable<string>;
}

/** A transform from a workspace to the files of one dataset format. Never writes anything. */
export type Exporter<Options = undefined> = (snapshot: WorkspaceSnapshot, options?: Options) => Iterable<ExportedFile>;

/** Joins a file's chunks into one string (for small exports and tests; big ones should stream). */
export function exportedFileText(file: ExportedFile): string {
  let text = '';
  for (const chunk of file.chunks) text += chunk;
  return text;
}

/** Runs an export to completion and returns every file's text by path, in export order. */
export function collectExportedFiles(files: Iterable<ExportedFile>): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const file of files) byPath.set(file.path, exportedFileText(file));
  return byPath;
}
