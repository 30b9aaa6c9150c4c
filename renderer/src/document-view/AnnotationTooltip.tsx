import type { Annotation } from '../../../shared/model/annotation.js';
import type { Label } from '../../../shared/model/label-schema.js';
import type { ScreenPoint } from './DocumentView.js';
import type { LinkMarks } from './link-marks.js';

/** Props of the hover tooltip. */
export interface AnnotationTooltipProps {
  /** The annotations under the pointer, innermost first. */
  annotations: readonly Annotation[];
  labels: readonly Label[];
  /** The links of the annotations: each is named from this annotation's side. */
  linkMarks: LinkMarks;
  at: ScreenPoint;
}

/**
 * Says which labels (and attribute values) the text under the pointer carries, and what each of
 * those annotations is linked to: colour is never the only signal.
 */
export function AnnotationTooltip({ annotations, labels, linkMarks, at }: AnnotationTooltipProps) {
  return (
    <div className="annotation-tooltip" role="tooltip" style={{ left: `${at.x + 12}px`, top: `${at.y + 18}px` }}>
      {annotations.map((annotation) => {
        const label = labels.find((l) => l.id === annotation.labelId);
        const values = Object.entries(annotation.attributes);
        const readings = linkMarks.get(annotation.id)?.readings ?? [];
        return (
          <div key={annotation.id} className="tooltip-annotation">
            <span className={`label-chip label-${annotation.labelId}`}>{label?.name ?? annotation.labelId}</span>
            {values.length > 0 && (
              <span className="tooltip-attributes">
                {values.map(([name, value]) => `${name}: ${String(value)}`).join(' · ')}
              </span>
            )}
            {readings.length > 0 && (
              <ul className="tooltip-links" aria-label="Links">
                {readings.map((reading) => (
                  <li key={reading.linkId}>
                    <span className={`link-badge-type link-type-${reading.type.id}`} style={{ backgroundColor: reading.type.colour }} /> {reading.text}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
