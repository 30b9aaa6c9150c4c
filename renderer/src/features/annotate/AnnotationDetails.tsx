import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation, AttributeValue } from '../../../../shared/model/annotation.js';
import type { AttributeDefinition, Label } from '../../../../shared/model/label-schema.js';
import type { AnnotationChanges } from './annotation-commands.js';
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
      <label className="field">
        <span>Label</span>
        <select
          ref={firstFieldRef}
          value={annotation.labelId}
          onChange={(e) => onChange(() => ({ labelId: e.target.value }), `Relabel as ${labels.find((l) => l.id === e.target.value)?.name ?? e.target.value}`)}
        >
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {label?.attributes.map((definition) => (
        <AttributeField
          key={`${annotation.id}:${definition.name}`}
          definition={definition}
          value={annotation.attributes[definition.name]}
          onCommit={(value) => setAttribute(definition.name, value)}
        />
      ))}
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

function AttributeField({
  definition,
  value,
  onCommit,
}: {
  definition: AttributeDefinition;
  value: AttributeValue | undefined;
  onCommit(value: AttributeValue | null): void;
}) {
  const title = definition.description || undefined;
  switch (definition.type) {
    case 'boolean':
      return (
        <label className="field field-inline" title={title}>
          <input type="checkbox" checked={value === true} onChange={(e) => onCommit(e.target.checked)} />
          <span>{definition.name}</span>
        </label>
      );
    case 'choice':
      return (
        <label className="field" title={title}>
          <span>{definition.name}</span>
          <select value={typeof value === 'string' ? value : ''} onChange={(e) => onCommit(e.target.value || null)}>
            <option value="">—</option>
            {definition.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      );
    case 'number':
      return (
        <DraftTextField
          label={definition.name}
          title={title}
          inputType="number"
          value={typeof value === 'number' ? String(value) : ''}
          onCommit={(text) => onCommit(text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text))}
        />
      );
    case 'text':
      return (
        <DraftTextField label={definition.name} title={title} value={typeof value === 'string' ? value : ''} onCommit={(text) => onCommit(text)} />
      );
  }
}

/** A text field whose edits are saved when it is left (or Enter is pressed), not on every key. */
function DraftTextField({
  label,
  value,
  onCommit,
  multiline = false,
  inputType = 'text',
  title,
}: {
  label: string;
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  inputType?: 'text' | 'number';
  title?: string | undefined;
}) {
  const [draft, setDraft] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    setDraft(value);
    sent.current = value;
  }, [value]);
  const commit = () => {
    if (draft === sent.current) return;
    sent.current = draft;
    onCommit(draft);
  };
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      {multiline ? (
        <textarea
          value={draft}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
          }}
        />
      ) : (
        <input
          type={inputType}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </label>
  );
}
