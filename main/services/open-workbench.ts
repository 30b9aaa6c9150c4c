import { resolve } from 'node:path';
import { maxImportBytesFrom } from './imports/import-size-limit.js';
import { agreementCacheDirOf, defaultWorkspaceDir } from '../workspace/app-data.js';
import { recoveryDirOf } from '../workspace/recovery-file.js';
import { sampleArticlesDir } from './workspace/sample-articles.js';
import { shutDownWorkspace, type ShutdownReport } from '../workspace/shut-down-workspace.js';
import { createWorkbenchService, type WorkbenchService } from './index.js';
import type { WorkbenchApi } from '../../shared/api/contract/index.js';
import type { WorkspaceLockHolder } from '../storage/index.js';
import { withReadableStoreErrors } from '../workspace/store-errors.js';
import { resolveIdentity, UserIdentityFile, userIdentityPath } from '../workspace/user-identity.js';
import { WorkspaceStore } from '../workspace/workspace-store.js';
import { environmentCredentials, type GitCredentials } from './sync/git-credentials.js';

/** Who edits, for the faces that need it without opening a workspace (see `resolveIdentity`). */
export { resolveIdentity };

/** Where to open a workbench; every field optional. */
export interface OpenWorkbenchOptions {
  /** The workspace folder; the default workspace in the app-data folder when absent. */
  workspaceDir?: string | undefined;
  /** Folder of sample articles (defaults to fixtures/seeds). */
  samplesDir?: string | undefined;
  /** Environment to read `CORROBORATE_APP_DATA` and friends from. */
  env?: NodeJS.ProcessEnv;
  /** What is opening the workspace (shown to a second process refused by the lock). */
  holder?: WorkspaceLockHolder;
  /** Whether a missing or empty folder may be made a new workspace (default true; false for what only reads). */
  create?: boolean;
  /** Largest article file imported, in bytes; else `CORROBORATE_MAX_IMPORT_BYTES`, else 50 MB. */
  maxImportBytes?: number | undefined;
  /**
   * Who edits: `--annotator` and `--email` from the command line. Without them the environment
   * (`CORROBORATE_ANNOTATOR`), then the user's settings, then nobody (the workspace owner) decide
   * (`resolveIdentity`).
   */
  annotator?: string | undefined;
  email?: string | undefined;
  /** Where the team's git token comes from (the desktop app's keychain); the environment's when absent. */
  gitCredentials?: GitCredentials | undefined;
  /** Whether a team workspace syncs on its own every so many minutes when it asks for it: for the app and the browser host, never a command. */
  teamAutoSync?: boolean | undefined;
}

/** An open workspace: the store and the services that serve the contract over it. */
export interface OpenWorkbench {
  store: WorkspaceStore;
  service: WorkbenchService;
  /** The service as transports serve it: store errors turned into messages for people. */
  api: WorkbenchApi;
  /** Absolute path of the workspace folder. */
  workspaceDir: string;
  isDefault: boolean;
  /**
   * Stops using the workspace when the program ends: saves what is pending, keeps what cannot be
   * saved in a recovery file in the app-data folder, releases the lock. Never rejects; the report
   * says what to tell the user.
   */
  close(): Promise<ShutdownReport>;
}

/**
 * Opens (creating where needed) a workspace and its services. The default workspace is filled with
 * the sample articles when it is first created; a named folder starts empty, and the UI offers the
 * samples.
 */
export async function openWorkbench(options: OpenWorkbenchOptions = {}): Promise<OpenWorkbench> {
  const env = options.env ?? process.env;
  const maxImportBytes = options.maxImportBytes ?? maxImportBytesFrom(env);
  const isDefault = options.workspaceDir === undefined;
  const workspaceDir = resolve(options.workspaceDir ?? defaultWorkspaceDir(env));
  const { identity, source } = await resolveIdentity({ annotator: options.annotator, email: options.email, env });
  const store = await WorkspaceStore.open(workspaceDir, { holder: options.holder ?? 'cli', create: options.create ?? true, annotator: identity });
  const recoveryDir = recoveryDirOf(env);
  const service = createWorkbenchService(store, {
    isDefault,
    recoveryDir,
    agreementCacheDir: agreementCacheDirOf(env),
    samplesDir: options.samplesDir ?? sampleArticlesDir(env),
    maxImportBytes,
    identity: { source, file: new UserIdentityFile(userIdentityPath(env)) },
    gitCredentials: options.gitCredentials ?? environmentCredentials(env),
    teamAutoSync: options.teamAutoSync ?? false,
  });
  if (isDefault && store.created && !store.readOnlyReason) await service.addSampleArticles();
  return {
    store,
    service,
    api: withReadableStoreErrors(service),
    workspaceDir,
    isDefault,
    close: async () => {
      await service.teamSync.stop();
      await service.agreement.stop();
      return shutDownWorkspace(store, recoveryDir);
    },
  };
}
