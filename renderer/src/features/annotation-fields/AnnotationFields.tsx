import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AttributeValue } from '../../../../shared/model/annotation.js';
import type { AttributeDefinition, Label } from '../../../../shared/model/label-schema.js';

/** Props of the label list of an annotation's fields. */
export interface LabelSelectProps {
  labels: readonly Label[];
  value: string;
  onChange(labelId: string): void;
  /** The field's class: `field` in the details panel, another where the fields sit in a row. */
  className: string;
  selectRef?: RefObject<HTMLSelectElement | null>;
}

/** The label of an annotation, chosen from the workspace's labels. */
export function LabelSelect({ labels, value, onChange, className, selectRef }: LabelSelectProps) {
  return (
    <label className={className}>
      <span>Label</span>
      <select ref={selectRef} value={value} onChange={(e) => onChange(e.target.value)}>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Props of the attribute fields of an annotation. */
export interface AttributeFieldsProps {
  /** The annotation's label: its attributes are the fields (none without a label). */
  label: Label | undefined;
  values: Readonly<Record<string, AttributeValue>>;
  /** One attribute's new value (null: cleared). */
  onCommit(name: string, value: AttributeValue | null): void;
  /** Each field's class (a check box's gets `field-inline` too). */
  className: string;
  /** Commits a text or number at every key (a draft the form keeps) rather than when the field is left. */
  live?: boolean;
  /** Makes the fields of one annotation new when it changes (its id), so no draft carries over. */
  keyPrefix?: string;
}

/**
 * The attribute fields of an annotation's label, each as its type asks: a check box, a list of its
 * options, a number or a text. Used wherever an annotation's values are edited: the details panel
 * (saved when a field is left) and the curator's edit (kept in the draft at every key).
 */
export function AttributeFields({ label, values, onCommit, className, live = false, keyPrefix = '' }: AttributeFieldsProps) {
  return (
    <>
      {label?.attributes.map((definition) => (
        <AttributeField
          key={`${keyPrefix}:${definition.name}`}
          definition={definition}
          value={values[definition.name]}
          className={className}
          live={live}
          onCommit={(value) => onCommit(definition.name, value)}
        />
      ))}
    </>
  );
}

function AttributeField({ definition, value, className, live, onCommit }: { definition: AttributeDefinition; value: AttributeValue | undefined; className: string; live: boolean; onCommit(value: AttributeValue | null): void }) {
  const title = definition.description || undefined;
  switch (definition.type) {
    case 'boolean':
      return (
        <label className={`${className} field-inline`} title={title}>
          <input type="checkbox" checked={value === true} onChange={(e) => onCommit(e.target.checked)} />
          <span>{definition.name}</span>
        </label>
      );
    case 'choice':
      return (
        <label className={className} title={title}>
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
          className={className}
          live={live}
          inputType="number"
          value={typeof value === 'number' ? String(value) : ''}
          onCommit={(text) => onCommit(text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text))}
        />
      );
    case 'text':
      return <DraftTextField label={definition.name} title={title} className={className} live={live} value={typeof value === 'string' ? value : ''} onCommit={(text) => onCommit(text === '' ? null : text)} />;
  }
}

/** Props of a text field. */
export interface DraftTextFieldProps {
  label: string;
  value: string;
  onCommit(value: string): void;
  multiline?: boolean;
  inputType?: 'text' | 'number';
  title?: string | undefined;
  className?: string;
  /** Commits at every key instead of when the field is left (or Enter is pressed). */
  live?: boolean;
}

/** A text field whose edits are saved when it is left (or Enter is pressed), not on every key, unless `live`. */
export function DraftTextField({ label, value, onCommit, multiline = false, inputType = 'text', title, className = 'field', live = false }: DraftTextFieldProps) {
  const [draft, setDraft] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    setDraft(value);
    sent.current = value;
  }, [value]);
  const commit = () => {
    if (live || draft === sent.current) return;
    sent.current = draft;
    onCommit(draft);
  };
  const change = (text: string) => (live ? onCommit(text) : setDraft(text));
  const shown = live ? value : draft;
  return (
    <label className={className} title={title}>
      <span>{label}</span>
      {multiline ? (
        <textarea
          value={shown}
          rows={3}
          onChange={(e) => change(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
          }}
        />
      ) : (
        <input
          type={inputType}
          value={shown}
          onChange={(e) => change(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </label>
  );
}
