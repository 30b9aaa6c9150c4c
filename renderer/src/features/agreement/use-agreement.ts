import { useEffect, useState } from 'react';
import type { AgreementScope, AgreementState } from '../../../../shared/api/contract/index.js';
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
 * Asks for the agreement of `scope` (null: nothing to ask) when the view opens and whenever the
 * workspace is read again (a sync brought in the team's work), then again and again while it is
 * computed: the services compute it in the background and answer at once, so nothing here waits long.
 */
export function useAgreement(scope: AgreementScope | null): AgreementReading {
  const key = scope === null ? null : JSON.stringify(scope);
  const cache = useCache();
  const workspace = useWorkbenchState((state) => state.workspace);
  const [state, setState] = useState<AgreementState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setState(null);
    setError(null);
    if (key === null) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = () =>
      cache.api.getAgreement(JSON.parse(key) as AgreementScope).then(
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
  }, [cache, workspace, attempt, key]);

  return { state, error, retry: () => (setError(null), setAttempt((n) => n + 1)) };
}
