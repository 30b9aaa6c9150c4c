import { useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { ResolvedLink } from '../../../../shared/model/link.js';
import { useDocumentLinks } from '../../client/use-document-links.js';
import { useLinkMarks } from '../../client/use-link-marks.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import { DocumentView, type DocumentViewHandle, type FocusRequest } from '../../document-view/DocumentView.js';
import type { OverlayRanges } from '../../document-view/overlay-decorations.js';
import type { Linking } from './use-linking.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

const NO_OVERLAY: OverlayRanges = { searchHits: [], currentHit: -1, pending: [], saving: [] };

/** Props of the second article pane. */
export interface ComparePaneProps {
  /** The article open on the left. */
  leftDocumentId: string;
  /** The annotation focused on the left, whose links into this pane are shown. */
  leftFocused: Annotation | null;
  /** The linking workflow: the link being made and the link edits. */
  linking: Linking;
  /** Focuses an annotation of the left article. */
  onFocusLeft(annotationId: string): void;
  onClose(): void;
}

/**
 * A second article beside the first, scrolling on its own: the links between the two are listed
 * (click one to bring both spans into view), the span linked to what is focused on the left is
 * focused here, and a link can be made between a span here and one on the left.
 */
export function ComparePane(props: ComparePaneProps) {
  const { leftDocumentId, leftFocused, linking } = props;
  const { linkSource } = linking;
  const cache = useCache();
  const documents = useWorkbenchState((state) => state.documents);
  const workspace = useWorkbenchState((state) => state.workspace);
  const others = documents.filter((d) => d.id !== leftDocumentId);
  const [documentId, setDocumentId] = useState<string | null>(others[0]?.id ?? null);
  const opened = useWorkbenchState((state) => (documentId ? state.opened.get(documentId) : undefined)) ?? null;
  const [focus, setFocus] = useState<FocusRequest>({ annotationId: null, scroll: false });
  const documentLinks = useDocumentLinks(documentId);
  const linkMarks = useLinkMarks(documentId);
  const handle = useRef<DocumentViewHandle | null>(null);
  const labels = workspace?.labels ?? [];
  const linkTypes = workspace?.linkTypes ?? [];

  useEffect(() => {
    if (documentId === leftDocumentId) setDocumentId(others[0]?.id ?? null);
  }, [leftDocumentId]);

  useEffect(() => {
    if (documentId && !opened) void cache.open(documentId).catch(() => undefined);
  }, [cache, documentId, opened]);

  const links = useMemo(() => {
    const between = (l: ResolvedLink) =>
      (l.source.documentId === leftDocumentId && l.target.documentId === documentId) ||
      (l.target.documentId === leftDocumentId && l.source.documentId === documentId);
    return documentLinks.filter(between);
  }, [documentLinks, leftDocumentId, documentId]);

  // What is focused on the left brings its linked span here into view.
  useEffect(() => {
    if (!leftFocused) return;
    const link = links.find((l) => l.link.source.annotationId === leftFocused.id || l.link.target.annotationId === leftFocused.id);
    if (!link) return;
    const here = link.source.documentId === documentId ? link.source : link.target;
    setFocus({ annotationId: here.annotationId, scroll: true });
  }, [leftFocused, links, documentId]);

  const focused = useMemo(() => opened?.annotations.find((a) => a.id === focus.annotationId) ?? null, [opened, focus]);
  const typeName = (id: string) => linkTypes.find((t) => t.id === id)?.name ?? id;
  const canLinkHere = linkSource !== null && focused !== null && linkSource.documentId === leftDocumentId;

  return (
    <section className="compare-pane" aria-label="Compared article">
      <header className="compare-header">
        <label>
          Compare with{' '}
          <select value={documentId ?? ''} onChange={(e) => setDocumentId(e.target.value)}>
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
                      setFocus({ annotationId: right.annotationId, scroll: true });
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
      {focused && (
        <div className="compare-focus" role="group" aria-label="Focused here">
          <p>
            Focused here: “{excerpt(focused.fragments.map((f) => f.exact).join(' … '), 80)}”
          </p>
          {canLinkHere ? (
            <p>
              Link “{excerpt(linkSource.text, 40)}” to this as:{' '}
              {linkTypes.map((type) => (
                <button
                  key={type.id}
                  type="button"
                  onClick={() => linking.createLink(type.id, linkSource, { documentId: focused.documentId, annotationId: focused.id })}
                >
                  {type.name}
                </button>
              ))}
            </p>
          ) : (
            <button
              type="button"
              onClick={() =>
                linking.startLinkFrom({
                  documentId: focused.documentId,
                  annotationId: focused.id,
                  text: focused.fragments.map((f) => f.exact).join(' … '),
                  documentTitle: opened?.meta.title ?? '',
                })
              }
            >
              Link from here…
            </button>
          )}
        </div>
      )}
      {opened && (
        <article className="compare-article" aria-label={opened.meta.title}>
          <h2 className="article-heading">{opened.meta.title}</h2>
          <DocumentView
            key={opened.meta.id}
            text={opened.text}
            labels={labels}
            annotations={opened.annotations.filter((a) => !a.orphaned)}
            focus={focus}
            overlay={NO_OVERLAY}
            linkMarks={linkMarks}
            handleRef={handle}
            onFocusAnnotation={(annotationId) => setFocus({ annotationId, scroll: false })}
            onChooseAmong={(annotationIds) => setFocus({ annotationId: annotationIds[0] ?? null, scroll: false })}
          />
        </article>
      )}
    </section>
  );
}
