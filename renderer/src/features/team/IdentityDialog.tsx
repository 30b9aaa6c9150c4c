import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MyIdentityStore, MyIdentityState } from './my-identity.js';

/**
 * Asks for my name and email: on first launch (before anything else, so every annotation records
 * who made it), and when I change them from the top bar. The email gives my annotator id (so a new
 * spelling of my name keeps my layer); without one, the name does.
 */
export function IdentityDialog({ state, store }: { state: MyIdentityState; store: MyIdentityStore }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const current = state.identity;
  const [name, setName] = useState(current?.source === 'none' ? '' : (current?.identity.name ?? ''));
  const [email, setEmail] = useState(current?.identity.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstRun = state.dialog === 'first-run';
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    store.save({ name, email }).catch((failure: unknown) => {
      setError((failure as Error).message);
      setSaving(false);
    });
  };

  return (
    <dialog
      ref={dialog}
      className="modal identity-dialog"
      aria-labelledby="identity-title"
      aria-describedby="identity-why"
      // Escape on the first launch keeps the dialog: the name is what every annotation records.
      onCancel={(event) => (firstRun ? event.preventDefault() : store.close())}
    >
      <form onSubmit={submit}>
        <h2 id="identity-title">{firstRun ? 'Welcome to Corroborate' : 'Your name'}</h2>
        <p id="identity-why">
          {firstRun ? 'Before you start, say who you are. ' : ''}
          Every annotation and link you make records your name, so that in a team workspace everyone’s work stays apart and can be compared.
          It is kept in your settings on this computer, not in the workspace.
        </p>
        <div className="identity-fields">
          <label htmlFor="identity-name">Name</label>
          <input id="identity-name" autoComplete="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <label htmlFor="identity-email">
            Email <span className="identity-optional">(optional)</span>
          </label>
          <input
            id="identity-email"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-describedby="identity-email-hint"
          />
          <p id="identity-email-hint" className="identity-hint">
            Your layer is named after your email (or your name, without one): give the same email on every computer you annotate from.
          </p>
        </div>
        {error && (
          <p className="identity-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {!firstRun && (
            <button type="button" onClick={() => store.close()}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={saving || name.trim() === ''}>
            {firstRun ? 'Start annotating' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
