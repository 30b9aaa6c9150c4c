import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import type { TextLayout } from './text-layout.js';

/** The spec every annotation decoration carries, so `find` can tell which annotation is under a position. */
export interface AnnotationDecorationSpec {
  annotationId: string;
  /** True on the decorations that draw the focus ring rather than the label colour. */
  focus?: boolean;
}

/** A change to the painted annotations, carried as transaction metadata. */
export type AnnotationDecorationChange =
  | { add: Annotation[]; remove: string[] }
  | { focus: Annotation | null };

/** The plugin's key; dispatch changes with `tr.setMeta(annotationDecorationsKey, change)`. */
export const annotationDecorationsKey = new PluginKey<DecorationSet>('annotation-decorations');

/**
 * Paints annotations over the read-only article as inline decorations (never marks: they would edit
 * the text and could not overlap). `initial` is painted when the view is created; after that, adding
 * or removing one annotation touches only its decorations and the set is never rebuilt for the whole
 * document.
 */
export function annotationDecorations(
  layout: TextLayout,
  labelsById: () => ReadonlyMap<string, Label>,
  initial: readonly Annotation[] = [],
): Plugin<DecorationSet> {
  const decorate = (annotation: Annotation, focus: boolean): Decoration[] => {
    const label = labelsById().get(annotation.labelId);
    const decorations: Decoration[] = [];
    for (const fragment of annotation.fragments) {
      const range = layout.rangeAt(fragment.start, fragment.end);
      if (!range) continue;
      const attrs = focus
        ? { class: 'annotation-focused' }
        : {
            class: `annotation label-${annotation.labelId}`,
            'data-annotation-id': annotation.id,
            title: label?.name ?? annotation.labelId,
          };
      const spec: AnnotationDecorationSpec = focus ? { annotationId: annotation.id, focus } : { annotationId: annotation.id };
      decorations.push(Decoration.inline(range.from, range.to, attrs, spec));
    }
    return decorations;
  };

  return new Plugin<DecorationSet>({
    key: annotationDecorationsKey,
    state: {
      // The article is first drawn with its annotations already on it: drawing it plain and then
      // decorating it would build the whole DOM twice.
      init: (_config, state) =>
        initial.length ? DecorationSet.create(state.doc, initial.flatMap((a) => decorate(a, false))) : DecorationSet.empty,
      apply(tr: Transaction, set: DecorationSet, _old: EditorState, state: EditorState): DecorationSet {
        const change = tr.getMeta(annotationDecorationsKey) as AnnotationDecorationChange | undefined;
        if (!change) return set;
        if ('focus' in change) {
          const stale = set.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.focus === true);
          const next = set.remove(stale);
          return change.focus ? next.add(state.doc, decorate(change.focus, true)) : next;
        }
        const added = change.add.flatMap((a) => decorate(a, false));
        // The first paint of a whole article builds the set in one go, which is much faster than adding.
        if (set === DecorationSet.empty) return DecorationSet.create(state.doc, added);
        const removing = new Set(change.remove);
        const stale = removing.size
          ? set.find(undefined, undefined, (spec: AnnotationDecorationSpec) => removing.has(spec.annotationId))
          : [];
        return set.remove(stale).add(state.doc, added);
      },
    },
    props: {
      decorations: (state) => annotationDecorationsKey.getState(state),
    },
  });
}

/** The ids of the annotations painted at a document position, innermost (shortest) first. */
export function annotationsAt(state: EditorState, position: number): string[] {
  const set = annotationDecorationsKey.getState(state);
  if (!set) return [];
  const found = set
    .find(position, position, (spec: AnnotationDecorationSpec) => !spec.focus)
    .filter((d) => d.from <= position && position < d.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
  return [...new Set(found.map((d) => (d.spec as AnnotationDecorationSpec).annotationId))];
}
