import { useCallback, useRef, useState } from 'react';

/** Where saving stands: nothing pending, writes in flight, or the last write failed (with why). */
export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; message: string };

/**
 * Tracks edits sent to the services. "Saved" is shown only once every call has resolved, which the
 * services do only after the write is durable.
 */
export function useSaveTracker() {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const pending = useRef(0);
  const track = useCallback(async (edit: () => Promise<void>) => {
    pending.current++;
    setState({ kind: 'saving' });
    try {
      await edit();
      pending.current--;
      setState(pending.current > 0 ? { kind: 'saving' } : { kind: 'saved' });
    } catch (error) {
      pending.current--;
      setState({ kind: 'error', message: (error as Error).message });
    }
  }, []);
  return { state, track };
}

/** The visible saved / saving / error indicator. */
export function SaveStatus({ state }: { state: SaveState }) {
  const text = state.kind === 'saved' ? 'All changes saved' : state.kind === 'saving' ? 'Saving…' : `Not saved: ${state.message}`;
  return (
    <p className="save-status" role="status" data-state={state.kind}>
      {text}
    </p>
  );
}
