import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ScreenPoint } from '../../document-view/DocumentView.js';
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
  const first = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.focus();
    const outside = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);
  return (
    <div
      ref={box}
      className="overlap-chooser"
      role="dialog"
      aria-label="Choose an annotation"
      style={{ left: `${at.x}px`, top: `${at.y + 12}px` }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const buttons = [...(box.current?.querySelectorAll('button') ?? [])];
          const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      <p className="chooser-title">Which annotation?</p>
      {annotations.map((annotation, i) => {
        const name = labels.find((l) => l.id === annotation.labelId)?.name ?? annotation.labelId;
        return (
          <button key={annotation.id} ref={i === 0 ? first : undefined} type="button" onClick={() => onChoose(annotation.id)}>
            <span className={`label-chip label-${annotation.labelId}`}>{name}</span> {excerpt(annotationText(annotation), 60)}
          </button>
        );
      })}
    </div>
  );
}
