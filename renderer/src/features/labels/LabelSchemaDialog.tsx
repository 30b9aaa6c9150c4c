import { useEffect, useRef, useState } from 'react';
import type { AttributeDefinition, Label } from '../../../../shared/model/label-schema.js';
import { RESERVED_KEYS } from '../keyboard/keyboard-shortcuts.js';

/** Props of the label schema dialog. */
export interface LabelSchemaDialogProps {
  labels: readonly Label[];
  /** How many annotations use each label, across the workspace. */
  usage: Readonly<Record<string, number>>;
  /** Save the new schema; `deleteInUse` is true once the person confirmed deleting labels in use. */
  onSave(labels: Label[], deleteInUse: boolean): Promise<void>;
  onClose(): void;
}

type AttributeType = AttributeDefinition['type'];

interface DraftAttribute {
  name: string;
  type: AttributeType;
  description: string;
  /** One-of options, comma separated. */
  options: string;
  /** Whether the options are a scale, lowest first (agreement compares them as ordinal data). */
  ordered: boolean;
}

interface DraftLabel {
  id: string | null;
  name: string;
  colour: string;
  hotkey: string;
  description: string;
  attributes: DraftAttribute[];
}

const ATTRIBUTE_TYPES: { type: AttributeType; name: string }[] = [
  { type: 'text', name: 'Free text' },
  { type: 'choice', name: 'One of a list' },
  { type: 'boolean', name: 'Yes / no' },
  { type: 'number', name: 'Number' },
];

function toDraft(label: Label): DraftLabel {
  return {
    id: label.id,
    name: label.name,
    colour: label.colour,
    hotkey: label.hotkey,
    description: label.description,
    attributes: label.attributes.map((a) => ({
      name: a.name,
      type: a.type,
      description: a.description,
      options: a.type === 'choice' ? a.options.join(', ') : '',
      ordered: a.type === 'choice' && a.ordered === true,
    })),
  };
}

