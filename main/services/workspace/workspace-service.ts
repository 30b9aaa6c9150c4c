import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { DocumentStatusMap } from '../../../shared/model/assignment.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { importArticleFile } from '../../../shared/import/import-article-file.js';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { toWorkbenchError } from '../../workspace/store-errors.js';
import { DEFAULT_MAX_IMPORT_BYTES } from '../imports/import-size-limit.js';
import type { ImportsService } from '../imports/imports-service.js';
import type { ServiceContext } from '../service-context.js';
import { RecoveredEditsOffer } from './recovered-edits.js';
import { sampleArticleFiles } from './sample-articles.js';
import { countWorkspace } from './workspace-stats.js';
import { readLinkLayerFile } from '../../workspace/layer-reading.js';
import { annotatorsOf, layerAnnotations, layersOf } from '../team/layer-queries.js';

/** The workspace domain: what the workspace is, its counts, saving, repairs and recovered edits, the samples. */
export type WorkspaceService = Pick<
  WorkbenchApi,
  | 'getWorkspace'
  | 'getStats'
  | 'getSaveStatus'
  | 'restoreLastGoodBackup'
  | 'restoreRecoveredEdits'
  | 'discardRecoveredEdits'
  | 'addSampleArticles'
>;

/** Facts about the open workspace the store itself does not know. */
export interface WorkspaceFacts {
  /** Whether the store is the default workspace in the app-data folder. */
  isDefault: boolean;
  /** Folder holding the sample articles. */
  samplesDir: string;
  /** Where recovery files of unsaved edits are kept; none are offered when null. */
  recoveryDir: string | null;
}

/** The workspace services of the workspace in `context`; sample articles are added through `imports`. */
export function workspaceService(context: ServiceContext, facts: WorkspaceFacts, imports: ImportsService): WorkspaceService {
  const { store } = context;
  const recovered = new RecoveredEditsOffer(store, facts.recoveryDir);
  let sampleHashes: Promise<string[]> | undefined;
  /** The content hashes of the sample articles, read once. */
  const sampleArticleHashes = () =>
    (sampleHashes ??= sampleArticleFiles(facts.samplesDir)
      .catch(() => [])
      .then((files) => Promise.all(files.map(async (file) => contentHash(importPlainText(basename(file), await readFile(file, 'utf8')).text)))));

  return {
    async getWorkspace() {
      const workspace = store.workspace;
      const samples = await sampleArticleHashes();
      const present = new Set(workspace.documents.map((d) => d.contentHash));
      return {
        path: store.dir,
        name: basename(store.dir),
        isDefault: facts.isDefault,
        readOnly: store.readOnlyReason !== null,
        readOnlyReason: store.readOnlyReason,
        labels: workspace.labels,
        linkTypes: workspace.linkTypes,
        canAddSampleArticles: store.readOnlyReason === null && samples.some((hash) => !present.has(hash)),
        problems: await Promise.all(
          store.problems.map(async (problem) => ({
            ...problem,
            hasGoodBackup: (await store.listBackups(problem.file)).some((b) => b.valid && b.kind === 'version'),
          })),
        ),
        recoveredEdits: await recovered.list(),
      };
    },

    async getStats() {
      // Every layer: mine as the store holds it, the others' as they are on disk.
      const annotationsPerDocument = [];
      for (const meta of store.workspace.documents) {
        const layers = await layersOf(store, meta.id);
        const annotations = [];
        for (const annotator of layers) annotations.push(...(await layerAnnotations(store, meta.id, annotator).catch(() => [])));
        annotationsPerDocument.push(annotations);
      }
      const links = [...store.linkLayer.links];
      const documentStatus: Record<string, DocumentStatusMap> = { [store.annotator.id]: store.linkLayer.documentStatus ?? {} };
      for (const { id } of await annotatorsOf(store)) {
        if (id === store.annotator.id) continue;
        const file = await readLinkLayerFile(store.dir, id).catch(() => null);
        links.push(...(file?.links ?? []));
        documentStatus[id] = file?.documentStatus ?? {};
      }
      return countWorkspace({ ...store.workspace, links, documentStatus }, annotationsPerDocument, store.workspace.documents.map((d) => d.id));
    },

    async getSaveStatus() {
      const status = store.saveStatus;
      const message = status.kind === 'failed' ? ((toWorkbenchError(status.error) as Error).message ?? String(status.error)) : null;
      return { state: status.kind, message };
    },

    async restoreLastGoodBackup({ file }) {
      if (!store.problems.some((p) => p.file === file)) throw new WorkbenchError('invalid-input', `${file} has no problem to repair.`);
      const backup = await store.restoreLastGoodBackup(file);
      return { restoredFrom: backup.name };
    },

    restoreRecoveredEdits: ({ id }) => recovered.restore(id),
    discardRecoveredEdits: ({ id }) => recovered.discard(id),

    async addSampleArticles() {
      let added = 0;
      let alreadyPresent = 0;
      for (const file of await sampleArticleFiles(facts.samplesDir)) {
        const outcome = importArticleFile({ name: basename(file), bytes: await readFile(file) }, { maxBytes: DEFAULT_MAX_IMPORT_BYTES });
        if (!outcome.ok) throw new WorkbenchError('internal', outcome.error.message);
        for (const article of outcome.articles) {
          if ('added' in (await imports.addArticle(article))) added++;
          else alreadyPresent++;
        }
      }
      return { added, alreadyPresent };
    },
  };
}
