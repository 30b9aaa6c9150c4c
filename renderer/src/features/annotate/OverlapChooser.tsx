import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ScreenPoint } from '../../document-view/DocumentView.js';
import { usePopupMenu } from '../../document-view/popup-menu.js';
import { annotationText } from './AnnotationPanel.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

/** Props of the chooser shown where overlapping annotations were clicked. */
export interface OverlapChooserProps {
  annotations: readonly Annotation[];
  labels: readonly Label[];
  at: ScreenPoint;
  onChoose(annotationId: string): void;
  onClose(): void;
}

/** Lets the person pick which of several overlapping annotations they meant (innermost first). */
export function OverlapChooser({ annotations, labels, at, onChoose, onClose }: OverlapChooserProps) {
  const menu = usePopupMenu(at, onClose);
  return (
    <div ref={menu.box} className="overlap-chooser" role="dialog" aria-label="Choose an annotation" style={menu.style} onKeyDown={menu.onKeyDown}>
      <p className="chooser-title">Which annotation?</p>
      {annotations.map((annotation, i) => {
        const name = labels.find((l) => l.id === annotation.labelId)?.name ?? annotation.labelId;
        return (
          <button key={annotation.id} ref={i === 0 ? menu.first : undefined} type="button" onClick={() => onChoose(annotation.id)}>
            <span className={`label-chip label-${annotation.labelId}`}>{name}</span> {excerpt(annotationText(annotation), 60)}
          </button>
        );
      })}
    </div>
  );
}
