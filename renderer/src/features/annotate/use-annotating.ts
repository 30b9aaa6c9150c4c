import { useMemo, useRef, useState, type RefObject } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Annotation, TextRange } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { useCache } from '../../client/workbench-context.js';
import type { DocumentViewHandle, FocusRequest, ScreenPoint } from '../../document-view/DocumentView.js';
import type { OverlayRanges } from '../../document-view/overlay-decorations.js';
import { nextGraphemeBoundary, previousGraphemeBoundary, snapSelection } from '../../document-view/selection-snapping.js';
import type { Edits } from '../history/use-edits.js';
import * as commands from './annotation-commands.js';
import { mergeRanges } from './merge-ranges.js';

/** Most matches labelled in one step (the contract's batch limit). */
const MAX_LABEL_ALL = 10_000;

/** An annotation named directly, or found when the edit runs (the one focused by then). */
type AnnotationRef = string | (() => string | null);

/** What annotating needs from the workbench. */
export interface AnnotatingContext {
  opened: OpenedDocument | null;
  labels: readonly Label[];
  edits: Edits;
  view: RefObject<DocumentViewHandle | null>;
  /** Ends snap out to whole words unless Alt is held. */
  snapWords: boolean;
  notice(message: string | null): void;
}

/**
 * Annotating the open article: the focused annotation, pieces collected for a discontinuous one,
 * spans being saved, the overlap chooser; and every annotation edit (label, relabel, resize, attributes,
 * delete, label all matches), each one undoable.
 */
