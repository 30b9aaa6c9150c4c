import { useEffect, useState } from 'react';
import type { Annotator } from '../../../../shared/api/contract/index.js';
import { useCache } from '../../client/workbench-context.js';
import { useMyAssignments } from './my-assignments.js';

/**
 * The workspace's annotators (me first, then by name), read again whenever I may have changed
 * (another identity) or someone became an annotator. Empty until read.
 */
export function useAnnotators(): readonly Annotator[] {
  const cache = useCache();
  const [{ me }] = useMyAssignments();
  const [annotators, setAnnotators] = useState<readonly Annotator[]>([]);
  useEffect(() => {
    let current = true;
    void cache.api.listAnnotators().then(
      (list) => current && setAnnotators([...list].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [cache, me]);
  return annotators;
}

/** How an annotator is named in lists: their name, "you" for me, their id when not known. */
export function annotatorLabel(annotators: readonly Annotator[], id: string): string {
  const known = annotators.find((a) => a.id === id);
  if (!known) return id;
  return known.isMe ? `${known.name} (you)` : known.name;
}
