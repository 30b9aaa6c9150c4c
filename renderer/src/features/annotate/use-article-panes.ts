import { useEffect, useRef, useState, type RefObject } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { DocumentViewHandle, ScreenPoint } from '../../document-view/DocumentView.js';
import { useAnnotating, type Annotating } from './use-annotating.js';
import type { Edits } from '../history/use-edits.js';
import { useComparedArticle, type ComparedArticle } from '../articles/use-compared-article.js';

/** Which pane: the open article, or the one compared with it side by side. */
export type PaneKind = 'main' | 'compared';

/** An article on screen that can be annotated: its text, its annotating state and its view. */
export interface ArticlePane {
  kind: PaneKind;
  opened: OpenedDocument | null;
  annotating: Annotating;
  view: RefObject<DocumentViewHandle | null>;
}

/** The article panes of the workbench, and which one is being worked in. */
export interface ArticlePanes {
  main: ArticlePane;
  /** The compared article's pane while side by side is open. */
  compared: ArticlePane | null;
  /** Choosing the compared article. */
  comparedArticle: ComparedArticle;
  /** The pane the keyboard and the side panel act on: the one last clicked or focused. */
  active: ArticlePane;
  activate(kind: PaneKind): void;
  /**
   * What a click on an annotation (or plain text) in `pane` does: that pane becomes the active one
   * and the annotation its focus; `offerLink` then asks for a link's type at the click if a link is
   * being made (the linking workflow's).
   */
  clickHandler(pane: ArticlePane, offerLink: (annotation: Annotation, at: ScreenPoint) => boolean): (annotationId: string | null, at: ScreenPoint) => void;
}

/** What the panes need from the workbench. */
export interface ArticlePanesContext {
  /** The open article. */
  opened: OpenedDocument | null;
  /** Side by side is open (with an article open on the left). */
  comparing: boolean;
  labels: readonly Label[];
  edits: Edits;
  snapWords: boolean;
  notice(message: string | null): void;
  /** The open article's view (find and search hits also use it). */
  mainView: RefObject<DocumentViewHandle | null>;
}

/**
 * Both articles of side by side are full annotation surfaces: each has its own focus, pieces and
 * view, and labels, links, resizing and deleting work the same in either. The side panel and the
 * keys act on the pane last worked in.
 */
export function useArticlePanes(context: ArticlePanesContext): ArticlePanes {
  const { labels, edits, snapWords, notice } = context;
  const comparedView = useRef<DocumentViewHandle | null>(null);
  const comparedArticle = useComparedArticle(context.comparing ? (context.opened?.meta.id ?? null) : null);
  const mainAnnotating = useAnnotating({ opened: context.opened, labels, edits, view: context.mainView, snapWords, notice });
  const comparedAnnotating = useAnnotating({ opened: comparedArticle.opened, labels, edits, view: comparedView, snapWords, notice });
  const [activeKind, activate] = useState<PaneKind>('main');

  // Another compared article starts its pane afresh (cleared as it is chosen, so what the new one
  // focuses when it shows stays); closing side by side returns to the open article.
  const clearCompared = useRef(comparedAnnotating.clear);
  clearCompared.current = comparedAnnotating.clear;
  useEffect(() => {
    if (context.comparing) return;
    activate('main');
    clearCompared.current();
  }, [context.comparing]);
  const choose = (documentId: string) => {
    if (documentId === comparedArticle.documentId) return;
    comparedAnnotating.clear();
    comparedArticle.choose(documentId);
  };

  const main: ArticlePane = { kind: 'main', opened: context.opened, annotating: mainAnnotating, view: context.mainView };
  const compared: ArticlePane | null = context.comparing
    ? { kind: 'compared', opened: comparedArticle.opened, annotating: comparedAnnotating, view: comparedView }
    : null;
  return {
    main,
    compared,
    comparedArticle: { ...comparedArticle, choose },
    active: activeKind === 'compared' && compared ? compared : main,
    activate,
    clickHandler: (pane, offerLink) => (annotationId, at) => {
      activate(pane.kind);
      pane.annotating.focusOn(annotationId);
      const annotation = annotationId ? pane.annotating.placed.find((a) => a.id === annotationId) : undefined;
      if (annotation) offerLink(annotation, at);
    },
  };
}
