import { EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation, TextRange } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { annotationDecorations, annotationDecorationsKey, annotationsAt } from './annotation-decorations.js';
import { AnnotationTooltip } from './AnnotationTooltip.js';
import { overlayDecorations, overlayDecorationsKey, withoutLandedLabels, type OverlayRanges } from './overlay-decorations.js';
import { domSelectionOffsets } from './dom-selection-offsets.js';
import { RepaintsAfterDrag } from './repaints-after-drag.js';
import { isInDrawnText, lazySections, type LazySections } from './lazy-sections.js';
import { linkBadgeKey, NO_LINK_MARKS, type LinkMarks } from './link-marks.js';
import { TextLayout } from './text-layout.js';
import './annotation-marks.css';

/** The annotation in focus, and whether the view should scroll it into sight. */
export interface FocusRequest {
  annotationId: string | null;
  scroll: boolean;
}

/** A range of the text the person selected in the article. */
export interface ArticleSelection {
  range: TextRange;
  /** Alt was held when the selection was made with the mouse (word snapping off for it). */
  altHeld: boolean;
}

/** What the rest of the workbench can ask of the article view. */
export interface DocumentViewHandle {
  /** The selected text range, or null when nothing is selected or the article is not in focus. */
  selectedRange(): ArticleSelection | null;
  /** Collapses the selection to its end (after labelling, so the highlight shows). */
  collapseSelection(): void;
  /** Selects a range (a search hit) and scrolls it into sight; `focus` also moves the keyboard there. */
  selectRange(range: TextRange, focus: boolean): void;
  /** Moves keyboard focus into the article. */
  focus(): void;
}

/** A screen point, for popups placed where the person clicked. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** Props of the article view. */
export interface DocumentViewProps {
  text: string;
  labels: readonly Label[];
  annotations: readonly Annotation[];
  focus: FocusRequest;
  overlay: OverlayRanges;
  /**
   * The links of the annotations, by annotation id: a badge after each linked one, and the other
   * ends named on hover. Only the annotations whose badge changes are painted again.
   */
  linkMarks?: LinkMarks;
  /** Filled with the view's handle while it is mounted. */
  handleRef: RefObject<DocumentViewHandle | null>;
  /** The person clicked one annotation (or plain text: null), at `at`. */
  onFocusAnnotation(annotationId: string | null, at: ScreenPoint): void;
  /** The person clicked where several annotations overlap: they choose which one. */
  onChooseAmong(annotationIds: string[], at: ScreenPoint): void;
}

/** What the hover tooltip shows: the annotations under the pointer and where the pointer is. */
interface HoverState {
  annotationIds: string[];
  at: ScreenPoint;
}

/**
 * The article as a read-only ProseMirror view with annotations painted over it. The text can be
 * selected with mouse and keyboard (the view keeps a caret) but never changed: every edit is
 * refused. The view is created once per text and destroyed on unmount; annotation changes are
 * applied incrementally. Keyboard commands are handled by the workbench (they bubble out of here);
 * this view only refuses keys that would edit.
 */
