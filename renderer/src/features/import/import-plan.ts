import { fileKindOf } from '../../../../shared/import/article-format.js';

/** A file the person chose or dropped, with how messages will name it. */
export interface ImportSource {
  file: Blob & { readonly name: string; readonly size: number };
  /** The file name, or its path inside a chosen or dropped folder (`news/2021/a.txt`). */
  path: string;
  fromFolder: boolean;
}

/** One piece of one file to send: `length` bytes from `offset` (0 bytes for a file refused unread). */
export interface PlannedPiece {
  /** Index of the file in the sources. */
  index: number;
  offset: number;
  length: number;
}

/**
 * Whether a file's bytes are worth reading: not when it is over the size limit (refused on its size
 * alone), nor, inside a folder, when it is hidden or not an article file. The service makes the same
 * judgement and says why; this only spares reading what it would refuse unread.
 */
export function shouldRead(source: Pick<ImportSource, 'path' | 'fromFolder'> & { size: number }, maxFileBytes: number): boolean {
  if (source.size > maxFileBytes) return false;
  if (!source.fromFolder) return true;
  if (source.path.split(/[\\/]/).some((part) => part.startsWith('.'))) return false;
  return fileKindOf(source.path).kind === 'format';
}

/**
 * Splits the files of an import into batches of at most `maxBatchBytes` bytes (and at most
 * `maxPiecesPerBatch` pieces): small files travel several to a batch, large ones in pieces of
 * `maxBatchBytes`, in order. A file refused unread travels as one empty piece.
 */
export function planBatches(
  sources: readonly (Pick<ImportSource, 'path' | 'fromFolder'> & { size: number })[],
  limits: { maxFileBytes: number; maxBatchBytes: number; maxPiecesPerBatch?: number },
): PlannedPiece[][] {
  const maxPieces = limits.maxPiecesPerBatch ?? 200;
  const batches: PlannedPiece[][] = [];
  let batch: PlannedPiece[] = [];
  let batchBytes = 0;
  const push = (piece: PlannedPiece) => {
    if (batch.length > 0 && (batchBytes + piece.length > limits.maxBatchBytes || batch.length >= maxPieces)) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(piece);
    batchBytes += piece.length;
  };
  sources.forEach((source, index) => {
    if (!shouldRead(source, limits.maxFileBytes) || source.size === 0) {
      push({ index, offset: 0, length: 0 });
      return;
    }
    for (let offset = 0; offset < source.size; offset += limits.maxBatchBytes) {
      push({ index, offset, length: Math.min(limits.maxBatchBytes, source.size - offset) });
    }
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}
