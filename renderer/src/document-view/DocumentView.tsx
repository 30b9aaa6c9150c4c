import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import type { Annotation, TextRange } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { annotationDecorations, annotationDecorationsKey, annotationsAt } from './annotation-decorations.js';
import { TextLayout } from './text-layout.js';

/** The annotation in focus, and whether the view should scroll it into sight. */
export interface FocusRequest {
  annotationId: string | null;
  scroll: boolean;
}

/** Props of the article view. */
export interface DocumentViewProps {
  text: string;
  labels: readonly Label[];
  annotations: readonly Annotation[];
  focus: FocusRequest;
  /** The user pressed a label's hotkey with text selected. */
  onLabelSelection(labelId: string, range: TextRange): void;
  /** The user pressed a label's hotkey with nothing selected. */
  onNothingSelected(label: Label): void;
  /** The user clicked an annotation (or plain text: null). */
  onFocusAnnotation(annotationId: string | null): void;
  /** The user pressed Delete with an annotation in focus and no text selected. */
  onDeleteFocused(): void;
}

/**
 * The article as a read-only ProseMirror view with annotations painted over it. The text can be
 * selected with mouse and keyboard (the view keeps a caret) but never changed: every edit is
 * refused. The view is created once per text and destroyed on unmount; annotation changes are
 * applied incrementally.
 */
export function DocumentView(props: DocumentViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const layoutRef = useRef<TextLayout | null>(null);
  const painted = useRef(new Map<string, Annotation>());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const layout = new TextLayout(props.text);
    layoutRef.current = layout;
    const labelsById = () => new Map(latest.current.labels.map((l) => [l.id, l]));
    const readOnly = new Plugin({ filterTransaction: (tr) => !tr.docChanged });
    const view = new EditorView(host.current!, {
      state: EditorState.create({ doc: layout.doc, plugins: [readOnly, annotationDecorations(layout, labelsById)] }),
      attributes: {
        class: 'article-text',
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        'aria-label': 'Article text',
        spellcheck: 'false',
      },
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
      },
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleClick: (view, position) => {
        if (!view.state.selection.empty) return false;
        latest.current.onFocusAnnotation(annotationsAt(view.state, position)[0] ?? null);
        return false;
      },
      handleKeyDown: (view, event) => handleKey(view, event, layout),
    });
    viewRef.current = view;
    painted.current = new Map();
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [props.text]);

  function handleKey(view: EditorView, event: KeyboardEvent, layout: TextLayout): boolean {
    const { labels, onLabelSelection, onNothingSelected, onDeleteFocused, focus } = latest.current;
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const label = labels.find((l) => l.hotkey === event.key);
    if (label) {
      const { from, to, empty } = view.state.selection;
      if (empty) {
        onNothingSelected(label);
        return true;
      }
      onLabelSelection(label.id, { start: layout.offsetAt(from), end: layout.offsetAt(to) });
      // Collapse the selection so the new highlight shows in its label's colour.
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)));
      return true;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && view.state.selection.empty && focus.annotationId) {
      onDeleteFocused();
      return true;
    }
    // Keys that would edit the text do nothing; navigation and selection keys keep working.
    return event.key === 'Enter' || event.key === 'Delete' || event.key === 'Backspace';
  }

  // Paint what changed since the last render: added and removed annotations only.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const next = new Map(props.annotations.map((a) => [a.id, a]));
    const add = props.annotations.filter((a) => painted.current.get(a.id) !== a);
    const remove = [...painted.current.keys()].filter((id) => next.get(id) !== painted.current.get(id));
    painted.current = next;
    if (add.length || remove.length) view.dispatch(view.state.tr.setMeta(annotationDecorationsKey, { add, remove }));
  }, [props.annotations, props.text]);

  useEffect(() => {
    const view = viewRef.current;
    const layout = layoutRef.current;
    if (!view || !layout) return;
    const focused = props.annotations.find((a) => a.id === props.focus.annotationId) ?? null;
    view.dispatch(view.state.tr.setMeta(annotationDecorationsKey, { focus: focused }));
    const first = focused?.fragments[0];
    if (props.focus.scroll && first) {
      const { node } = view.domAtPos(layout.positionAt(first.start, 1));
      const element = node instanceof Element ? node : node.parentElement;
      element?.scrollIntoView({ block: 'center' });
    }
  }, [props.focus, props.annotations, props.text]);

  return <div ref={host} className="document-view" />;
}
