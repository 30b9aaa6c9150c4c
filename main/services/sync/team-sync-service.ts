import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TeamActivity, TeamOutcome, TeamSyncStatus, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { OWNER_ANNOTATOR } from '../../../shared/model/annotator.js';
import type { SyncConflict } from '../../../shared/sync/merge-file.js';
import { writeFileDurably } from '../../storage/index.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { TOKEN_VARIABLE, type GitCredentials } from './git-credentials.js';
import { joinIntoOpenWorkspace } from './join-into-open-workspace.js';
import { shareWorkspace } from './share-workspace.js';
import { SyncError } from './sync-error.js';
import { LOCK_HELD_BY_CALLER } from './sync-lock.js';
import { readPendingConflicts } from './pending-conflicts.js';
import { resolveConflicts, syncWorkspace, type SyncOptions, type SyncOutcome } from './sync-workspace.js';
import { isRepository, teamRemoteUrl, type CommitAuthor } from './team-repository.js';

/** The team sync methods of the contract. */
export type TeamSyncApi = Pick<
  WorkbenchApi,
  'getTeamSyncStatus' | 'startSync' | 'cancelTeamOperation' | 'resolveSyncConflicts' | 'shareWorkspace' | 'joinTeamWorkspace' | 'saveGitToken' | 'setAutoSync'
>;

/** This machine's settings of one team workspace, kept inside its repository folder (never shared). */
const SETTINGS_FILE = join('.git', 'corroborate', 'team-settings.json');

type Operation = TeamActivity['operation'];
/** Tells the status which step an operation is at. */
type Report = (phase: string, progress?: { loaded: number; total: number }) => void;
/** How an operation ended well: one sentence, and how many files the team's work brought in. */
interface Done {
  message: string;
  received: number;
}

/**
 * Team sync inside the app: one operation at a time (sync, share or join) runs in the background
 * while the app polls `status`; the store holds edits back while the operation changes files
 * (`WorkspaceStore.whileFilesChange`) and reads again what it changed, and the app, seeing
 * `filesRevision` go up, reads the workspace again. The app holds the workspace's lock, so the
 * operations run under it. An automatic sync runs every few minutes when turned on; when the server
 * cannot be reached the status says offline, and the next sync catches up.
 */
export class TeamSync {
  #activity: TeamActivity | null = null;
  #controller: AbortController | null = null;
  #running: Promise<void> | null = null;
  #last: TeamOutcome | null = null;
  #lastSyncedAt: string | null = null;
  #offline = false;
  #filesRevision = 0;
  #autoSyncMinutes: number | null | undefined;
  #timer: NodeJS.Timeout | null = null;
  #timerGeneration = 0;
  #stopped = false;
  /** The team remote and the conflicts waiting, read once and again only after an operation of ours (nothing else changes them). */
  #shared: Promise<{ remoteUrl: string | null; conflicts: SyncConflict[] }> | null = null;