export function DocumentView(props: DocumentViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const layoutRef = useRef<TextLayout | null>(null);
  const lazyRef = useRef<LazySections | null>(null);
  const repaints = useRef<RepaintsAfterDrag | null>(null);
  const painted = useRef(new Map<string, Annotation>());
  const paintedMarks = useRef<LinkMarks>(NO_LINK_MARKS);
  const altSelection = useRef(false);
  const [hover, setHover] = useState<HoverState | null>(null);
  const latest = useRef(props);
  latest.current = props;
  /** Dispatches the repaint `make` builds (keeping the browser's selection), held back while a drag is on; then `after`. */
  const paintAfterDrag = (view: EditorView, make: () => Transaction, after?: () => void) => {
    const paint = () => {
      if (view.isDestroyed) return;
      view.dispatch(withDOMSelection(view, make()));
      after?.();
    };
    if (repaints.current) repaints.current.run(paint);
    else paint();
  };

  useEffect(() => {
    const layout = new TextLayout(props.text);
    layoutRef.current = layout;
    const lazy = lazySections(layout, (view, tr) => view.dispatch(withDOMSelection(view, tr)));
    lazyRef.current = lazy;
    let labelsRead: { labels: readonly Label[]; byId: ReadonlyMap<string, Label> } | null = null;
    const labelsById = () => {
      if (labelsRead?.labels !== latest.current.labels) labelsRead = { labels: latest.current.labels, byId: new Map(latest.current.labels.map((l) => [l.id, l])) };
      return labelsRead.byId;
    };
    const linkMarks = () => latest.current.linkMarks ?? NO_LINK_MARKS;
    paintedMarks.current = linkMarks();
    const readOnly = new Plugin({ filterTransaction: (tr) => !tr.docChanged });
    let hoverFrame = 0;
    const view = new EditorView(host.current!, {
      state: EditorState.create({
        doc: layout.doc,
        plugins: [readOnly, lazy.plugin, annotationDecorations(layout, { labelsById, linkMarks }, latest.current.annotations), overlayDecorations(layout)],
      }),
      attributes: {
        class: 'article-text',
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        'aria-label': 'Article text',
        'aria-describedby': 'article-keys-hint',
        spellcheck: 'false',
        tabindex: '0',
      },
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        mouseup: (_view, event) => {
          altSelection.current = event.altKey;
          return false;
        },
        mousemove: (view, event) => {
          if (event.buttons) return false;
          cancelAnimationFrame(hoverFrame);
          hoverFrame = requestAnimationFrame(() => {
            const badged = linkedAnnotationOfBadge(event.target);
            if (badged) return setHover({ annotationIds: [badged], at: { x: event.clientX, y: event.clientY } });
            const found = view.posAtCoords({ left: event.clientX, top: event.clientY });
            const ids = found && found.inside >= 0 ? annotationsAt(view.state, found.pos) : [];
            setHover(ids.length ? { annotationIds: ids, at: { x: event.clientX, y: event.clientY } } : null);
          });
          return false;
        },
        mouseleave: () => {
          cancelAnimationFrame(hoverFrame);
          setHover(null);
          return false;
        },
      },
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      // ProseMirror calls this for clicks only (a drag or Shift+click selects text instead).
      handleClick: (view, position, event) => {
        // The badge after a linked annotation stands for it: clicking it focuses the annotation (its links show in the panel).
        const at = { x: event.clientX, y: event.clientY };
        const badged = linkedAnnotationOfBadge(event.target);
        if (badged) {
          latest.current.onFocusAnnotation(badged, at);
          return false;
        }
        const ids = annotationsAt(view.state, position);
        if (ids.length > 1) latest.current.onChooseAmong(ids, at);
        else latest.current.onFocusAnnotation(ids[0] ?? null, at);
        return false;
      },
      handleKeyDown: (view, event) => {
        // A key right after a drag can come before ProseMirror has read the new selection; take it
        // now, so arrows move from where the selection is on screen.
        const synced = withDOMSelection(view, view.state.tr);
        if (synced.selectionSet) view.dispatch(synced);
        if (event.shiftKey && event.key.startsWith('Arrow')) altSelection.current = false;
        // Keys that would edit the text do nothing here (the workbench gives Delete its meaning).
        return !event.ctrlKey && !event.metaKey && (event.key === 'Enter' || event.key === 'Delete' || event.key === 'Backspace');
      },
    });
    viewRef.current = view;
    repaints.current = new RepaintsAfterDrag(view.dom);
    painted.current = new Map(latest.current.annotations.map((a) => [a.id, a]));
    props.handleRef.current = {
      selectedRange() {
        if (!view.hasFocus()) return null;
        // The browser's selection first: ProseMirror reads it only on the next selectionchange event.
        const offsets = domSelectionOffsets(view, layout);
        let start: number, end: number;
        if (offsets) ({ start, end } = offsets);
        else [start, end] = [layout.offsetAt(view.state.selection.from), layout.offsetAt(view.state.selection.to)];
        if (end <= start) return null;
        return { range: { start, end }, altHeld: altSelection.current };
      },
      collapseSelection() {
        const dom = (view.root as Document).getSelection();
        let { to } = view.state.selection;
        if (dom && !dom.isCollapsed && dom.focusNode && view.dom.contains(dom.focusNode)) {
          dom.collapseToEnd();
          to = view.posAtDOM(dom.focusNode, dom.focusOffset);
        }
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)));
      },
      selectRange(range, focus) {
        const at = layout.rangeAt(range.start, range.end);
        if (!at) return;
        lazy.reveal(view, [at.from, at.to]);
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at.from, at.to)));
        altSelection.current = true;
        scrollToPosition(view, lazy, at.from);
        if (focus) view.focus();
      },
      focus() {
        view.focus();
      },
    };
    return () => {
      cancelAnimationFrame(hoverFrame);
      props.handleRef.current = null;
      view.destroy();
      viewRef.current = null;
      repaints.current?.destroy();
      repaints.current = null;
    };
  }, [props.text]);

  // Paint what changed since the last render: added, changed and removed annotations only. One pass
  // over the list; the ids are collected only when some annotation is gone.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const before = painted.current;
    const add: Annotation[] = [];
    const remove: Annotation[] = [];
    let added = 0;
    for (const annotation of props.annotations) {
      const old = before.get(annotation.id);
      if (old === annotation) continue;
      add.push(annotation);
      if (old) remove.push(old);
      else added++;
    }
    if (before.size + added !== props.annotations.length) {
      const ids = new Set(props.annotations.map((a) => a.id));
      for (const [id, old] of before) if (!ids.has(id)) remove.push(old);
    }
    for (const old of remove) before.delete(old.id);
    for (const annotation of add) before.set(annotation.id, annotation);
    if (!add.length && !remove.length) return;
    paintAfterDrag(view, () => {
      const tr = view.state.tr.setMeta(annotationDecorationsKey, { add, remove });
      // The unsaved labels these annotations are go in the same step (the overlay's list follows when
      // the workbench learns the save is done).
      const overlay = overlayDecorationsKey.getState(view.state)?.ranges;
      const landed = overlay && withoutLandedLabels(overlay, add);
      if (landed) tr.setMeta(overlayDecorationsKey, landed);
      return tr;
    });
  }, [props.annotations, props.text]);

  // A renamed label keeps its annotations; repaint them so their titles say the new name.
  const paintedLabels = useRef(props.labels);
  useEffect(() => {
    const view = viewRef.current;
    if (paintedLabels.current === props.labels) return;
    paintedLabels.current = props.labels;
    if (!view || painted.current.size === 0) return;
    const all = [...painted.current.values()];
    paintAfterDrag(view, () => view.state.tr.setMeta(annotationDecorationsKey, { add: all, remove: all }));
  }, [props.labels]);

  // Links made, deleted or reversed: repaint only the annotations whose badge is not the same any more.
  useEffect(() => {
    const view = viewRef.current;
    const before = paintedMarks.current;
    const after = props.linkMarks ?? NO_LINK_MARKS;
    if (!view || before === after) return;
    paintedMarks.current = after;
    const changed = new Set<string>();
    for (const [id, mark] of after) if (linkBadgeKey(mark) !== linkBadgeKey(before.get(id))) changed.add(id);
    for (const id of before.keys()) if (!after.has(id)) changed.add(id);
    const repaint = [...changed].flatMap((id) => painted.current.get(id) ?? []);
    if (repaint.length) paintAfterDrag(view, () => view.state.tr.setMeta(annotationDecorationsKey, { add: repaint, remove: repaint }));
  }, [props.linkMarks, props.text]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const overlay = props.overlay;
    paintAfterDrag(view, () => view.state.tr.setMeta(overlayDecorationsKey, overlay));
  }, [props.overlay, props.text]);

  useEffect(() => {
    const view = viewRef.current;
    const layout = layoutRef.current;
    const lazy = lazyRef.current;
    if (!view || !layout || !lazy) return;
    const focused = props.annotations.find((a) => a.id === props.focus.annotationId) ?? null;
    const scroll = props.focus.scroll;
    paintAfterDrag(view, () => view.state.tr.setMeta(annotationDecorationsKey, { focus: focused }), () => {
      const first = focused?.fragments[0];
      if (scroll && first) scrollToPosition(view, lazy, layout.positionAt(first.start, 1));
    });
  }, [props.focus, props.annotations, props.text]);

  const hovered = hover
    ? hover.annotationIds.flatMap((id) => props.annotations.find((a) => a.id === id) ?? [])
    : [];
  return (
    <>
      <div ref={host} className="document-view" onMouseLeave={() => setHover(null)} />
      {hover && hovered.length > 0 && <AnnotationTooltip annotations={hovered} labels={props.labels} linkMarks={props.linkMarks ?? NO_LINK_MARKS} at={hover.at} />}
    </>
  );
}

