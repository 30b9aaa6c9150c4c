import { reanchorAnnotations } from '../../../shared/anchoring/reanchor-annotations.js';
import type { Annotation } from '../../../shared/model/annotation.js';

/** A document's annotations carried over to its new version, with how many landed where. */
export interface CarriedAnnotations {
  annotations: Annotation[];
  /** Annotations placed exactly on the new text (moved or not). */
  placed: number;
  /** Annotations whose quote could not be placed exactly: flagged `orphaned`, never moved. */
  orphaned: number;
}

/**
 * Carries annotations made on an earlier text over to its new version (docs/GUARANTEES.md T3). Each is
 * re-anchored by its quote and surroundings (`reanchorAnnotations`): one placed exactly gets its new
 * offsets and the new text's hash; one that cannot be placed exactly keeps its old fragments and
 * the hash of the text they were taken against, and is flagged `orphaned` so the UI lists it. Ids
 * stay the same, so links to orphaned annotations are kept. `documentId` becomes the new version's.
 */
export function carryAnnotationsToNewVersion(
  previous: readonly Annotation[],
  newText: string,
  target: { documentId: string; contentHash: string; now: string },
): CarriedAnnotations {
  const results = reanchorAnnotations(previous, newText);
  let placed = 0;
  let orphaned = 0;
  const annotations = previous.map((annotation, i): Annotation => {
    const result = results[i]!;
    if (result.status === 'placed') {
      placed++;
      const changed = result.moved || annotation.orphaned || annotation.contentHash !== target.contentHash;
      return {
        ...annotation,
        documentId: target.documentId,
        fragments: result.fragments,
        contentHash: target.contentHash,
        orphaned: false,
        updatedAt: changed ? target.now : annotation.updatedAt,
      };
    }
    orphaned++;
    return { ...annotation, documentId: target.documentId, orphaned: true, updatedAt: target.now };
  });
  return { annotations, placed, orphaned };
}
