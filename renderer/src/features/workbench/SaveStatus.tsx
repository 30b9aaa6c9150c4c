import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbenchApi } from '../../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../../shared/api/workbench-error.js';

/** Where saving stands: nothing pending, writes in flight, or a write failed (with why). */
export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; message: string };

/** How often the indicator asks whether a failed save has gone through on retry. */
const RETRY_POLL_MS = 2000;

/** Callbacks for what a tracked edit's failure means to the rest of the UI. */
export interface SaveTrackerOptions {
  /** The edit was refused (read-only workspace, invalid input): nothing to save, say why. */
  onRefused(message: string): void;
  /** The edit is kept by the services but not on disk yet: show what they now hold. */
  onKeptUnsaved(): void;
}

/**
 * Tracks edits sent to the services. "Saved" is shown only once every call has resolved, which the
 * services do only after the write is durable. When a write fails (disk full, read-only disk) the
 * services keep the edit and retry; the indicator then polls until the save has gone through.
 */
export function useSaveTracker(api: WorkbenchApi, options: SaveTrackerOptions) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const pending = useRef(0);
  const latest = useRef(options);
  latest.current = options;

  const track = useCallback(async (edit: () => Promise<void>) => {
    pending.current++;
    setState({ kind: 'saving' });
    try {
      await edit();
      pending.current--;
      setState((current) => (pending.current > 0 ? { kind: 'saving' } : current.kind === 'error' ? current : { kind: 'saved' }));
    } catch (error) {
      pending.current--;
      const code = error instanceof WorkbenchError ? error.code : 'internal';
      if (code === 'read-only' || code === 'invalid-input' || code === 'not-found' || code === 'conflict') {
        latest.current.onRefused((error as Error).message);
        setState((current) => (pending.current > 0 ? { kind: 'saving' } : current.kind === 'error' ? current : { kind: 'saved' }));
        return;
      }
      if (code === 'storage') latest.current.onKeptUnsaved();
      setState({ kind: 'error', message: (error as Error).message });
    }
  }, []);

  // While a save has failed, ask the services whether their retries have got it to disk.
  useEffect(() => {
    if (state.kind !== 'error') return;
    const timer = setInterval(() => {
      void api.getSaveStatus().then(
        (status) => {
          if (status.state === 'saved' && pending.current === 0) setState({ kind: 'saved' });
        },
        () => undefined,
      );
    }, RETRY_POLL_MS);
    return () => clearInterval(timer);
  }, [api, state.kind]);

  return { state, track };
}

/** The visible saved / saving / error indicator. */
export function SaveStatus({ state }: { state: SaveState }) {
  const text = state.kind === 'saved' ? 'All changes saved' : state.kind === 'saving' ? 'Saving…' : state.message;
  return (
    <p className="save-status" role="status" data-state={state.kind}>
      {text}
    </p>
  );
}
