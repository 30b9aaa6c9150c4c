import { useEffect, useState } from 'react';
import type { Annotator, Layer } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import { takePlace, usePlaceAskedFor, type ComparedPlace } from './compared-place.js';
import { useMyIdentity } from './my-identity.js';

/** Which layer of the open article is shown: mine (editable), another annotator's (read-only), or all of them compared. */
export type LayerChoice = { kind: 'mine' } | { kind: 'annotator'; annotator: string } | { kind: 'compare' };

/** The layers of the open article as the workbench shows them. */
export interface Layers {
  choice: LayerChoice;
  choose(choice: LayerChoice): void;
  /** Shows another annotator's layer with one of their annotations picked and scrolled to (from the history). */
  reveal(annotator: string, annotationId: string): void;
  /** The annotation `reveal` asked to show, until another layer is chosen. */
  revealed: string | null;
  /** The place shown with every layer compared (a disagreement of the agreement view), until another layer is chosen. */
  place: ComparedPlace | null;
  /** Every annotator of the workspace (me first). */
  annotators: readonly Annotator[];
  /** The layers read for the choice (the one chosen, or every one when comparing); null while reading. */
  shown: readonly Layer[] | null;
  /** Why they could not be read, if they could not. */
  error: string | null;
  /** Tells the person why a key did nothing (another annotator's layer is read-only). */
  notice(message: string): void;
}

/**
 * The layer chooser's state for the open article: which annotators there are, which layer is
 * chosen, and that layer (or every layer) read from the services. Another annotator's layer is
 * read again when the article, my identity or the workspace (after a sync) changes; mine is what
 * the cache holds.
 */
export function useLayers(documentId: string | null, notice: (message: string) => void): Layers {
  const cache = useCache();
  const [identity] = useMyIdentity();
  const [choice, setChoice] = useState<LayerChoice>({ kind: 'mine' });
  const [revealed, setRevealed] = useState<string | null>(null);
  const [place, setPlace] = useState<ComparedPlace | null>(null);
  const asked = usePlaceAskedFor(documentId);
  const [annotators, setAnnotators] = useState<readonly Annotator[]>([]);
  const [shown, setShown] = useState<readonly Layer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // My annotations changing (an edit) reads the compared layers again.
  const mine = useWorkbenchState((state) => (documentId ? state.opened.get(documentId)?.annotations : undefined));
  // The workspace read again (a sync brought in the team's work) may name new annotators.
  const workspace = useWorkbenchState((state) => state.workspace);

  useEffect(() => {
    let current = true;
    void cache.api.listAnnotators().then((list) => current && setAnnotators([...list].sort((a, b) => Number(b.isMe) - Number(a.isMe))));
    return () => {
      current = false;
    };
  }, [cache, identity.revision, workspace]);

  useEffect(() => {
    if (!documentId || choice.kind === 'mine') return setShown(null);
    let current = true;
    setError(null);
    const read = choice.kind === 'compare' ? cache.api.listLayers({ documentId }) : cache.api.openLayer({ documentId, annotator: choice.annotator }).then((l) => [l]);
    read.then(
      (layers) => current && setShown(layers),
      (failure: unknown) => current && setError((failure as Error).message),
    );
    return () => {
      current = false;
    };
  }, [cache, documentId, choice, identity.revision, mine]);

  // A place asked for in this article: every layer compared, the place shown.
  useEffect(() => {
    if (!asked) return;
    takePlace(asked);
    setRevealed(null);
    setPlace(asked);
    setChoice({ kind: 'compare' });
  }, [asked]);
  const shownPlace = place?.documentId === documentId ? place : null;

  const choose = (next: LayerChoice) => {
    setRevealed(null);
    setPlace(null);
    setChoice(next);
  };
  const reveal = (annotator: string, annotationId: string) => {
    setPlace(null);
    setRevealed(annotationId);
    setChoice((current) => (current.kind === 'annotator' && current.annotator === annotator ? current : { kind: 'annotator', annotator }));
  };
  return { choice, choose, reveal, revealed, place: shownPlace, annotators, shown, error, notice };
}

/** The keys that would change a layer: label hotkeys, and the keys that delete, resize, collect pieces or link. */
export function isEditingKey(event: KeyboardEvent, labels: readonly Label[]): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  const key = event.key.toLowerCase();
  return labels.some((l) => l.hotkey.toLowerCase() === key) || ['delete', 'backspace', '[', ']', '{', '}', '+', 'l'].includes(key);
}
