import { useEffect, useRef, useState } from 'react';
import { SyncConflictsDialog } from './SyncConflictsDialog.js';
import { TeamSyncDialog } from './TeamSyncDialog.js';
import { syncSummary, useTeamSync } from './use-team-sync.js';
import './sync.css';

/**
 * Team sync in the top bar: a Sync button (Ctrl/Cmd+Shift+Y) that starts a sync, or opens the team
 * dialog (share, join) while the workspace is not shared, or the conflicts waiting for a choice;
 * beside it, the status in a few words (a live region, so it is heard too), which opens the dialog.
 * `onFilesChanged` is called when the team's work changed the workspace's files.
 */
export function TeamSyncButton({ onFilesChanged }: { onFilesChanged(): void }) {
  const controls = useTeamSync(onFilesChanged);
  const [dialog, setDialog] = useState<'team' | 'conflicts' | null>(null);
  const { status } = controls;
  const conflicts = status?.conflicts.length ?? 0;
  const primary = () => {
    if (!status) return;
    if (!status.remoteUrl) setDialog('team');
    else if (conflicts > 0) setDialog('conflicts');
    else if (!status.activity) controls.sync();
  };
  const latestPrimary = useRef(primary);
  latestPrimary.current = primary;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        latestPrimary.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!status) return null;
  const summary = syncSummary(status, new Date());
  const attention = conflicts > 0 || status.offline || status.last?.kind === 'failed';
  return (
    <div className="team-sync">
      <button
        type="button"
        className="sync-button"
        onClick={primary}
        disabled={status.activity !== null}
        aria-keyshortcuts="Control+Shift+Y"
        title={status.remoteUrl ? `Send your work and bring in the team’s (${status.remoteUrl})` : 'Share this workspace with a team, or join one'}
      >
        {status.remoteUrl ? (conflicts > 0 ? 'Settle conflicts…' : 'Sync') : 'Team…'}
      </button>
      <button type="button" className={`sync-status${attention ? ' sync-attention' : ''}`} onClick={() => setDialog('team')} title={status.last?.message ?? summary} aria-label={`Team sync: ${summary}. Details`}>
        <span aria-live="polite">{summary}</span>
      </button>
      {dialog === 'team' && <TeamSyncDialog controls={controls} onClose={() => setDialog(null)} onSettle={() => setDialog('conflicts')} />}
      {dialog === 'conflicts' && <SyncConflictsDialog controls={controls} onClose={() => setDialog(null)} />}
    </div>
  );
}
