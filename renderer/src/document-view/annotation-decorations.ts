import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { drawAnnotationEdge, endEdgeSide, startEdgeSide, type EdgeDrawing, type EdgeSide } from './annotation-edges.js';
import { drawnSections, lazySectionsKey, type LazySectionsChange } from './lazy-sections.js';
import { linkBadgeKey, type LinkMarks } from './link-marks.js';
import type { TextLayout } from './text-layout.js';

/** The spec every annotation decoration carries, so `find` can tell which annotation is under a position. */
export interface AnnotationDecorationSpec {
  annotationId: string;
  /** True on the colour of the focused annotation, which also draws the focus ring. */
  focused?: boolean;
  /** Set on the bracket widgets at a fragment's start and end (`annotation-edges.ts`). */
  edge?: EdgeSide;
  /** On a bracket widget: what it draws. */
  drawing?: EdgeDrawing;
}

/**
 * A change to the painted annotations, carried as transaction metadata: annotations to add, and
 * annotations to remove as they were added (an edited annotation is removed as it was, then added).
 * An annotation whose label or links changed is repainted by removing and adding it as it is.
 */
export type AnnotationDecorationChange =
  | { add: readonly Annotation[]; remove: readonly Annotation[] }
  | { focus: Annotation | null };

/**
 * The plugin's state. Every annotation is known, by the sections its fragments touch; only those
 * touching a drawn section (`lazy-sections.ts`) have decorations.
 */
export interface AnnotationDecorationsState {
  /** Decorations of the annotations touching a drawn section: colour (and focus ring), brackets and badges. */
  readonly decorations: DecorationSet;
  /**
   * The annotations touching each section, by id. An edit copies only the sections it touches, so
   * it costs the same with 100 annotations or 100k.
   */
  readonly bySection: ReadonlyMap<number, ReadonlyMap<string, Annotation>>;
  /** The focused annotation, if any (as last added, when it was edited since it was focused). */
  readonly focus: Annotation | null;
}

/** What the plugin reads when it paints an annotation: the labels (names) and the link marks (badges), as they are now. */
export interface AnnotationPaintSources {
  labelsById(): ReadonlyMap<string, Label>;
  linkMarks(): LinkMarks;
}

/** The plugin's key; dispatch changes with `tr.setMeta(annotationDecorationsKey, change)`. */
export const annotationDecorationsKey = new PluginKey<AnnotationDecorationsState>('annotation-decorations');

/**
 * Paints annotations over the read-only article as inline decorations (never marks: they would edit
 * the text and could not overlap). Each annotation gets its own wrapping element (`nodeName`), so
 * where spans overlap their colours stack and each keeps its own identity, even two nested spans of
 * one label; brackets at every fragment's ends and the link badge are widgets between characters
 * (`annotation-edges.ts`). The focus ring is a class on the focused annotation's own elements: moving
 * the focus changes attributes only, never which elements wrap the text, so a focus (or a save)
 * landing while the person drags out the next selection does not move the text under the pointer.
 *
 * Decorations exist only for the sections that are drawn: opening a 5 MB article with 100k
 * annotations builds a few hundred annotations' decorations, not 100k, and drawing or dropping a
 * section adds or removes just its own. Adding or removing one annotation touches only its
 * decorations; the set is never rebuilt for the whole document. Must come after the lazy sections
 * plugin in the state's plugins.
 */
