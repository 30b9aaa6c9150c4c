import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AUTO_SYNC_CHOICES, type TeamSyncStatus } from '../../../../shared/api/contract/index.js';
import { sinceInWords, type TeamSyncControls } from './use-team-sync.js';

/**
 * The team dialog. Not shared yet: share this workspace into an empty git repository, or (when it
 * is empty) join a team's. Shared: where it syncs, when it last did and how, Sync now or Cancel,
 * automatic syncing, the token, and how a new team member joins.
 */
export function TeamSyncDialog({ controls, onClose, onSettle }: { controls: TeamSyncControls; onClose(): void; onSettle(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { status, refusal } = controls;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  if (!status) return null;
  return (
    <dialog ref={dialog} className="modal team-sync-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Team workspace</h2>
      {status.remoteUrl ? <SharedWorkspace status={status} controls={controls} onSettle={onSettle} /> : <NotShared status={status} controls={controls} />}
      {status.activity && <Activity status={status} onCancel={controls.cancel} />}
      {refusal && (
        <p className="sync-error" role="alert">
          {refusal}
        </p>
      )}
      {!status.activity && status.last && status.last.kind !== 'done' && (
        <p className={status.last.kind === 'failed' ? 'sync-error' : 'sync-note'} role="alert">
          {status.last.message}
        </p>
      )}
      <form method="dialog" className="dialog-actions">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

function SharedWorkspace({ status, controls, onSettle }: { status: TeamSyncStatus; controls: TeamSyncControls; onSettle(): void }) {
  const autoId = useId();
  const remoteUrl = status.remoteUrl!;
  return (
    <section aria-label="Syncing">
      <p>
        Shared through <code className="sync-remote">{remoteUrl}</code>. Syncing sends your work and brings in the team’s; everyone’s work stays in their own layer.
      </p>
      <dl className="sync-facts">
        <dt>Last synced</dt>
        <dd>{status.lastSyncedAt ? `${sinceInWords(new Date(status.lastSyncedAt), new Date())} (${new Date(status.lastSyncedAt).toLocaleString()})` : 'not since the app started'}</dd>
        {status.last?.kind === 'done' && (
          <>
            <dt>Last {status.last.operation}</dt>
            <dd>{status.last.message}</dd>
          </>
        )}
      </dl>
      <div className="sync-actions">
        {status.conflicts.length > 0 ? (
          <button type="button" className="primary" onClick={onSettle}>
            Settle {status.conflicts.length} {status.conflicts.length === 1 ? 'conflict' : 'conflicts'}…
          </button>
        ) : (
          <button type="button" className="primary" onClick={controls.sync} disabled={status.activity !== null}>
            Sync now
          </button>
        )}
        <label htmlFor={autoId}>Sync automatically</label>
        <select id={autoId} value={status.autoSyncMinutes ?? ''} onChange={(e) => controls.setAutoSync(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">Off</option>
          {AUTO_SYNC_CHOICES.map((minutes) => (
            <option key={minutes} value={minutes}>
              every {minutes} minutes
            </option>
          ))}
        </select>
      </div>
      <TokenField status={status} controls={controls} remoteUrl={remoteUrl} />
      <details className="sync-join-steps">
        <summary>How a new team member joins</summary>
        <ol>
          <li>They install Corroborate and, on first launch, say who they are (name and email).</li>
          <li>They open a new, empty workspace (File → Open workspace…, an empty folder).</li>
          <li>
            In <strong>Team…</strong> they choose <strong>Join</strong> with the address <code>{remoteUrl}</code> and their own access token for this server.
          </li>
          <li>They annotate in their own layer and press Sync (Ctrl/Cmd+Shift+Y) to exchange work.</li>
        </ol>
      </details>
    </section>
  );
}

function NotShared({ status, controls }: { status: TeamSyncStatus; controls: TeamSyncControls }) {
  const [shareUrl, setShareUrl] = useState('');
  const [joinUrl, setJoinUrl] = useState('');
  const [token, setToken] = useState('');
  const shareId = useId();
  const joinId = useId();
  const busy = status.activity !== null;
  const withToken = (remoteUrl: string, then: (url: string) => void) => (event: FormEvent) => {
    event.preventDefault();
    const url = remoteUrl.trim();
    if (status.token.canSave && token !== '') void controls.saveToken(url, token).then((saved) => saved && then(url));
    else then(url);
  };
  return (
    <>
      <p>Share this workspace with a team through a git server (GitHub, GitLab, Gitea or any server over HTTPS), or join a team’s. You keep working offline; syncing exchanges the work.</p>
      <TokenField status={status} controls={controls} remoteUrl={null} token={token} onToken={setToken} />
      <form className="sync-form" onSubmit={withToken(shareUrl, controls.share)} aria-labelledby={`${shareId}-title`}>
        <h3 id={`${shareId}-title`}>Share this workspace</h3>
        <label htmlFor={shareId}>Address of an empty repository</label>
        <input id={shareId} type="url" required placeholder="https://git.example.org/team/dossier.git" value={shareUrl} onChange={(e) => setShareUrl(e.target.value)} />
        <button type="submit" className="primary" disabled={busy || shareUrl.trim() === ''}>
          Share
        </button>
      </form>
      {status.canJoin ? (
        <form className="sync-form" onSubmit={withToken(joinUrl, controls.join)} aria-labelledby={`${joinId}-title`}>
          <h3 id={`${joinId}-title`}>Join a team workspace</h3>
          <label htmlFor={joinId}>Address of the team’s repository</label>
          <input id={joinId} type="url" required placeholder="https://git.example.org/team/dossier.git" value={joinUrl} onChange={(e) => setJoinUrl(e.target.value)} />
          <button type="submit" className="primary" disabled={busy || joinUrl.trim() === ''}>
            Join
          </button>
        </form>
      ) : (
        <p className="sync-note">To join a team’s workspace, open a new, empty workspace first: this one has articles in it.</p>
      )}
    </>
  );
}

/** Where the token comes from: a field to save one (desktop), or the environment variable to set. */
function TokenField(props: { status: TeamSyncStatus; controls: TeamSyncControls; remoteUrl: string | null; token?: string; onToken?(token: string): void }) {
  const { status, controls, remoteUrl } = props;
  const [typed, setTyped] = useState('');
  const [saved, setSaved] = useState(false);
  const id = useId();
  const { token } = status;
  if (!token.canSave) {
    return (
      <p className="sync-token-note">
        Access token: {token.source === 'environment' ? `taken from ${token.variable}.` : `none. Start Corroborate with your token in ${token.variable} (it is never saved in the workspace).`}
      </p>
    );
  }
  const value = props.onToken ? (props.token ?? '') : typed;
  return (
    <div className="sync-token">
      <label htmlFor={id}>Access token{token.source === 'saved' ? ' (one is saved; type to replace it)' : ''}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => {
          setSaved(false);
          if (props.onToken) props.onToken(e.target.value);
          else setTyped(e.target.value);
        }}
        aria-describedby={`${id}-hint`}
      />
      {remoteUrl && (
        <button type="button" disabled={typed === ''} onClick={() => void controls.saveToken(remoteUrl, typed).then((ok) => (setSaved(ok), ok && setTyped('')))}>
          Save token
        </button>
      )}
      <p id={`${id}-hint`} className="sync-hint">
        {saved ? 'Saved. ' : ''}Kept encrypted by your system’s keychain on this computer, never in the workspace or its history.
      </p>
    </div>
  );
}

function Activity({ status, onCancel }: { status: TeamSyncStatus; onCancel(): void }) {
  const activity = status.activity!;
  const progress = activity.progress;
  return (
    <div className="sync-activity" role="status">
      <span>
        {activity.operation === 'sync' ? 'Syncing' : activity.operation === 'share' ? 'Sharing' : 'Joining'}: {activity.phase}
        {progress && progress.total > 0 ? ` (${progress.loaded} of ${progress.total})` : ''}
      </span>
      {progress && progress.total > 0 ? <progress max={progress.total} value={progress.loaded} aria-label="Progress" /> : <progress aria-label="Progress" />}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
