import type { Annotation } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';

/** Props of the side panel. */
export interface AnnotationPanelProps {
  annotations: readonly Annotation[];
  labels: readonly Label[];
  focusedId: string | null;
  onFocus(annotationId: string): void;
  onDelete(annotation: Annotation): void;
}

/** Every annotation of the open article in document order; click one to go to it, delete from here. */
export function AnnotationPanel({ annotations, labels, focusedId, onFocus, onDelete }: AnnotationPanelProps) {
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  return (
    <aside className="annotation-panel" aria-label="Annotations">
      <h2>Annotations <span className="count">{annotations.length}</span></h2>
      {annotations.length === 0 ? (
        <p className="hint">
          Select text, then press {labels.map((l) => `${l.hotkey} (${l.name.toLowerCase()})`).join(', ')}.
        </p>
      ) : (
        <ul>
          {annotations.map((annotation) => {
            const text = annotation.fragments.map((f) => f.exact).join(' … ');
            return (
              <li key={annotation.id} className="annotation-item" aria-current={annotation.id === focusedId ? 'true' : undefined}>
                <button
                  type="button"
                  className="annotation-summary"
                  onClick={() => onFocus(annotation.id)}
                  onKeyDown={(event) => {
                    if (event.key === 'Delete' || event.key === 'Backspace') onDelete(annotation);
                  }}
                  aria-label={`${labelName(annotation.labelId)}: ${text}`}
                >
                  <span className={`label-chip label-${annotation.labelId}`}>{labelName(annotation.labelId)}</span>
                  <span className="annotation-text">{text}</span>
                </button>
                <button
                  type="button"
                  className="delete-annotation"
                  onClick={() => onDelete(annotation)}
                  aria-label={`Delete ${labelName(annotation.labelId).toLowerCase()} “${text.slice(0, 40)}”`}
                  title="Delete annotation"
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
