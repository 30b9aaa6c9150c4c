import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { drawnSections, lazySectionsKey, type LazySectionsChange } from './lazy-sections.js';
import type { TextLayout } from './text-layout.js';

/** The spec every annotation decoration carries, so `find` can tell which annotation is under a position. */
export interface AnnotationDecorationSpec {
  annotationId: string;
  /** True on the decorations that draw the focus ring rather than the label colour. */
  focus?: boolean;
}

/**
 * A change to the painted annotations, carried as transaction metadata: annotations to add, and
 * annotations to remove as they were added (an edited annotation is removed as it was, then added).
 */
export type AnnotationDecorationChange =
  | { add: readonly Annotation[]; remove: readonly Annotation[] }
  | { focus: Annotation | null };

/**
 * The plugin's state. Every annotation is known, by the sections its fragments touch; only those
 * touching a drawn section (`lazy-sections.ts`) have decorations.
 */
export interface AnnotationDecorationsState {
  /** Decorations of the annotations touching a drawn section, and the focus ring. */
  readonly decorations: DecorationSet;
  /**
   * The annotations touching each section, by id. An edit copies only the sections it touches, so
   * it costs the same with 100 annotations or 100k.
   */
  readonly bySection: ReadonlyMap<number, ReadonlyMap<string, Annotation>>;
  /** The focused annotation, if any. */
  readonly focus: Annotation | null;
}

/** The plugin's key; dispatch changes with `tr.setMeta(annotationDecorationsKey, change)`. */
export const annotationDecorationsKey = new PluginKey<AnnotationDecorationsState>('annotation-decorations');

/**
 * Paints annotations over the read-only article as inline decorations (never marks: they would edit
 * the text and could not overlap). Decorations exist only for the sections that are drawn: opening a
 * 5 MB article with 100k annotations builds a few hundred decorations, not 100k, and drawing or
 * dropping a section adds or removes just its own. Adding or removing one annotation touches only
 * its decorations; the set is never rebuilt for the whole document. Must come after the lazy
 * sections plugin in the state's plugins.
 */
