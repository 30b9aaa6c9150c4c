import type { RefObject } from 'react';
import type { Annotation, AttributeValue } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { AnnotationChanges } from './annotation-commands.js';
import { AttributeFields, DraftTextField, LabelSelect } from '../annotation-fields/AnnotationFields.js';
import { annotationText } from './AnnotationPanel.js';

/** Props of the details panel. */
export interface AnnotationDetailsProps {
  annotation: Annotation;
  labels: readonly Label[];
  /** Receives the first field, so the keyboard can jump here (Enter on a focused annotation). */
  firstFieldRef: RefObject<HTMLSelectElement | null>;
  /** Asks for a change, worked out from the annotation as it is when the edit runs. */
  onChange(changesFor: (current: Annotation) => AnnotationChanges | null, description: string): void;
  /** Escape in a field: back to the article. */
  onLeave(): void;
}

/**
 * The focused annotation in full: its text, label, the label's attributes, a free-text note, who
 * made it and when. Every field is editable; a change is saved (and undoable) when the field is
 * left or, for lists and boxes, at once.
 */
export function AnnotationDetails({ annotation, labels, firstFieldRef, onChange, onLeave }: AnnotationDetailsProps) {
  const label = labels.find((l) => l.id === annotation.labelId);
  const setAttribute = (name: string, value: AttributeValue | null) =>
    onChange((current) => {
      const attributes = { ...current.attributes };
      if (value === null || value === '') delete attributes[name];
      else attributes[name] = value;
      return { attributes };
    }, `Set ${name}`);
  return (
    <section
      className="annotation-details"
      aria-label="Annotation details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onLeave();
        }
      }}
    >
      <h2>Details</h2>
      <blockquote className="details-text">{annotationText(annotation)}</blockquote>
      <LabelSelect
        className="field"
        labels={labels}
        value={annotation.labelId}
        selectRef={firstFieldRef}
        onChange={(labelId) => onChange(() => ({ labelId }), `Relabel as ${labels.find((l) => l.id === labelId)?.name ?? labelId}`)}
      />
      <AttributeFields className="field" label={label} values={annotation.attributes} keyPrefix={annotation.id} onCommit={setAttribute} />
      <DraftTextField
        key={`${annotation.id}:note`}
        label="Note"
        multiline
        value={annotation.note}
        onCommit={(note) => onChange(() => ({ note }), 'Edit note')}
      />
      <dl className="details-facts">
        <dt>Author</dt>
        <dd>{annotation.author}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={annotation.createdAt}>{new Date(annotation.createdAt).toLocaleString()}</time>
        </dd>
        <dt>Updated</dt>
        <dd>
          <time dateTime={annotation.updatedAt}>{new Date(annotation.updatedAt).toLocaleString()}</time>
        </dd>
      </dl>
    </section>
  );
}