  /**
   * @param store the open workspace (its lock held by this process)
   * @param credentials where the token comes from
   * @param now the clock for the status's times
   * @param options `autoSync`: whether this process syncs on its own when the workspace says so (the
   *   app and the browser host; never a command that opens a workspace for a moment); `minuteMs`: how
   *   long a minute of the interval is (tests shorten it)
   */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly credentials: GitCredentials,
    private readonly now: () => Date,
    private readonly options: { autoSync: boolean; minuteMs?: number },
  ) {
    void this.scheduleAutoSync();
  }

  /** The contract's methods. */
  api(): TeamSyncApi {
    return {
      getTeamSyncStatus: () => this.status(),
      startSync: () => this.start('sync', (signal, report) => this.sync(signal, report, null)),
      cancelTeamOperation: async () => {
        this.#controller?.abort();
        return this.status();
      },
      resolveSyncConflicts: ({ choices }) => this.start('sync', (signal, report) => this.sync(signal, report, choices)),
      shareWorkspace: ({ remoteUrl }) => this.start('share', (signal, report) => this.share(remoteUrl, signal, report)),
      joinTeamWorkspace: ({ remoteUrl }) => this.start('join', (signal, report) => this.join(remoteUrl, signal, report)),
      saveGitToken: async ({ remoteUrl, token }) => {
        await this.credentials.save(remoteUrl, token);
        return this.status();
      },
      setAutoSync: async ({ minutes }) => {
        if ((await this.team()).remoteUrl === null) throw new WorkbenchError('invalid-input', 'Automatic syncing is for a team workspace: share this one, or join a team’s, first.');
        await mkdir(join(this.store.dir, '.git', 'corroborate'), { recursive: true });
        await writeFileDurably(join(this.store.dir, SETTINGS_FILE), `${JSON.stringify({ autoSyncMinutes: minutes })}\n`);
        this.#autoSyncMinutes = minutes;
        await this.scheduleAutoSync();
        return this.status();
      },
    };
  }

  /** Everything the app shows about the team workspace. */
  async status(): Promise<TeamSyncStatus> {
    const { remoteUrl, conflicts } = await this.team();
    const shared = remoteUrl !== null;
    return {
      remoteUrl,
      canJoin: !shared && this.isEmpty(),
      token: await this.credentials.status(remoteUrl),
      activity: this.#activity,
      last: this.#last,
      lastSyncedAt: this.#lastSyncedAt,
      offline: this.#offline,
      conflicts: conflicts.map(viewOfConflict),
      autoSyncMinutes: shared ? await this.autoSyncMinutes() : null,
      filesRevision: this.#filesRevision,
    };
  }

  /** The team remote (null: not shared) and the conflicts waiting, as last read. */
  private team(): Promise<{ remoteUrl: string | null; conflicts: SyncConflict[] }> {
    this.#shared ??= (async () => {
      if (!(await isRepository(this.store.dir))) return { remoteUrl: null, conflicts: [] };
      const remoteUrl = await teamRemoteUrl(this.store.dir).catch(() => null);
      return { remoteUrl, conflicts: remoteUrl === null ? [] : await readPendingConflicts(this.store.dir).catch(() => []) };
    })();
    return this.#shared;
  }

  /** Stops automatic syncing and cancels what runs, waiting for it to end (the workspace is closing). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#controller?.abort();
    await this.#running;
  }

  /** Starts `operation` in the background unless one runs; resolves to the status once it has started. */
  private async start(operation: Operation, work: (signal: AbortSignal, report: Report) => Promise<Done>): Promise<TeamSyncStatus> {
    if (this.#activity) throw new WorkbenchError('conflict', `A ${this.#activity.operation} is running already; wait for it or cancel it.`);
    if (this.store.annotator.id === OWNER_ANNOTATOR) {
      throw new WorkbenchError('invalid-input', 'Say who you are first (your name in the top bar): your team sees your work under it.');
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#activity = { operation, phase: 'starting', progress: null, startedAt: this.now().toISOString() };
    const report: Report = (phase, progress) => {
      if (this.#activity) this.#activity = { ...this.#activity, phase, progress: progress ?? null };
    };
    this.#running = work(controller.signal, report).then(
      (done) => this.finish(operation, 'done', done.message, null, done.received),
      (error: unknown) => this.finish(operation, ...failureOf(error), 0),
    );
    return this.status();
  }

  private finish(operation: Operation, kind: TeamOutcome['kind'], message: string, failure: string | null, received: number): void {
    const at = this.now().toISOString();
    this.#last = { operation, at, kind, message, failure, received };
    this.#offline = failure === 'unreachable';
    if (kind === 'done') this.#lastSyncedAt = at;
    this.#activity = null;
    this.#controller = null;
    this.#running = null;
    this.#shared = null;
    void this.scheduleAutoSync();
  }

  private author(): CommitAuthor {
    const { name, email } = this.store.annotator;
    return { name, email: email || undefined };
  }

  private async syncOptions(signal: AbortSignal, report: Report): Promise<SyncOptions> {
    const remoteUrl = await teamRemoteUrl(this.store.dir);
    return {
      dir: this.store.dir,
      token: await this.credentials.token(remoteUrl),
      tokenName: await this.tokenName(remoteUrl),
      author: this.author(),
      signal,
      holder: LOCK_HELD_BY_CALLER,
      onProgress: (progress) => report(progress.phase, progress.detail ? { loaded: progress.detail.loaded, total: progress.detail.total } : undefined),
    };
  }

  private async sync(signal: AbortSignal, report: Report, choices: Readonly<Record<string, 'ours' | 'theirs'>> | null): Promise<Done> {
    const options = await this.syncOptions(signal, report);
    const outcome = await this.store.whileFilesChange(async () => {
      const result: SyncOutcome = choices ? await resolveConflicts({ ...options, choices }) : await syncWorkspace(options);
      return { result, changed: result.status === 'synced' ? result.received : [] };
    });
    if (outcome.status === 'conflicts') {
      throw new ConflictsStop(outcome.conflicts.length);
    }
    const received = outcome.received.length;
    if (received > 0) this.#filesRevision++;
    const brought = received === 0 ? 'nothing new from the team' : `${received} ${received === 1 ? 'file' : 'files'} from the team`;
    return { message: `Synced: ${outcome.pushed ? 'your changes sent' : 'nothing of yours to send'}, ${brought}.`, received };
  }

  private async share(remoteUrl: string, signal: AbortSignal, report: Report): Promise<Done> {
    report('sending');
    // The team sees who shared it (and can assign them work) even before they annotate.
    await this.store.updateLinkLayer(() => undefined);
    const token = await this.credentials.token(remoteUrl);
    await this.store.whileFilesChange(async () => ({
      result: await shareWorkspace({ dir: this.store.dir, remoteUrl, token, tokenName: await this.tokenName(remoteUrl), author: this.author(), signal, holder: LOCK_HELD_BY_CALLER }),
      changed: [],
    }));
    return { message: `Shared with ${remoteUrl}: your team joins it with this address.`, received: 0 };
  }

  private async join(remoteUrl: string, signal: AbortSignal, report: Report): Promise<Done> {
    if (!this.isEmpty()) throw new WorkbenchError('invalid-input', 'Only an empty workspace can join a team: open a new, empty workspace first.');
    const token = await this.credentials.token(remoteUrl);
    const tokenName = await this.tokenName(remoteUrl);
    const outcome = await this.store.whileFilesChange(async () => {
      // Again with edits held: an import may have landed since the first look.
      if (!this.isEmpty()) throw new WorkbenchError('invalid-input', 'Only an empty workspace can join a team: open a new, empty workspace first.');
      const joined = await joinIntoOpenWorkspace({ dir: this.store.dir, remoteUrl, token, tokenName, signal, onProgress: (p) => report(p.phase, { loaded: p.loaded, total: p.total }) });
      return { result: joined, changed: joined.files };
    });
    this.#filesRevision++;
    // My link file names me to the team from my first sync on, so I can be assigned work before I annotate.
    await this.store.updateLinkLayer(() => undefined);
    return { message: `Joined the team workspace at ${remoteUrl}.`, received: outcome.files.length };
  }

  private async tokenName(remoteUrl: string): Promise<string> {
    return (await this.credentials.status(remoteUrl)).source === 'saved' ? 'the token saved for this server' : TOKEN_VARIABLE;
  }

  /** Whether the workspace has nothing in it: no documents and nothing of mine. */
  private isEmpty(): boolean {
    return this.store.workspace.documents.length === 0 && this.store.linkLayer.links.length === 0;
  }

  private async autoSyncMinutes(): Promise<number | null> {
    if (this.#autoSyncMinutes === undefined) {
      const text = await readFile(join(this.store.dir, SETTINGS_FILE), 'utf8').catch(() => null);
      // A missing or damaged setting is "off": it is this machine's preference, nothing else depends on it.
      const saved = text === null ? null : parseOrNull<{ autoSyncMinutes?: unknown }>(text)?.autoSyncMinutes;
      this.#autoSyncMinutes = typeof saved === 'number' && saved > 0 ? saved : null;
    }
    return this.#autoSyncMinutes;
  }

  /**
   * Sets the next automatic sync, when this process syncs on its own and the workspace asks for it.
   * Each call replaces the timer of the calls before it (even when they are still reading), and a
   * sync that could not start (conflicts waiting, nobody named) is tried again at the next interval.
   */
  private async scheduleAutoSync(): Promise<void> {
    const generation = ++this.#timerGeneration;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.options.autoSync) return;
    const minutes = (await this.team()).remoteUrl === null ? null : await this.autoSyncMinutes();
    if (generation !== this.#timerGeneration || minutes === null || this.#stopped || this.#activity) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#activity || this.#stopped) return;
      void this.team().then(async ({ conflicts }) => {
        if (conflicts.length > 0 || this.#activity || this.#stopped) return this.scheduleAutoSync();
        await this.api().startSync().catch(() => this.scheduleAutoSync());
      });
    }, minutes * (this.options.minuteMs ?? 60_000));
    this.#timer.unref();
  }
}

/** The value of a JSON text, or null when it is not JSON. */
function parseOrNull<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** A sync that stopped at conflicts: nothing merged or sent; they wait for a choice. */
class ConflictsStop extends Error {
  constructor(readonly count: number) {
    super(`${count} ${count === 1 ? 'change' : 'changes'} of yours and the team's disagree: choose which to keep.`);
  }
}

/** How a failed operation ends: its kind, its sentence, and the failure's name. */
function failureOf(error: unknown): [TeamOutcome['kind'], string, string | null] {
  if (error instanceof ConflictsStop) return ['conflicts', error.message, null];
  if (error instanceof SyncError) return [error.failure === 'cancelled' ? 'cancelled' : 'failed', error.message, error.failure];
  if (error instanceof WorkbenchError) return ['failed', error.message, error.code];
  return ['failed', `The operation failed: ${(error as Error).message}`, null];
}

/** A conflict as the contract shows it (its path only as `where`). */
function viewOfConflict(conflict: SyncConflict): TeamSyncStatus['conflicts'][number] {
  if (conflict.kind === 'file') return conflict;
  const { path: _path, ...shown } = conflict;
  return shown;
}