export function annotationDecorations(
  layout: TextLayout,
  labelsById: () => ReadonlyMap<string, Label>,
  initial: readonly Annotation[] = [],
): Plugin<AnnotationDecorationsState> {
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

  /** The sections an annotation's fragments touch. */
  const sectionsOf = (annotation: Annotation): number[] => {
    const sections: number[] = [];
    for (const fragment of annotation.fragments) {
      const range = layout.rangeAt(fragment.start, fragment.end);
      if (!range) continue;
      const last = layout.sectionAt(range.to - 1);
      for (let s = layout.sectionAt(range.from); s <= last; s++) if (sections[sections.length - 1] !== s) sections.push(s);
    }
    return sections;
  };

  const isDrawn = (annotation: Annotation, drawn: ReadonlySet<number>) => sectionsOf(annotation).some((s) => drawn.has(s));

  /** Removes the decorations of `ids` (colour, not focus) from `set`, looking only where they are. */
  const removePainted = (set: DecorationSet, ids: ReadonlySet<string>, annotations: readonly Annotation[]): DecorationSet => {
    if (ids.size === 0) return set;
    let from = Infinity;
    let to = -Infinity;
    for (const a of annotations) {
      for (const f of a.fragments) {
        const range = layout.rangeAt(f.start, f.end);
        if (range) {
          from = Math.min(from, range.from);
          to = Math.max(to, range.to);
        }
      }
    }
    if (from > to) return set;
    const stale = set.find(from, to, (spec: AnnotationDecorationSpec) => !spec.focus && ids.has(spec.annotationId));
    return set.remove(stale);
  };

  return new Plugin<AnnotationDecorationsState>({
    key: annotationDecorationsKey,
    state: {
      // The article is first drawn with its annotations already on it: drawing it plain and then
      // decorating it would build the drawn sections twice.
      init: (_config, state) => {
        const drawn = drawnSections(state);
        const bySection = new Map<number, Map<string, Annotation>>();
        const painted: Decoration[] = [];
        for (const annotation of initial) {
          const sections = sectionsOf(annotation);
          for (const s of sections) addTo(bySection, s, annotation);
          if (sections.some((s) => drawn.has(s))) painted.push(...decorate(annotation, false));
        }
        return { decorations: DecorationSet.create(state.doc, painted), bySection, focus: null };
      },
      apply(tr: Transaction, value: AnnotationDecorationsState, old: EditorState, state: EditorState): AnnotationDecorationsState {
        const sectionsChange = tr.getMeta(lazySectionsKey) as LazySectionsChange | undefined;
        const change = tr.getMeta(annotationDecorationsKey) as AnnotationDecorationChange | undefined;
        let next = value;
        if (sectionsChange) next = applySections(next, sectionsChange, drawnSections(old), drawnSections(state), state);
        if (change) next = 'focus' in change ? applyFocus(next, change.focus, state) : applyChange(next, change, drawnSections(state), state);
        return next;
      },
    },
    props: {
      decorations: (state) => annotationDecorationsKey.getState(state)!.decorations,
    },
  });

  function applySections(
    value: AnnotationDecorationsState,
    change: LazySectionsChange,
    wasDrawn: ReadonlySet<number>,
    drawn: ReadonlySet<number>,
    state: EditorState,
  ): AnnotationDecorationsState {
    const touched = (sections: readonly number[]) => {
      const found = new Map<string, Annotation>();
      for (const s of sections) for (const [id, annotation] of value.bySection.get(s) ?? []) found.set(id, annotation);
      return [...found.values()];
    };
    // Sections dropped: their annotations go, unless they also touch a section still drawn.
    const leaving = touched(change.drop).filter((a) => !isDrawn(a, drawn));
    let set = removePainted(value.decorations, new Set(leaving.map((a) => a.id)), leaving);
    // Sections drawn: their annotations come, unless they were painted for another section already.
    const coming = touched(change.draw).filter((a) => !isDrawn(a, wasDrawn));
    if (coming.length) set = set.add(state.doc, coming.flatMap((a) => decorate(a, false)));
    return set === value.decorations ? value : { ...value, decorations: set };
  }

  function applyChange(
    value: AnnotationDecorationsState,
    change: { add: readonly Annotation[]; remove: readonly Annotation[] },
    drawn: ReadonlySet<number>,
    state: EditorState,
  ): AnnotationDecorationsState {
    const bySection = new Map(value.bySection);
    const copied = new Set<number>();
    const edit = (section: number) => {
      if (!copied.has(section)) {
        bySection.set(section, new Map(bySection.get(section)));
        copied.add(section);
      }
      return bySection.get(section) as Map<string, Annotation>;
    };
    for (const annotation of change.remove) for (const s of sectionsOf(annotation)) edit(s).delete(annotation.id);
    const removed = change.remove.filter((a) => isDrawn(a, drawn));
    let set = removePainted(value.decorations, new Set(removed.map((a) => a.id)), removed);
    const painted: Decoration[] = [];
    for (const annotation of change.add) {
      const sections = sectionsOf(annotation);
      for (const s of sections) edit(s).set(annotation.id, annotation);
      if (sections.some((s) => drawn.has(s))) painted.push(...decorate(annotation, false));
    }
    if (painted.length) set = set.add(state.doc, painted);
    return { decorations: set, bySection, focus: value.focus };
  }

  function applyFocus(value: AnnotationDecorationsState, focus: Annotation | null, state: EditorState): AnnotationDecorationsState {
    const stale = value.focus ? value.decorations.find(undefined, undefined, (spec: AnnotationDecorationSpec) => spec.focus === true) : [];
    let set = value.decorations.remove(stale);
    if (focus) set = set.add(state.doc, decorate(focus, true));
    return { ...value, decorations: set, focus };
  }
}

function addTo(map: Map<number, Map<string, Annotation>>, key: number, annotation: Annotation): void {
  let section = map.get(key);
  if (!section) map.set(key, (section = new Map()));
  section.set(annotation.id, annotation);
}

/** The ids of the annotations painted at a document position, innermost (shortest) first. */
export function annotationsAt(state: EditorState, position: number): string[] {
  const set = annotationDecorationsKey.getState(state)?.decorations;
  if (!set) return [];
  const found = set
    .find(position, position, (spec: AnnotationDecorationSpec) => !spec.focus)
    .filter((d) => d.from <= position && position < d.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
  return [...new Set(found.map((d) => (d.spec as AnnotationDecorationSpec).annotationId))];
}