export function useAnnotating(context: AnnotatingContext) {
  const cache = useCache();
  const { opened, edits, view, notice } = context;
  const [focus, setFocus] = useState<FocusRequest>({ annotationId: null, scroll: false });
  const [pending, setPending] = useState<TextRange[]>([]);
  const [saving, setSaving] = useState<OverlayRanges['saving']>([]);
  const [chooser, setChooser] = useState<{ annotationIds: string[]; at: ScreenPoint } | null>(null);
  /**
   * The focused annotation's id as queued edits should see it: a key pressed right after labelling
   * (before the save finished) acts on the new annotation once it exists.
   */
  const focusedId = useRef<string | null>(null);
  focusedId.current = focus.annotationId;

  const annotations = opened?.annotations ?? [];
  const focused = annotations.find((a) => a.id === focus.annotationId) ?? null;
  // Orphaned annotations are listed apart and never painted: their offsets belong to an older text.
  const placed = useMemo(() => annotations.filter((a) => !a.orphaned), [annotations]);
  const labelName = (labelId: string) => (context.labels.find((l) => l.id === labelId)?.name ?? labelId).toLowerCase();
  /** The annotation as the edits before this one left it (edits are queued). */
  const current = (ref: AnnotationRef) => {
    const id = typeof ref === 'function' ? ref() : ref;
    return id && opened ? cache.annotation(opened.meta.id, id) : undefined;
  };

  const label = (chosen: Label, range: TextRange, exact: boolean) => {
    if (!opened) return;
    const ranges = mergeRanges([...pending, range].flatMap((r) => snapSelection(opened.text, r, { words: context.snapWords && !exact }) ?? []));
    view.current?.collapseSelection();
    setPending([]);
    if (ranges.length === 0) return notice('Only white space was selected; select some words first.');
    const provisional = { labelId: chosen.id, ranges };
    setSaving((list) => [...list, provisional]);
    notice(null);
    void edits
      .run(async () => {
        const { command, created } = await commands.createAnnotations(
          cache,
          { documentId: opened.meta.id, items: [{ labelId: chosen.id, ranges }] },
          `Label as ${chosen.name.toLowerCase()}`,
        );
        focusedId.current = created[0]!.id;
        setFocus({ annotationId: created[0]!.id, scroll: false });
        return command;
      })
      .finally(() => setSaving((list) => list.filter((p) => p !== provisional)));
  };

  /**
   * Changes an annotation. The changes are worked out when the edit runs, from the annotation as
   * the edit before it left it, so quick successive keys never undo each other.
   */
  const update = (ref: AnnotationRef, changesFor: (annotation: Annotation) => commands.AnnotationChanges | null, description: string) =>
    edits.run(async () => {
      const before = current(ref);
      const changes = before && changesFor(before);
      return before && changes ? commands.updateAnnotation(cache, before, changes, description) : null;
    });

  const remove = (ref: AnnotationRef) =>
    edits.run(async () => {
      const before = current(ref);
      if (!before) return null;
      const command = await commands.deleteAnnotations(cache, [before], `Delete ${labelName(before.labelId)}`);
      // Links go with the annotation: say how many, and that undo brings them back.
      const links = command.removedLinks;
      if (links > 0) notice(`Deleted the ${labelName(before.labelId)} and its ${links} ${links === 1 ? 'link' : 'links'}. Ctrl+Z brings them back.`);
      return command;
    });

  const resize = (ref: AnnotationRef, edge: 'start' | 'end', direction: -1 | 1) => {
    if (!opened) return;
    void update(
      ref,
      (annotation) => {
        const ranges = annotation.fragments.map(({ start, end }) => ({ start, end }));
        const piece = edge === 'start' ? ranges[0]! : ranges[ranges.length - 1]!;
        const step = direction < 0 ? previousGraphemeBoundary : nextGraphemeBoundary;
        if (edge === 'start') piece.start = step(opened.text, piece.start);
        else piece.end = step(opened.text, piece.end);
        if (piece.end <= piece.start || ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) return null;
        return { ranges };
      },
      edge === 'start' ? 'Move start' : 'Move end',
    );
  };

  const labelAll = (labelId: string, hits: readonly TextRange[]) => {
    if (!opened || hits.length === 0) return;
    const name = labelName(labelId);
    const chosen = hits.slice(0, MAX_LABEL_ALL);
    void edits.run(async () => {
      const items = chosen.map((hit) => ({ labelId, ranges: [hit] }));
      const { command } = await commands.createAnnotations(cache, { documentId: opened.meta.id, items }, `Label ${chosen.length} matches as ${name}`);
      return command;
    });
    notice(
      hits.length > MAX_LABEL_ALL
        ? `Labelled the first ${MAX_LABEL_ALL} of ${hits.length} matches as ${name}.`
        : `Labelled ${chosen.length} ${chosen.length === 1 ? 'match' : 'matches'} as ${name}.`,
    );
  };

  return {
    focus,
    focused,
    placed,
    pending,
    saving,
    chooser,
    /** Focuses an annotation (or nothing), scrolling it into sight when asked. */
    focusOn: (annotationId: string | null, scroll = false) => setFocus({ annotationId, scroll }),
    /** The focused annotation's id as the next queued edit will see it. */
    focusedNow: () => focusedId.current,
    openChooser: (annotationIds: string[], at: ScreenPoint) => setChooser({ annotationIds, at }),
    closeChooser: () => setChooser(null),
    label,
    relabelFocused: (chosen: Label) =>
      void update(() => focusedId.current, (a) => (a.labelId === chosen.id ? null : { labelId: chosen.id }), `Relabel as ${chosen.name.toLowerCase()}`),
    update,
    remove,
    resize,
    labelAll,
    /** Collects a selection as one piece of a discontinuous annotation. */
    addPiece(range: TextRange, exact: boolean) {
      const piece = opened && snapSelection(opened.text, range, { words: context.snapWords && !exact });
      if (piece) setPending((list) => mergeRanges([...list, piece]));
      view.current?.collapseSelection();
      notice('Piece added. Select the next piece and press + again, or press a label key to finish.');
    },
    /** Moves the focus to the next (1) or previous (-1) annotation in the article. */
    moveFocus(direction: 1 | -1) {
      if (placed.length === 0) return;
      const index = placed.findIndex((a) => a.id === focus.annotationId);
      const next = index < 0 ? (direction > 0 ? 0 : placed.length - 1) : Math.min(Math.max(index + direction, 0), placed.length - 1);
      setFocus({ annotationId: placed[next]!.id, scroll: true });
    },
    /** Clears the chooser, the pieces and the focus (Escape, or another article opened). */
    clear() {
      setChooser(null);
      setPending([]);
      setFocus({ annotationId: null, scroll: false });
    },
  };
}

/** Annotating the open article, as the panels and the keyboard use it. */
export type Annotating = ReturnType<typeof useAnnotating>;