/** The annotation a link badge stands for, when `target` is (inside) one. */
function linkedAnnotationOfBadge(target: EventTarget | null): string | null {
  const badge = target instanceof Element ? target.closest<HTMLElement>('.link-badge') : null;
  return badge?.dataset.linkedAnnotation ?? null;
}

/**
 * Carries the browser's current selection into a transaction that repaints decorations. ProseMirror
 * reads the selection on the next selectionchange event; a repaint before that (a save landing while
 * the person drags out the next selection) would otherwise put the old selection back.
 */
function withDOMSelection(view: EditorView, tr: Transaction): Transaction {
  if (!view.hasFocus()) return tr;
  const dom = (view.root as Document).getSelection();
  if (!dom?.anchorNode || !dom.focusNode || !inArticleText(view, dom.anchorNode) || !inArticleText(view, dom.focusNode)) return tr;
  const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
  const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  const { selection } = view.state;
  if (selection.anchor === anchor && selection.head === head) return tr;
  return tr.setSelection(TextSelection.create(tr.doc, anchor, head));
}

/**
 * Whether a point of the browser's selection is in the article's drawn text. Anywhere else (on a
 * placeholder, between sections) it cannot be mapped to a text offset, and ProseMirror's own
 * selection is the one to use.
 */
function inArticleText(view: EditorView, node: Node): boolean {
  return view.dom.contains(node) && isInDrawnText(node);
}

/** Scrolls `position` into the middle of the view, drawing its section first if it was not drawn. */
function scrollToPosition(view: EditorView, lazy: LazySections, position: number): void {
  lazy.reveal(view, [position]);
  const { node } = view.domAtPos(position);
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center' });
}
