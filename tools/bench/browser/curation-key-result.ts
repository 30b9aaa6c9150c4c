/** How long one key of the Curate view took (W9B): until the next disagreement was in the DOM, painted, and (for a choice) saved. No DOM types here: Node reads it too. */
export type CurationKeyResult = { inDom: number; painted: number; saved: number; heading: string } | { skipped: string };
