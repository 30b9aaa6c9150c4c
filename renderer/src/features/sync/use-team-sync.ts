import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConflictSide } from '../../../../shared/sync/merge-json.js';
import type { TeamSyncStatus } from '../../../../shared/api/contract/index.js';
import { useCache } from '../../client/workbench-context.js';

/** How often the status is asked for while an operation runs, and otherwise (to notice an automatic sync). */
const POLL_WHILE_RUNNING_MS = 400;
const POLL_IDLE_MS = 15_000;

/** The team sync status, kept fresh, and what the person can do with it. */
export interface TeamSyncControls {
  /** The latest status (null until first read). */
  status: TeamSyncStatus | null;
  /** Why the last action could not start, or null. */
  refusal: string | null;
  sync(): void;
  cancel(): void;
  share(remoteUrl: string): void;
  join(remoteUrl: string): void;
  resolve(choices: Readonly<Record<string, ConflictSide>>): void;
  /** Saves the token (desktop); resolves to whether it was saved. */
  saveToken(remoteUrl: string, token: string): Promise<boolean>;
  setAutoSync(minutes: number | null): void;
}

/**
 * Reads the team sync status (often while something runs, rarely otherwise) and calls
 * `onFilesChanged` whenever a sync, share or join changed the workspace's files, so the app reads
 * them again.
 */
export function useTeamSync(onFilesChanged: () => void): TeamSyncControls {
  const { api } = useCache();
  const [status, setStatus] = useState<TeamSyncStatus | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const revision = useRef<number | null>(null);
  const filesChanged = useRef(onFilesChanged);
  filesChanged.current = onFilesChanged;

  const apply = useCallback((next: TeamSyncStatus) => {
    setStatus(next);
    if (revision.current !== null && next.filesRevision !== revision.current) filesChanged.current();
    revision.current = next.filesRevision;
  }, []);

  const running = status?.activity != null;
  useEffect(() => {
    let stopped = false;
    const timer = setTimeout(
      () => {
        void api.getTeamSyncStatus().then((next) => !stopped && apply(next), () => undefined);
      },
      status === null ? 0 : running ? POLL_WHILE_RUNNING_MS : POLL_IDLE_MS,
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, apply, status, running]);

  const run = useCallback(
    (call: () => Promise<TeamSyncStatus>) => {
      setRefusal(null);
      call().then(apply, (error: unknown) => setRefusal((error as Error).message));
    },
    [apply],
  );

  return {
    status,
    refusal,
    sync: () => run(() => api.startSync()),
    cancel: () => run(() => api.cancelTeamOperation()),
    share: (remoteUrl) => run(() => api.shareWorkspace({ remoteUrl })),
    join: (remoteUrl) => run(() => api.joinTeamWorkspace({ remoteUrl })),
    resolve: (choices) => run(() => api.resolveSyncConflicts({ choices: { ...choices } })),
    saveToken: (remoteUrl, token) =>
      api.saveGitToken({ remoteUrl, token }).then(
        (next) => (apply(next), true),
        (error: unknown) => (setRefusal((error as Error).message), false),
      ),
    setAutoSync: (minutes) => run(() => api.setAutoSync({ minutes })),
  };
}

/** The status in a few words, for the top bar. */
export function syncSummary(status: TeamSyncStatus, now: Date): string {
  if (status.activity) return `${status.activity.operation === 'sync' ? 'Syncing' : status.activity.operation === 'share' ? 'Sharing' : 'Joining'}… ${status.activity.phase}`;
  if (status.conflicts.length > 0) return `${status.conflicts.length} ${status.conflicts.length === 1 ? 'conflict' : 'conflicts'} to settle`;
  if (status.offline) return 'Offline: will catch up';
  if (status.last?.kind === 'failed') return 'Sync failed';
  if (status.lastSyncedAt) return `Synced ${sinceInWords(new Date(status.lastSyncedAt), now)}`;
  return status.remoteUrl ? 'Not synced yet' : 'Not shared';
}

/** How long ago, in words (`just now`, `5 min ago`, `at 14:02`). */
export function sinceInWords(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  return `at ${then.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}
