import { useEffect, useRef } from 'react';
import { contextOf, type CurationItem } from '../../../../shared/curation/curation-items.js';
import type { AttributeValue } from '../../../../shared/model/annotation.js';
import type { Label, LinkType } from '../../../../shared/model/label-schema.js';
import type { EditDraft } from './edit-draft.js';
import { AttributeFields, LabelSelect } from '../annotation-fields/AnnotationFields.js';
import { SpanInContext } from './VersionColumns.js';

/** Props of the editor of one disagreement. */
export interface ChoiceEditorProps {
  item: CurationItem;
  draft: EditDraft;
  /** The article's text. */
  text: string;
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  onChange(change: (draft: EditDraft) => EditDraft): void;
  onFinish(): void;
  onCancel(): void;
}

/**
 * The curator's own version of a disagreement, made by keyboard: the span in its context with its
 * ends moved by keys (listed here), its label and attribute values; the values alone; or a link's
 * type and direction. Enter keeps it (in a text field too), Ctrl+Enter from any field, Escape leaves it.
 */
export function ChoiceEditor({ item, draft, text, labels, linkTypes, onChange, onFinish, onCancel }: ChoiceEditorProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    form.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const label = labels.find((l) => l.id === draft.labelId);
  const setValue = (name: string, value: AttributeValue | undefined) =>
    onChange((d) => {
      const attributes = { ...d.attributes };
      if (value === undefined) delete attributes[name];
      else attributes[name] = value;
      return { ...d, attributes };
    });
  const first = draft.ranges[0];
  const last = draft.ranges[draft.ranges.length - 1];
  const context = first && last ? contextOf(text, first.start, last.end) : null;
  return (
    <form
      ref={form}
      className="curation-editor"
      aria-labelledby="curation-editor-title"
      onSubmit={(event) => {
        event.preventDefault();
        onFinish();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          // Ctrl+Enter keeps the edit from any field (Enter on a list opens it instead).
          event.preventDefault();
          onFinish();
        }
      }}
    >
      <h3 id="curation-editor-title" ref={heading} tabIndex={-1}>
        {item.kind === 'span' ? 'Edit the span' : item.kind === 'attributes' ? 'Edit the values' : 'Edit the link'}
      </h3>
      {item.kind === 'span' && context && (
        <>
          <SpanInContext context={context} ranges={draft.ranges} others={[draft.ranges]} />
          <p className="hint">
            <kbd>Shift</kbd> + <kbd>←</kbd> / <kbd>→</kbd> move the end, <kbd>Alt</kbd> + <kbd>Shift</kbd> + <kbd>←</kbd> / <kbd>→</kbd> the start (with <kbd>Ctrl</kbd>: a word); a label’s key
            relabels.
          </p>
          <LabelSelect className="curation-field" labels={labels} value={draft.labelId} onChange={(labelId) => onChange((d) => ({ ...d, labelId }))} />
        </>
      )}
      {item.kind !== 'link' && <AttributeFields className="curation-field" label={label} values={draft.attributes} live onCommit={(name, value) => setValue(name, value ?? undefined)} />}
      {item.kind === 'link' && (
        <>
          <label className="curation-field">
            Link type{' '}
            <select value={draft.typeId} onChange={(e) => onChange((d) => ({ ...d, typeId: e.target.value }))}>
              {linkTypes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {linkTypes.find((t) => t.id === draft.typeId)?.directed && (
            <label className="curation-field">
              <input type="checkbox" checked={draft.reversed} onChange={(e) => onChange((d) => ({ ...d, reversed: e.target.checked }))} /> From the second span to the first
            </label>
          )}
        </>
      )}
      <div className="curation-editor-actions">
        <button type="submit" className="primary">
          Keep this edit <kbd>Enter</kbd> / <kbd>Ctrl</kbd> + <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Escape</kbd>
        </button>
      </div>
    </form>
  );
}
