import type { RefObject } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { useLinkMarks } from '../../client/use-link-marks.js';
import { DocumentView, type DocumentViewHandle, type ScreenPoint } from '../../document-view/DocumentView.js';
import type { OverlayRanges } from '../../document-view/overlay-decorations.js';
import { DocumentDetails } from '../import/DocumentDetails.js';
import { OrphanedAnnotations } from '../import/OrphanedAnnotations.js';
import type { Annotating } from './use-annotating.js';

/** Props of the article being read. */
export interface ArticleReaderProps {
  opened: OpenedDocument;
  labels: readonly Label[];
  readOnly: boolean;
  annotating: Annotating;
  /** Search hits, collected pieces and spans being saved, painted over the text. */
  overlay: OverlayRanges;
  view: RefObject<DocumentViewHandle | null>;
  /** The person clicked an annotation (or plain text: null). */
  onAnnotationClick(annotationId: string | null, at: ScreenPoint): void;
}

/** The open article: its title and details, annotations that lost their place, and the annotatable text. */
export function ArticleReader({ opened, labels, readOnly, annotating, overlay, view, onAnnotationClick }: ArticleReaderProps) {
  const linkMarks = useLinkMarks(opened.meta.id);
  return (
    <article aria-labelledby="article-title">
      <h1 id="article-title" className="article-heading">
        {opened.meta.title}
      </h1>
      <DocumentDetails meta={opened.meta} readOnly={readOnly} />
      <OrphanedAnnotations annotations={opened.annotations.filter((a) => a.orphaned)} labels={labels} />
      <p id="article-keys-hint" className="visually-hidden">
        Read-only article. Select text and press a label key: {labels.map((l) => `${l.hotkey} for ${l.name}`).join(', ')}. Press question mark for
        all shortcuts.
      </p>
      <DocumentView
        key={opened.meta.id}
        text={opened.text}
        labels={labels}
        annotations={annotating.placed}
        focus={annotating.focus}
        overlay={overlay}
        linkMarks={linkMarks}
        handleRef={view}
        onFocusAnnotation={onAnnotationClick}
        onChooseAmong={annotating.openChooser}
      />
    </article>
  );
}
