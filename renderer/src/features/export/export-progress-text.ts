import type { ExportProgress } from '../../../../shared/api/export-schemas.js';
import type { ExportFormatId } from '../../../../shared/formats/export-formats.js';

/** The name of each export format in the format picker. */
export const formatNames: Readonly<Record<ExportFormatId, string>> = {
  native: 'Corroborate workspace (native JSON)',
  jsonl: 'JSON Lines (one article per line)',
  w3c: 'W3C Web Annotation (JSON-LD)',
  'w3c-jsonl': 'W3C Web Annotation (JSON Lines)',
  brat: 'brat standoff',
  csv: 'CSV tables',
  labelstudio: 'Label Studio tasks',
  doccano: 'doccano JSONL',
  'conll-coref': 'CoNLL cross-document coreference',
};

/** A byte count for people: `512 bytes`, `12.3 KB`, `4.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a running export is doing, in one sentence. */
export function describeProgress(progress: ExportProgress): string {
  switch (progress.phase) {
    case 'reading':
      return `Reading articles: ${progress.documentsRead} of ${progress.documentCount}`;
    case 'writing': {
      const what = progress.annotationCount === null ? '' : ` (${progress.annotationCount} annotations)`;
      return `Writing ${progress.currentFile ?? ''}${what}: ${progress.filesWritten} ${progress.filesWritten === 1 ? 'file' : 'files'} done, ${formatBytes(progress.bytesWritten)} written`;
    }
    case 'finishing':
      return `Putting the folder in place: ${progress.filesWritten} files, ${formatBytes(progress.bytesWritten)}`;
    case 'finished':
      return progress.state === 'done' ? 'Finished' : progress.state === 'cancelled' ? 'Cancelled' : 'Failed';
  }
}

/**
 * How far along the bar is, 0–1, or null when not known (writing: the size of the output is not
 * known beforehand, so the bar shows activity and the text counts files and bytes).
 */
export function progressFraction(progress: ExportProgress): number | null {
  if (progress.phase === 'reading') return progress.documentCount === 0 ? 0 : progress.documentsRead / progress.documentCount;
  if (progress.phase === 'finished' || progress.phase === 'finishing') return 1;
  return null;
}
