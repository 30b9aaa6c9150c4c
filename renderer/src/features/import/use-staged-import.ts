import { useCallback, useRef, useState } from 'react';
import type { WorkbenchApi } from '../../../../shared/api/contract/index.js';
import type { ImportResult, StagedFile } from '../../../../shared/api/import-schemas.js';
import { planBatches, type ImportSource } from './import-plan.js';

/** Where an import stands, as the dialog shows it. */
export type ImportPhase =
  | { kind: 'choosing' }
  | { kind: 'reading'; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number; cancelling: boolean }
  | { kind: 'review'; importId: string; files: StagedFile[] }
  | { kind: 'saving' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; importId: string | null; files: StagedFile[] };

/**
 * Runs one import from the renderer: begins a staged import, reads the chosen files in batches
 * (large ones in pieces) and sends them, showing progress; then the person reviews what was found
 * and commits it, or cancels at any point. The workspace changes only on commit.
 */
export function useStagedImport(api: WorkbenchApi) {
  const [phase, showPhase] = useState<ImportPhase>({ kind: 'choosing' });
  const cancelRequested = useRef(false);
  // The phase as last set, not as last drawn: a Cancel pressed between the two must see the review.
  const latest = useRef(phase);
  const setPhase = useCallback((next: ImportPhase | ((current: ImportPhase) => ImportPhase)) => {
    latest.current = typeof next === 'function' ? next(latest.current) : next;
    showPhase(latest.current);
  }, []);

  const start = useCallback(
    async (sources: readonly ImportSource[]) => {
      if (sources.length === 0) return;
      cancelRequested.current = false;
      const bytesTotal = sources.reduce((n, s) => n + s.file.size, 0);
      setPhase({ kind: 'reading', filesDone: 0, filesTotal: sources.length, bytesDone: 0, bytesTotal, cancelling: false });
      let importId: string | null = null;
      const files: StagedFile[] = [];
      try {
        const begun = await api.beginImport();
        importId = begun.importId;
        let bytesDone = 0;
        for (const batch of planBatches(sources.map((s) => ({ path: s.path, fromFolder: s.fromFolder, size: s.file.size })), begun)) {
          if (cancelRequested.current) break;
          const pieces = await Promise.all(
            batch.map(async ({ index, offset, length }) => {
              const source = sources[index]!;
              const base64 = length === 0 ? '' : await blobToBase64(source.file.slice(offset, offset + length), source.path);
              return { fileKey: String(index), path: source.path, fromFolder: source.fromFolder, size: source.file.size, offset, base64 };
            }),
          );
          const result = await api.addImportFiles({ importId, files: pieces });
          files.push(...result.files);
          bytesDone += batch.reduce((n, p) => n + (p.length === 0 ? sources[p.index]!.file.size : p.length), 0);
          setPhase((current) =>
            current.kind === 'reading' ? { ...current, filesDone: files.length, bytesDone: Math.min(bytesDone, bytesTotal) } : current,
          );
        }
        if (cancelRequested.current) {
          await api.cancelImport({ importId }).catch(() => undefined);
          setPhase({ kind: 'cancelled' });
          return;
        }
        setPhase({ kind: 'review', importId, files });
      } catch (error) {
        if (importId !== null) await api.cancelImport({ importId }).catch(() => undefined);
        setPhase({ kind: 'failed', message: (error as Error).message, importId: null, files });
      }
    },
    [api, setPhase],
  );

  const cancel = useCallback(async () => {
    cancelRequested.current = true;
    setPhase((current) => (current.kind === 'reading' ? { ...current, cancelling: true } : current));
    const now = latest.current;
    if (now.kind === 'review' || (now.kind === 'failed' && now.importId !== null)) {
      await api.cancelImport({ importId: now.importId! }).catch(() => undefined);
      setPhase({ kind: 'cancelled' });
    }
  }, [api, setPhase]);

  const commit = useCallback(
    async (replace: readonly string[]) => {
      if (phase.kind !== 'review' && !(phase.kind === 'failed' && phase.importId !== null)) return null;
      const { importId, files } = phase as { importId: string; files: StagedFile[] };
      setPhase({ kind: 'saving' });
      try {
        const result = await api.commitImport({ importId, replace: [...replace] });
        setPhase({ kind: 'done', result });
        return result;
      } catch (error) {
        // The staged import is still open: the person may try again or cancel.
        setPhase({ kind: 'failed', message: (error as Error).message, importId, files });
        return null;
      }
    },
    [api, phase],
  );

  const reset = useCallback(() => setPhase({ kind: 'choosing' }), []);

  return { phase, start, cancel, commit, reset };
}

/** A blob's bytes as base64, read by the browser (no per-byte work in script). */
function blobToBase64(blob: Blob, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`${path} could not be read (${reader.error?.message ?? 'unknown error'}). Nothing was imported.`));
    reader.readAsDataURL(blob);
  });
}