/** A label id from a name: lower-case letters and digits joined by dashes, unique among `taken`. */
function idFor(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'label';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Turns drafts into labels, or says what is wrong with them. */
function fromDrafts(drafts: readonly DraftLabel[]): { labels: Label[] } | { problem: string } {
  const taken = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  const labels: Label[] = [];
  for (const draft of drafts) {
    const name = draft.name.trim();
    if (!name) return { problem: 'Every label needs a name.' };
    if (draft.hotkey && RESERVED_KEYS.has(draft.hotkey)) return { problem: `The key "${draft.hotkey}" is reserved for moving around; pick another for ${name}.` };
    const id = draft.id ?? idFor(name, taken);
    taken.add(id);
    const attributes: AttributeDefinition[] = [];
    for (const a of draft.attributes) {
      const attributeName = a.name.trim();
      if (!attributeName) return { problem: `Every attribute of ${name} needs a name.` };
      if (a.type === 'choice') {
        const options = a.options.split(',').map((o) => o.trim()).filter(Boolean);
        if (options.length === 0) return { problem: `${name} → ${attributeName} needs at least one option.` };
        attributes.push({ name: attributeName, type: 'choice', description: a.description, options, ...(a.ordered ? { ordered: true } : {}) });
      } else attributes.push({ name: attributeName, type: a.type, description: a.description });
    }
    labels.push({ id, name, colour: draft.colour.toLowerCase(), hotkey: draft.hotkey, description: draft.description, attributes });
  }
  if (labels.length === 0) return { problem: 'Keep at least one label.' };
  return { labels };
}

/**
 * Edits the workspace's labels: name, colour, hotkey, description and attributes (free text, one
 * of a list, yes/no, number). Removing a label that annotations use asks first.
 */
export function LabelSchemaDialog({ labels, usage, onSave, onClose }: LabelSchemaDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [drafts, setDrafts] = useState<DraftLabel[]>(() => labels.map(toDraft));
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ labels: Label[]; doomed: string } | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const change = (index: number, patch: Partial<DraftLabel>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const changeAttribute = (index: number, at: number, patch: Partial<DraftAttribute>) =>
    change(index, { attributes: drafts[index]!.attributes.map((a, i) => (i === at ? { ...a, ...patch } : a)) });

  const save = async (deleteInUse: boolean, checked?: Label[]) => {
    const result = checked ? { labels: checked } : fromDrafts(drafts);
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    const kept = new Set(result.labels.map((l) => l.id));
    const removedInUse = labels.filter((l) => !kept.has(l.id) && (usage[l.id] ?? 0) > 0);
    if (removedInUse.length > 0 && !deleteInUse) {
      const count = removedInUse.reduce((n, l) => n + (usage[l.id] ?? 0), 0);
      setConfirming({
        labels: result.labels,
        doomed: `${removedInUse.map((l) => l.name).join(', ')} ${removedInUse.length === 1 ? 'is' : 'are'} used by ${count} ${count === 1 ? 'annotation' : 'annotations'}. Deleting removes ${count === 1 ? 'it' : 'them'} too (undo brings ${count === 1 ? 'it' : 'them'} back).`,
      });
      return;
    }
    try {
      await onSave(result.labels, deleteInUse);
      dialog.current?.close();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <dialog ref={dialog} className="modal label-schema-dialog" aria-labelledby="label-schema-title" onClose={onClose}>
      <h2 id="label-schema-title">Labels</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
      >
        {drafts.map((draft, index) => (
          <fieldset key={index} className="label-editor">
            <legend>{draft.name || 'New label'}</legend>
            <div className="label-fields">
              <label className="field">
                <span>Name</span>
                <input value={draft.name} onChange={(e) => change(index, { name: e.target.value })} />
              </label>
              <label className="field">
                <span>Colour</span>
                <input type="color" value={draft.colour} onChange={(e) => change(index, { colour: e.target.value })} />
              </label>
              <label className="field field-narrow">
                <span>Key</span>
                <input value={draft.hotkey} maxLength={1} onChange={(e) => change(index, { hotkey: e.target.value.slice(-1) })} />
              </label>
              <label className="field field-wide">
                <span>Description</span>
                <input value={draft.description} onChange={(e) => change(index, { description: e.target.value })} />
              </label>
            </div>
            <ul className="attribute-editors" aria-label={`Attributes of ${draft.name || 'the new label'}`}>
              {draft.attributes.map((attribute, at) => (
                <li key={at} className="attribute-editor">
                  <label className="field">
                    <span>Attribute</span>
                    <input value={attribute.name} onChange={(e) => changeAttribute(index, at, { name: e.target.value })} />
                  </label>
                  <label className="field">
                    <span>Type</span>
                    <select value={attribute.type} onChange={(e) => changeAttribute(index, at, { type: e.target.value as AttributeType })}>
                      {ATTRIBUTE_TYPES.map((t) => (
                        <option key={t.type} value={t.type}>
                          {t.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  {attribute.type === 'choice' && (
                    <label className="field field-wide">
                      <span>Options (comma separated)</span>
                      <input value={attribute.options} onChange={(e) => changeAttribute(index, at, { options: e.target.value })} />
                    </label>
                  )}
                  {attribute.type === 'choice' && (
                    <label className="field field-check" title="Agreement then counts a near miss on the scale as a smaller disagreement (ordinal α)">
                      <input type="checkbox" checked={attribute.ordered} onChange={(e) => changeAttribute(index, at, { ordered: e.target.checked })} />
                      <span>Options are a scale, lowest first</span>
                    </label>
                  )}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove attribute ${attribute.name || at + 1} of ${draft.name}`}
                    onClick={() => change(index, { attributes: draft.attributes.filter((_, i) => i !== at) })}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <div className="label-actions">
              <button
                type="button"
                onClick={() => change(index, { attributes: [...draft.attributes, { name: '', type: 'text', description: '', options: '', ordered: false }] })}
              >
                Add attribute to {draft.name || 'label'}
              </button>
              <button type="button" onClick={() => setDrafts((list) => list.filter((_, i) => i !== index))}>
                Delete label {draft.name}
              </button>
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => setDrafts((list) => [...list, { id: null, name: '', colour: '#a855f7', hotkey: '', description: '', attributes: [] }])}
        >
          Add label
        </button>
        {problem && (
          <p role="alert" className="form-problem">
            {problem}
          </p>
        )}
        {confirming ? (
          <div role="alert" className="confirm-delete">
            <p>{confirming.doomed}</p>
            <button type="button" className="danger" onClick={() => void save(true, confirming.labels)}>
              Delete label and annotations
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Keep them
            </button>
          </div>
        ) : (
          <div className="dialog-buttons">
            <button type="submit" className="primary">
              Save labels
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        )}
      </form>
    </dialog>
  );
}
