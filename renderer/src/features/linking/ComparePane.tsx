import { useEffect, useMemo, useRef } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { ResolvedLink } from '../../../../shared/model/link.js';
import { excerpt } from '../../../../shared/text/excerpt.js';
import { useDocumentLinks } from '../../client/use-document-links.js';
import { useLinkMarks } from '../../client/use-link-marks.js';
import { useWorkbenchState } from '../../client/workbench-context.js';
import { DocumentView, type ScreenPoint } from '../../document-view/DocumentView.js';
import type { OverlayRanges } from '../../document-view/overlay-decorations.js';
import type { ArticlePane } from '../annotate/use-article-panes.js';
import type { ComparedArticle } from '../articles/use-compared-article.js';

/** Props of the second article pane. */
export interface ComparePaneProps {
  /** The article open on the left. */
  leftDocumentId: string;
  /** The annotation focused on the left, whose linked span here is brought into view. */
  leftFocused: Annotation | null;
  /** The compared article's pane: its article, annotating state and view. */
  pane: ArticlePane;
  /** Which article is compared, and choosing another. */
  compared: ComparedArticle;
  /** Focuses an annotation of the left article. */
  onFocusLeft(annotationId: string): void;
  /** The person clicked an annotation here (or plain text: null). */
  onAnnotationClick(annotationId: string | null, at: ScreenPoint): void;
  /** The keyboard went into this pane: it becomes the one the keys and the side panel act on. */
  onActivate(): void;
  onClose(): void;
}

/**
 * A second article beside the first, scrolling on its own and annotated exactly like it (select and
 * press a label key, `l` and a click to link, resize, delete; the side panel follows the pane last
 * worked in). The links between the two are listed (click one to bring both spans into view), and
 * the span linked to what is focused on the left is brought into view here.
 */
export function ComparePane(props: ComparePaneProps) {
  const { leftDocumentId, leftFocused, pane, compared } = props;
  const { opened, annotating } = pane;
  const documentId = compared.documentId;
  const documents = useWorkbenchState((state) => state.documents);
  const workspace = useWorkbenchState((state) => state.workspace);
  const others = documents.filter((d) => d.id !== leftDocumentId);
  const documentLinks = useDocumentLinks(documentId);
  const leftLinks = useDocumentLinks(leftDocumentId);
  const linkMarks = useLinkMarks(documentId);
  const labels = workspace?.labels ?? [];
  const linkTypes = workspace?.linkTypes ?? [];
  const overlay = useMemo<OverlayRanges>(
    () => ({ searchHits: [], currentHit: -1, pending: annotating.pending, saving: annotating.saving }),
    [annotating.pending, annotating.saving],
  );

  const links = useMemo(() => {
    const between = (l: ResolvedLink) =>
      (l.source.documentId === leftDocumentId && l.target.documentId === documentId) ||
      (l.target.documentId === leftDocumentId && l.source.documentId === documentId);
    return documentLinks.filter(between);
  }, [documentLinks, leftDocumentId, documentId]);

  // Side by side opens on the article the span focused on the left is linked to, if it is linked to one.
  const opening = useRef(true);
  useEffect(() => {
    if (!opening.current || !leftFocused || leftLinks.length === 0) return;
    opening.current = false;
    const link = leftLinks.find((l) => l.link.source.annotationId === leftFocused.id || l.link.target.annotationId === leftFocused.id);
    const other = link && (link.source.documentId === leftDocumentId ? link.target : link.source).documentId;
    if (other && other !== leftDocumentId) compared.choose(other);
  }, [leftLinks, leftFocused]);

  // What is focused on the left brings its linked span here into view.
  useEffect(() => {
    if (!leftFocused) return;
    const link = links.find((l) => l.link.source.annotationId === leftFocused.id || l.link.target.annotationId === leftFocused.id);
    if (!link) return;
    const here = link.source.documentId === documentId ? link.source : link.target;
    annotating.focusOn(here.annotationId, true);
  }, [leftFocused, links, documentId]);

  const typeName = (id: string) => linkTypes.find((t) => t.id === id)?.name ?? id;

  return (
    <section className="compare-pane" aria-label="Compared article" onFocus={props.onActivate}>
      <header className="compare-header">
        <label>
          Compare with{' '}
          <select value={documentId ?? ''} onChange={(e) => compared.choose(e.target.value)}>
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {excerpt(d.title, 80)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      <div className="links-between" aria-label="Links between the two articles">
        <h2>
          Links between these articles <span className="count">{links.length}</span>
        </h2>
        {links.length > 0 && (
          <ul>
            {links.map(({ link, source, target }) => {
              const left = source.documentId === leftDocumentId ? source : target;
              const right = left === source ? target : source;
              return (
                <li key={link.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      props.onFocusLeft(left.annotationId);
                      annotating.focusOn(right.annotationId, true);
                    }}
                  >
                    “{excerpt(left.text, 50)}” <span className={`link-type-chip link-type-${link.typeId}`}>{typeName(link.typeId)}</span> “
                    {excerpt(right.text, 50)}”
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {opened && (
        <article className="compare-article" aria-label={opened.meta.title}>
          <h2 className="article-heading">{opened.meta.title}</h2>
          <DocumentView
            key={opened.meta.id}
            text={opened.text}
            labels={labels}
            annotations={annotating.placed}
            focus={annotating.focus}
            overlay={overlay}
            linkMarks={linkMarks}
            handleRef={pane.view}
            onFocusAnnotation={props.onAnnotationClick}
            onChooseAmong={annotating.openChooser}
          />
        </article>
      )}
    </section>
  );
}
