import { useEffect, useState } from 'react';

/** How long a notice stays at least; longer ones stay longer, as they take longer to read. */
const NOTICE_MIN_MS = 8000;
/** Reading time added per character beyond the first hundred. */
const NOTICE_MS_PER_CHAR = 50;

/**
 * The workbench's latest notice ("Deleted the fact and its 2 links…", a refusal, a result). It goes
 * away on its own once it has had time to be read, and whoever starts the next edit, undo or
 * navigation clears it (`setNotice(null)`), so an old message never describes a state that is gone.
 */
export function useNotice(): [string | null, (message: string | null) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MIN_MS + Math.max(0, notice.length - 100) * NOTICE_MS_PER_CHAR);
    return () => clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice];
}
