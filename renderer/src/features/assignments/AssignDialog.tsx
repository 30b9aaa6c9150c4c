import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Annotator } from '../../../../shared/api/contract/index.js';

/** Props of the dialog that assigns one article. */
export interface AssignDialogProps {
  title: string;
  /** The annotators it is assigned to now. */
  assignees: readonly string[];
  /** Who it may be assigned to (everyone but the curated layer). */
  annotators: readonly Annotator[];
  /** Saves the change: who to add and who to take it from; rejects with the services' message. */
  onSave(add: readonly string[], remove: readonly string[]): Promise<void>;
  onClose(): void;
}

/** Assigns an article to annotators: one checkbox per annotator of the workspace. */
export function AssignDialog({ title, assignees, annotators, onSave, onClose }: AssignDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState(() => new Set(assignees));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const people = annotators.filter((a) => a.reserved !== 'curated');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const add = [...chosen].filter((id) => !assignees.includes(id));
    const remove = assignees.filter((id) => !chosen.has(id));
    onSave(add, remove).then(onClose, (failure: unknown) => {
      setError((failure as Error).message);
      setSaving(false);
    });
  };

  return (
    <dialog ref={dialog} className="modal assign-dialog" aria-labelledby="assign-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="assign-title">Assign “{title}”</h2>
        <fieldset className="assign-choices">
          <legend>Assigned to</legend>
          {people.length === 0 && <p className="hint">Nobody has annotated in this workspace yet.</p>}
          {people.map((annotator) => (
            <label key={annotator.id}>
              <input
                type="checkbox"
                checked={chosen.has(annotator.id)}
                onChange={(e) =>
                  setChosen((current) => {
                    const next = new Set(current);
                    if (e.target.checked) next.add(annotator.id);
                    else next.delete(annotator.id);
                    return next;
                  })
                }
              />{' '}
              {annotator.name}
              {annotator.isMe && ' (you)'}
              {annotator.email && <span className="assign-email"> {annotator.email}</span>}
            </label>
          ))}
        </fieldset>
        <p className="hint">Someone appears here once they have annotated or marked a status in this workspace (and synced it).</p>
        {error && (
          <p className="assign-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
