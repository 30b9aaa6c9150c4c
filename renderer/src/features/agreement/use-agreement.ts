import { useEffect, useState } from 'react';
import type { AgreementState } from '../../../../shared/api/contract/index.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

/** How often the view asks again while the figures are computed. */
const POLL_MS = 300;

/** The agreement as the view shows it: the state the services gave (computing or ready), or why it failed. */
export interface AgreementReading {
  state: AgreementState | null;
  error: string | null;
  /** Asks again (after a failure). */
  retry(): void;
}

/**
 * Asks for the agreement of every annotator when the view opens and whenever the workspace is read
 * again (a sync brought in the team's work), then again and again while it is computed: the
 * services compute it in the background and answer at once, so nothing here ever waits long.
 */
export function useAgreement(): AgreementReading {
  const cache = useCache();
  const workspace = useWorkbenchState((state) => state.workspace);
  const [state, setState] = useState<AgreementState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = () =>
      cache.api.getAgreement({}).then(
        (next) => {
          if (!current) return;
          setState(next);
          setError(null);
          if (next.status === 'computing') timer = setTimeout(ask, POLL_MS);
        },
        (failure: unknown) => current && setError((failure as Error).message),
      );
    void ask();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [cache, workspace, attempt]);

  return { state, error, retry: () => (setError(null), setAttempt((n) => n + 1)) };
}
