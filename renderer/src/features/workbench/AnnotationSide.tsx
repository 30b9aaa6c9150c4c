import type { RefObject } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ScreenPoint } from '../../document-view/DocumentView.js';
import { LinksPanel } from '../linking/LinksPanel.js';
import type { Linking } from '../linking/use-linking.js';
import { AnnotationDetails } from '../annotate/AnnotationDetails.js';
import { AnnotationPanel } from '../annotate/AnnotationPanel.js';
import { OverlapChooser } from '../annotate/OverlapChooser.js';
import type { ArticlePane } from '../annotate/use-article-panes.js';

/** Props of the annotation side of the workbench. */
export interface AnnotationSideProps {
  labels: readonly Label[];
  /** The article pane being worked in: the side panel shows its annotations. */
  pane: ArticlePane;
  linking: Linking;
  /** The first field of the focused annotation's details (Enter in the article goes there). */
  detailsField: RefObject<HTMLSelectElement | null>;
  onOpenAnnotation(documentId: string, annotationId: string): void;
  /** One of overlapping annotations was chosen where they were clicked. */
  onChooseAnnotation(annotationId: string, at: ScreenPoint): void;
}

/**
 * The annotations of the pane being worked in: the list, the focused one's details and links above
 * it, and the chooser shown where overlapping annotations were clicked.
 */
export function AnnotationSide({ labels, pane, linking, detailsField, onOpenAnnotation, onChooseAnnotation }: AnnotationSideProps) {
  const { annotating, view } = pane;
  const { focused, chooser } = annotating;
  const chooserAnnotations = chooser?.annotationIds.flatMap((id) => annotating.placed.find((a) => a.id === id) ?? []) ?? [];
  return (
    <>
      <AnnotationPanel
        scope={pane.kind === 'compared' && pane.opened ? `In the compared article: ${pane.opened.meta.title}` : null}
        annotations={annotating.placed}
        labels={labels}
        focusedId={annotating.focus.annotationId}
        details={
          focused && (
            <>
              <AnnotationDetails
                annotation={focused}
                labels={labels}
                firstFieldRef={detailsField}
                onChange={(changesFor, description) => void annotating.update(focused.id, changesFor, description)}
                onLeave={() => view.current?.focus()}
              />
              <LinksPanel focused={focused} linking={linking} onOpenAnnotation={onOpenAnnotation} />
            </>
          )
        }
        onFocus={(annotationId) => annotating.focusOn(annotationId, true)}
        onDelete={(annotation) => void annotating.remove(annotation.id)}
      />
      {chooser && chooserAnnotations.length > 0 && (
        <OverlapChooser
          annotations={chooserAnnotations}
          labels={labels}
          at={chooser.at}
          onChoose={(annotationId) => {
            annotating.closeChooser();
            view.current?.focus();
            onChooseAnnotation(annotationId, chooser.at);
          }}
          onClose={annotating.closeChooser}
        />
      )}
    </>
  );
}