export function annotationDecorations(
  layout: TextLayout,
  sources: AnnotationPaintSources,
  initial: readonly Annotation[] = [],
): Plugin<AnnotationDecorationsState> {
  const decorate = (annotation: Annotation, focused: boolean): Decoration[] => {
    const { id, labelId } = annotation;
    const label = sources.labelsById().get(labelId);
    const mark = sources.linkMarks().get(id);
    const badge = linkBadgeKey(mark);
    const colour = {
      nodeName: 'span',
      class: focused ? `annotation label-${labelId} annotation-focused` : `annotation label-${labelId}`,
      'data-annotation-id': id,
      title: label?.name ?? labelId,
    };
    const colourSpec: AnnotationDecorationSpec = focused ? { annotationId: id, focused } : { annotationId: id };
    const decorations: Decoration[] = [];
    const last = annotation.fragments.length - 1;
    for (let i = 0; i <= last; i++) {
      const fragment = annotation.fragments[i]!;
      const range = layout.rangeAt(fragment.start, fragment.end);
      if (!range) continue;
      const length = fragment.end - fragment.start;
      decorations.push(Decoration.inline(range.from, range.to, colour, colourSpec));
      // A widget whose key is unchanged keeps its element when the annotation is painted again. The
      // browser's caret may sit on either side of a bracket (relaxedSide): a position next to one is
      // the same position either way, so a repaint while the person drags a selection from there
      // does not put the selection back on the other side (which would end the drag).
      const state = `${labelId}:${focused ? 'f' : ''}`;
      const opening: EdgeDrawing = { side: 'start', annotationId: id, labelId, focused };
      decorations.push(
        Decoration.widget(range.from, () => drawAnnotationEdge(opening), {
          annotationId: id,
          edge: 'start',
          drawing: opening,
          side: startEdgeSide(length),
          relaxedSide: true,
          key: `[${id}:${i}:${state}`,
        } satisfies AnnotationDecorationSpec & WidgetOptions),
      );
      const closing: EdgeDrawing = { side: 'end', annotationId: id, labelId, focused, ...(i === last && mark ? { mark } : {}) };
      decorations.push(
        Decoration.widget(range.to, () => drawAnnotationEdge(closing), {
          annotationId: id,
          edge: 'end',
          drawing: closing,
          side: endEdgeSide(length),
          relaxedSide: true,
          key: `]${id}:${i}:${state}:${closing.mark ? badge : ''}`,
        } satisfies AnnotationDecorationSpec & WidgetOptions),
      );
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

  /** The annotation with this one's id as the plugin knows it (added last), or null when it is not known. */
  const known = (value: AnnotationDecorationsState, annotation: Annotation): Annotation | null => {
    for (const s of sectionsOf(annotation)) {
      const found = value.bySection.get(s)?.get(annotation.id);
      if (found) return found;
    }
    return null;
  };

  /** Removes every decoration of `annotations` (as they were painted) from `set`, looking only where they are. */
  const removePainted = (set: DecorationSet, annotations: readonly Annotation[]): DecorationSet => {
    if (annotations.length === 0) return set;
    const ids = new Set(annotations.map((a) => a.id));
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
    const stale = set.find(from, to, (spec: AnnotationDecorationSpec) => ids.has(spec.annotationId));
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
        if (change) next = 'focus' in change ? applyFocus(next, change.focus, drawnSections(state), state) : applyChange(next, change, drawnSections(state), state);
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
    let set = removePainted(value.decorations, leaving);
    // Sections drawn: their annotations come, unless they were painted for another section already.
    const coming = touched(change.draw).filter((a) => !isDrawn(a, wasDrawn));
    if (coming.length) set = set.add(state.doc, coming.flatMap((a) => decorate(a, a.id === value.focus?.id)));
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
    let set = removePainted(
      value.decorations,
      change.remove.filter((a) => isDrawn(a, drawn)),
    );
    // The focused annotation, edited, keeps its ring.
    const focus = (value.focus && change.add.find((a) => a.id === value.focus!.id)) ?? value.focus;
    const painted: Decoration[] = [];
    for (const annotation of change.add) {
      const sections = sectionsOf(annotation);
      for (const s of sections) edit(s).set(annotation.id, annotation);
      if (sections.some((s) => drawn.has(s))) painted.push(...decorate(annotation, annotation.id === focus?.id));
    }
    if (painted.length) set = set.add(state.doc, painted);
    return { decorations: set, bySection, focus };
  }

  /** Moves the ring: the annotation that had it and the one that gets it are painted again. */
  function applyFocus(value: AnnotationDecorationsState, focus: Annotation | null, drawn: ReadonlySet<number>, state: EditorState): AnnotationDecorationsState {
    if ((value.focus?.id ?? null) === (focus?.id ?? null)) return value.focus === focus ? value : { ...value, focus };
    const before = value.focus && known(value, value.focus);
    const after = focus && known(value, focus);
    const repaint = [before, after].filter((a): a is Annotation => a !== null && isDrawn(a, drawn));
    let set = removePainted(value.decorations, repaint);
    const painted = repaint.flatMap((a) => decorate(a, a === after));
    if (painted.length) set = set.add(state.doc, painted);
    return { ...value, decorations: set, focus: after ?? focus };
  }
}

/** The widget options the brackets set. */
interface WidgetOptions {
  side: number;
  relaxedSide: boolean;
  key: string;
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
    .find(position, position, (spec: AnnotationDecorationSpec) => !spec.edge)
    .filter((d) => d.from <= position && position < d.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from));
  return [...new Set(found.map((d) => (d.spec as AnnotationDecorationSpec).annotationId))];
}
