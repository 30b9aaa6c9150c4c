import { useEffect, useRef, useState } from 'react';
import type { Label, LinkType } from '../../../../shared/model/label-schema.js';

/** Props of the link types dialog. */
export interface LinkTypesDialogProps {
  linkTypes: readonly LinkType[];
  labels: readonly Label[];
  /** How many links use each type, by id. */
  usage: Readonly<Record<string, number>>;
  onSave(next: LinkType[], deleteLinksOfRemovedTypes: boolean): Promise<void>;
  onClose(): void;
}

/**
 * Edits the workspace's link types like labels: name, colour, whether it reads one way, description
 * and which labels it may connect; adding and removing types (removing one in use asks first).
 */
export function LinkTypesDialog(props: LinkTypesDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<LinkType[]>(() => structuredClone([...props.linkTypes]));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const change = (index: number, patch: Partial<LinkType>) => setDraft((list) => list.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const removedInUse = props.linkTypes.filter((t) => !draft.some((d) => d.id === t.id) && (props.usage[t.id] ?? 0) > 0);
  const removedLinks = removedInUse.reduce((n, t) => n + (props.usage[t.id] ?? 0), 0);

  const save = async () => {
    if (draft.some((t) => !t.name.trim())) return setProblem('Every link type needs a name.');
    if (removedLinks > 0 && !confirmDelete) return setProblem(`Removing ${removedInUse.map((t) => `“${t.name}”`).join(', ')} deletes ${removedLinks} links: tick the box to confirm.`);
    try {
      await props.onSave(draft, confirmDelete);
      props.onClose();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <dialog ref={dialog} className="modal link-types-dialog" aria-labelledby="link-types-title" onClose={props.onClose}>
      <h2 id="link-types-title">Link types</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Colour</th>
            <th scope="col">Reads one way</th>
            <th scope="col">Description</th>
            <th scope="col">Connects</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.map((type, i) => (
            <tr key={type.id}>
              <td>
                <input aria-label={`Name of ${type.name || 'new type'}`} value={type.name} onChange={(e) => change(i, { name: e.target.value })} />
              </td>
              <td>
                <input type="color" aria-label={`Colour of ${type.name}`} value={type.colour} onChange={(e) => change(i, { colour: e.target.value })} />
              </td>
              <td>
                <input type="checkbox" aria-label={`${type.name} reads one way`} checked={type.directed} onChange={(e) => change(i, { directed: e.target.checked })} />
              </td>
              <td>
                <input aria-label={`Description of ${type.name}`} value={type.description} onChange={(e) => change(i, { description: e.target.value })} />
              </td>
              <td>
                <fieldset className="allowed-labels">
                  <legend className="visually-hidden">Labels {type.name} connects (none ticked: any)</legend>
                  {props.labels.map((label) => (
                    <label key={label.id}>
                      <input
                        type="checkbox"
                        checked={type.allowedLabels.includes(label.id)}
                        onChange={(e) =>
                          change(i, {
                            allowedLabels: e.target.checked ? [...type.allowedLabels, label.id] : type.allowedLabels.filter((id) => id !== label.id),
                          })
                        }
                      />{' '}
                      {label.name}
                    </label>
                  ))}
                </fieldset>
              </td>
              <td>
                <button type="button" aria-label={`Remove ${type.name}`} onClick={() => setDraft((list) => list.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          setDraft((list) => [...list, { id: uniqueId(list), name: 'New link type', colour: '#64748b', directed: false, description: '', allowedLabels: [] }])
        }
      >
        Add link type
      </button>
      {removedLinks > 0 && (
        <label className="confirm-delete">
          <input type="checkbox" checked={confirmDelete} onChange={(e) => setConfirmDelete(e.target.checked)} /> Delete the {removedLinks} links of the
          removed types
        </label>
      )}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save link types
        </button>
      </div>
    </dialog>
  );
}

function uniqueId(list: readonly LinkType[]): string {
  for (let n = 1; ; n++) {
    const id = `type-${n}`;
    if (!list.some((t) => t.id === id)) return id;
  }
}
