import { useSyncExternalStore } from 'react';

/** A stretch of an article to show with every layer compared (a disagreement the agreement view lists). */
export interface ComparedPlace {
  documentId: string;
  start: number;
  end: number;
}

let asked: ComparedPlace | null = null;
const listeners = new Set<() => void>();

/**
 * Asks the article view to show `place` with every layer compared, once its article is open: the
 * layer chooser turns to "Compare all layers" and the place is outlined and scrolled to.
 */
export function showPlaceInLayers(place: ComparedPlace): void {
  asked = place;
  for (const listener of listeners) listener();
}

/** The place asked for in the article `documentId`, until it is taken (`takePlace`). */
export function usePlaceAskedFor(documentId: string | null): ComparedPlace | null {
  const place = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => asked,
  );
  return place && place.documentId === documentId ? place : null;
}

/** The place was shown: it is not asked for again. */
export function takePlace(place: ComparedPlace): void {
  if (asked !== place) return;
  asked = null;
  for (const listener of listeners) listener();
}
