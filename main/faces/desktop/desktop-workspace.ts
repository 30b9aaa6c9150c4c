import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { methodNames, type WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ShutdownReport } from '../../services/workspace/workspace-upkeep.js';
import type { OpenWorkbench } from '../../services/open-workbench.js';
import type { RecentWorkspaces } from './recent-workspaces.js';

/** Opens a workspace (the default one when `dir` is undefined) through the workspace services. */
export type OpenWorkspace = (dir: string | undefined) => Promise<OpenWorkbench>;

/** What the shell is told and asked while leaving a workspace (quitting, or opening another). */
export interface LeavingHooks {
  /** Leaving has to wait for edits to reach the disk: the shell says so. */
  onWaiting(): void;
  /** Some edits could not be saved (`reason` says why): resolves true to leave anyway, losing them. */
  confirmLoss(reason: string): Promise<boolean>;
}

/** How opening another workspace went. */
export type SwitchOutcome =
  /** The other workspace is open; the first one's edits are saved and its lock released. */
  | { kind: 'switched'; workbench: OpenWorkbench }
  /** It is the workspace already open: nothing changed. */
  | { kind: 'already-open' }
  /** Edits could not be saved and the user chose to stay: nothing changed. */
  | { kind: 'stayed' }
  /** The other workspace could not be opened (`message` says why); the first one stays open. */
  | { kind: 'failed'; message: string };

/**
 * The workspace the desktop window shows, and moving between workspaces as a desktop app does:
 * each one opened through the same workspace services (and their lock) as every other host,
 * recorded in the recent list, and left only after its edits are saved — or, when they cannot be,
 * after the user agreed to lose them. Knows nothing of Electron: the shell wires windows, menus and
 * dialogs to it.
 */
export class DesktopWorkspace {
  #current: OpenWorkbench;
  #currentApi: WorkbenchApi;
  /** Calls the window has made that have not finished yet (an edit may not have reached the store). */
  readonly #callsInFlight = new Set<Promise<unknown>>();

  private constructor(
    current: OpenWorkbench,
    private readonly openWorkspace: OpenWorkspace,
    private readonly recents: RecentWorkspaces,
    private readonly onProblem: (message: string) => void,
  ) {
    this.#current = current;
    this.#currentApi = this.#tracked(current.api);
  }

  /**
   * Opens the first workspace (`dir`, or the default one) and puts it on the recent list.
   * @param onProblem told when the recent list cannot be read or saved (opening goes on)
   */
  static async open(
    dir: string | undefined,
    openWorkspace: OpenWorkspace,
    recents: RecentWorkspaces,
    onProblem: (message: string) => void,
  ): Promise<DesktopWorkspace> {
    const session = new DesktopWorkspace(await openWorkspace(dir), openWorkspace, recents, onProblem);
    await session.#remember(session.#current.workspaceDir);
    return session;
  }

  /** The open workspace and its services. */
  get workbench(): OpenWorkbench {
    return this.#current;
  }

  /** The open workspace's API for the window; leaving waits for the calls made through it. */
  get api(): WorkbenchApi {
    return this.#currentApi;
  }

  /**
   * Waits until every edit is on disk, telling `hooks.onWaiting` first when there is anything to
   * wait for. Resolves true when everything is saved, or when it could not be and the user chose
   * to leave anyway; false when the user chose to stay.
   */
  async saveBeforeLeaving(hooks: LeavingHooks): Promise<boolean> {
    const { service, store } = this.#current;
    let status = await service.getSaveStatus();
    if (status.state === 'saved' && this.#callsInFlight.size === 0) return true;
    hooks.onWaiting();
    // An edit the window asked for may not have reached the store yet.
    while (this.#callsInFlight.size > 0) await Promise.allSettled([...this.#callsInFlight]);
    // Edits made while the flush ran start new writes: wait for those too.
    do {
      await store.flush();
      status = await service.getSaveStatus();
    } while (status.state === 'saving');
    if (status.state === 'saved') return true;
    return hooks.confirmLoss(status.message ?? 'the last save failed');
  }

  /**
   * Opens `dir` in place of the current workspace: saves the current one's edits first, opens the
   * other (the current one stays open if that fails), then closes the current one, releasing its
   * lock. `fromRecentList` marks a folder picked from the recent list, which must still exist (one
   * that does not is taken off the list rather than created anew).
   */
  async switchTo(dir: string, hooks: LeavingHooks, options: { fromRecentList?: boolean } = {}): Promise<SwitchOutcome> {
    const target = resolve(dir);
    if (target === this.#current.workspaceDir) return { kind: 'already-open' };
    if (options.fromRecentList && !existsSync(target)) {
      await this.recents.remove(target).catch((error: unknown) => this.onProblem((error as Error).message));
      return { kind: 'failed', message: `The folder ${target} no longer exists, so it was taken off the recent list.` };
    }
    if (!(await this.saveBeforeLeaving(hooks))) return { kind: 'stayed' };
    let next: OpenWorkbench;
    try {
      next = await this.openWorkspace(target);
    } catch (error) {
      return { kind: 'failed', message: (error as Error).message };
    }
    const previous = this.#current;
    this.#current = next;
    this.#currentApi = this.#tracked(next.api);
    // Leaving goes through the same shutdown as quitting: what could not be saved is kept in a recovery file.
    const report = await previous.close();
    for (const message of report.messages) this.onProblem(message);
    await this.#remember(next.workspaceDir);
    return { kind: 'switched', workbench: next };
  }

  /**
   * Leaves the workspace for good (quitting): saves its edits as `saveBeforeLeaving` does, then shuts
   * it down (edits that still cannot be saved go to a recovery file, offered back at the next start)
   * and releases its lock. Resolves to the shutdown's report, or null, leaving it open, when the user
   * chose to stay.
   */
  async close(hooks: LeavingHooks): Promise<ShutdownReport | null> {
    if (!(await this.saveBeforeLeaving(hooks))) return null;
    return this.#current.close();
  }

  /** The recent workspaces, the latest first. */
  async recentWorkspaces(): Promise<string[]> {
    const { workspaces, problem } = await this.recents.read();
    if (problem) this.onProblem(problem);
    return workspaces;
  }

  /** `api` with every call recorded in `#callsInFlight` until it settles. */
  #tracked(api: WorkbenchApi): WorkbenchApi {
    const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of methodNames) {
      const method = api[name] as (input: unknown) => Promise<unknown>;
      wrapped[name] = (input) => {
        const call = method.call(api, input);
        this.#callsInFlight.add(call);
        const forget = () => void this.#callsInFlight.delete(call);
        call.then(forget, forget);
        return call;
      };
    }
    return wrapped as unknown as WorkbenchApi;
  }

  async #remember(dir: string): Promise<void> {
    const { problem } = await this.recents.read();
    if (problem) this.onProblem(problem);
    await this.recents.add(dir).catch((error: unknown) => this.onProblem(`The recent workspaces could not be saved: ${(error as Error).message}`));
  }
}
