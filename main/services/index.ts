import type { WorkbenchApi } from '../../shared/api/contract/index.js';
import type { WorkspaceStore } from '../workspace/workspace-store.js';
import { AgreementService } from './agreement/agreement-service.js';
import { assignmentsService } from './assignments/assignments-service.js';
import { AnnotationEditing } from './annotations/annotation-editing.js';
import { curationService } from './curation/curation-service.js';
import { annotationsService } from './annotations/annotations-service.js';
import { documentsService } from './documents/documents-service.js';
import { ExportService } from './exports/export-service.js';
import { exportsService } from './exports/exports-service.js';
import { historyService } from './history/history-service.js';
import { DEFAULT_MAX_IMPORT_BYTES } from './imports/import-size-limit.js';
import { importsService, type AddArticleResult } from './imports/imports-service.js';
import { labelsService } from './labels/labels-service.js';
import { linksService } from './links/links-service.js';
import type { ServiceContext } from './service-context.js';
import type { GitCredentials } from './sync/git-credentials.js';
import { TeamSync } from './sync/team-sync-service.js';
import { teamService, type IdentitySettings } from './team/team-service.js';
import { workspaceService } from './workspace/workspace-service.js';

export type { AddArticleResult };

/** How the services were opened: facts about the workspace the store itself does not know. */
export interface WorkbenchServiceOptions {
  /** Whether the store is the default workspace in the app-data folder. */
  isDefault: boolean;
  /** Folder holding the sample articles. */
  samplesDir: string;
  /**
   * Where the identity the store edits as came from, and the settings file a new one is saved in
   * (`setMyIdentity`); none is saved when absent.
   */
  identity?: IdentitySettings;
  /** Clock for timestamps (tests pass a fixed one). */
  now?: () => Date;
  /** Largest article file imported, in bytes (checked before reading); 50 MB when absent. */
  maxImportBytes?: number;
  /** Where recovery files of unsaved edits are kept (`recoveryDirOf`); none are offered when absent. */
  recoveryDir?: string;
  /** Where agreement caches what it read of the annotation files, outside every workspace (`agreementCacheDirOf`); nothing is cached when absent. */
  agreementCacheDir?: string;
  /** Where the team's git token comes from (the environment's, or the desktop app's keychain). */
  gitCredentials: GitCredentials;
  /** Whether this process syncs a team workspace on its own when it asks for it (the app and the browser host only). */
  teamAutoSync?: boolean;
}

/**
 * Every service of one open workspace, one domain each (workspace, documents, annotations, links,
 * labels, imports, exports, team, team sync, history, assignments, agreement), composed into the contract's API; plus what the
 * CLI and tests use
 * beyond the contract (adding one article, waiting for an export job).
 */
export type WorkbenchService = WorkbenchApi & {
  addArticle: ReturnType<typeof importsService>['addArticle'];
  /** The export job runner (the CLI waits for its jobs). */
  exports: ExportService;
  /** Team sync in the background (stopped when the workspace closes). */
  teamSync: TeamSync;
  /** Agreement, computed in a worker thread (stopped when the workspace closes). */
  agreement: AgreementService;
};

/**
 * Serves the workspace held by `store`: both transports (Electron IPC and the browser host) and the
 * CLI call this same object.
 */
export function createWorkbenchService(store: WorkspaceStore, options: WorkbenchServiceOptions): WorkbenchService {
  const context: ServiceContext = { store, now: options.now ?? (() => new Date()) };
  const editing = new AnnotationEditing(store, { now: context.now });
  const exports = new ExportService(store, context.now);
  const imports = importsService(context, options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES);
  const teamSync = new TeamSync(store, options.gitCredentials, context.now, { autoSync: options.teamAutoSync ?? false });
  const agreement = new AgreementService(store, undefined, options.agreementCacheDir ?? null);
  const facts = { isDefault: options.isDefault, samplesDir: options.samplesDir, recoveryDir: options.recoveryDir ?? null };
  const api = {
    ...workspaceService(context, facts, imports),
    ...documentsService(context),
    ...assignmentsService(context),
    ...annotationsService(editing),
    ...linksService(context),
    ...labelsService(context, editing),
    ...imports,
    ...exportsService(exports),
    ...teamService(context, options.identity ?? { source: 'none', file: null }),
    ...teamSync.api(),
    ...historyService(context),
    ...agreement.api(),
    ...curationService(context),
  } satisfies WorkbenchApi;
  return { ...api, exports, teamSync, agreement };
}
