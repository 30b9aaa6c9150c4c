import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { MethodInput, WorkbenchApi, WorkspaceInfo, WorkspaceStats } from '../../shared/api/contract.js';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import type { Annotation } from '../../shared/model/annotation.js';
import type { DocumentMeta, DocumentSummary } from '../../shared/model/document.js';
import type { ImportedArticle } from '../../shared/import/imported-article.js';
import { importPlainText } from '../../shared/import/plain-text.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { fragmentAt, InvalidRangeError } from '../../shared/text/text-quote.js';
import { LinkClusters } from './links/link-clusters.js';
import { ExportService } from './exports/export-service.js';
import { importArticleFile } from '../../shared/import/import-article-file.js';
import { ArticleImportService } from './imports/article-import-service.js';
import { updateDocumentMeta } from './documents/document-meta-editing.js';
import { DEFAULT_MAX_IMPORT_BYTES } from './imports/import-size-limit.js';
import { documentMetaFor } from './imports/document-meta-for.js';
import { LinkEditing } from './links/link-editing.js';
import { saveLinkTypes } from './labels/link-type-editing.js';
import { QuoteSightings } from './links/quote-sightings.js';
import { RecoveredEditsOffer } from './workspace/recovered-edits.js';
import { toWorkbenchError } from '../workspace/store-errors.js';
import { AnnotationEditing } from './annotations/annotation-editing.js';
import { LabelSchemaEditing } from './labels/label-schema-editing.js';
import { sampleArticleFiles } from './workspace/sample-articles.js';
import { searchWorkspace } from './documents/workspace-search.js';
import type { WorkspaceStore } from '../workspace/workspace-store.js';

/** How the service was opened: facts about the workspace the store itself does not know. */
export interface WorkbenchServiceOptions {
  /** Whether the store is the default workspace in the app-data folder. */
  isDefault: boolean;
  /** Folder holding the sample articles. */
  samplesDir: string;
  /** Name recorded as the author of new annotations. */
  author?: string;
  /** Clock for timestamps (tests pass a fixed one). */
  now?: () => Date;
  /** Largest article file imported, in bytes (checked before reading); 50 MB when absent. */
  maxImportBytes?: number;
  /** Where recovery files of unsaved edits are kept (`recoveryDirOf`); none are offered when absent. */
  recoveryDir?: string;
}

/** The outcome of adding one article to the workspace. */
export type AddArticleResult = { added: DocumentMeta } | { alreadyPresent: DocumentMeta };

/**
 * The workspace services behind the contract: documents and annotations of one open workspace.
 * Both transports (Electron IPC and the browser host) call this same object.
 */
export class WorkbenchService implements WorkbenchApi {
  private readonly author: string;
  private readonly now: () => Date;
  private readonly links: LinkEditing;
  private readonly clusters: LinkClusters;
  private readonly sightings: QuoteSightings;
  /** Exports and annotation imports of this workspace. */
  readonly exports: ExportService;
  private readonly imports: ArticleImportService;
  private sampleHashes: Promise<string[]> | undefined;
  private readonly editing: AnnotationEditing;
  private readonly labelEditing: LabelSchemaEditing;
  private readonly recovered: RecoveredEditsOffer;

  /** Serves the workspace held by `store`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly options: WorkbenchServiceOptions,
  ) {
    this.author = options.author ?? safeUserName();
    this.now = options.now ?? (() => new Date());
    this.links = new LinkEditing(store, this.author, this.now);
    this.clusters = new LinkClusters(store, this.now);
    this.sightings = new QuoteSightings(store);
    this.exports = new ExportService(store, this.author, this.now);
    this.imports = new ArticleImportService(store, { maxFileBytes: options.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES, now: this.now });
    this.editing = new AnnotationEditing(store, { author: this.author, now: this.now });
    this.labelEditing = new LabelSchemaEditing(store, this.editing);
    this.recovered = new RecoveredEditsOffer(store, options.recoveryDir ?? null);
  }

  /** See the contract. */
  async getWorkspace(): Promise<WorkspaceInfo> {
    const workspace = this.store.workspace;
    const samples = await this.sampleArticleHashes();
    const present = new Set(workspace.documents.map((d) => d.contentHash));
    return {
      path: this.store.dir,
      name: basename(this.store.dir),
      isDefault: this.options.isDefault,
      readOnly: this.store.readOnlyReason !== null,
      readOnlyReason: this.store.readOnlyReason,
      labels: workspace.labels,
      linkTypes: workspace.linkTypes,
      canAddSampleArticles: this.store.readOnlyReason === null && samples.some((hash) => !present.has(hash)),
      problems: await Promise.all(
        this.store.problems.map(async (problem) => ({
          ...problem,
          hasGoodBackup: (await this.store.listBackups(problem.file)).some((b) => b.valid && b.kind === 'version'),
        })),
      ),
      recoveredEdits: await this.recovered.list(),
    };
  }

  /** See the contract. */
  async listDocuments(): Promise<DocumentSummary[]> {
    return this.store.workspace.documents.map((meta) => ({
      id: meta.id,
      title: meta.title,
      outlet: meta.outlet,
      date: meta.date,
      length: meta.length,
      annotationCount: this.store.knownAnnotationCount(meta.id),
    }));
  }

  /** See the contract. */
  async openDocument({ documentId }: MethodInput<'openDocument'>) {
    const meta = this.requireDocument(documentId);
    const [text, annotations] = await Promise.all([
      this.store.readText(documentId),
      this.store.readAnnotations(documentId),
    ]);
    return { meta, text, annotations: [...annotations] };
  }

  /** See the contract. */
  async listAnnotations({ documentId }: MethodInput<'listAnnotations'>): Promise<Annotation[]> {
    this.requireDocument(documentId);
    return [...(await this.store.readAnnotations(documentId))];
  }

  /** See the contract. */
  async createAnnotation({ documentId, labelId, ranges }: MethodInput<'createAnnotation'>): Promise<Annotation> {
    const meta = this.requireDocument(documentId);
    if (!this.store.workspace.labels.some((l) => l.id === labelId)) {
      throw new WorkbenchError('invalid-input', `There is no label "${labelId}" in this workspace.`);
    }
    const text = await this.store.readText(documentId);
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    sorted.forEach((range, i) => {
      const previous = sorted[i - 1];
      if (previous && range.start < previous.end) {
        throw new WorkbenchError('invalid-input', 'The pieces of one annotation must not overlap.');
      }
    });
    let fragments;
    try {
      fragments = sorted.map((range) => fragmentAt(text, range));
    } catch (error) {
      if (error instanceof InvalidRangeError) throw new WorkbenchError('invalid-input', error.message);
      throw error;
    }
    const timestamp = this.now().toISOString();
    const annotation: Annotation = {
      id: randomUUID(),
      documentId,
      labelId,
      fragments,
      contentHash: meta.contentHash,
      attributes: {},
      note: '',
      author: this.author,
      createdAt: timestamp,
      updatedAt: timestamp,
      orphaned: false,
    };
    await this.store.updateAnnotations(documentId, (current) => [...current, annotation]);
    return annotation;
  }

  /** See the contract. */
  async deleteAnnotation({ documentId, annotationId }: MethodInput<'deleteAnnotation'>) {
    this.requireDocument(documentId);
    const current = await this.store.readAnnotations(documentId);
    if (!current.some((a) => a.id === annotationId)) {
      throw new WorkbenchError('not-found', 'That annotation no longer exists.');
    }
    await this.store.updateAnnotations(documentId, (list) => list.filter((a) => a.id !== annotationId));
    const touches = (end: { annotationId: string }) => end.annotationId === annotationId;
    const removedLinks = this.store.workspace.links.filter((l) => touches(l.source) || touches(l.target));
    const deletedLinks = removedLinks.length;
    if (deletedLinks > 0) {
      await this.store.updateWorkspace((workspace) => {
        workspace.links = workspace.links.filter((l) => !touches(l.source) && !touches(l.target));
      });
    }
    return { deletedLinks, removedLinks };
  }

  /** See the contract (implemented in annotation-editing.ts). */
  createAnnotations(input: MethodInput<'createAnnotations'>) {
    return this.editing.createAnnotations(input);
  }

  /** See the contract (implemented in annotation-editing.ts). */
  updateAnnotation(input: MethodInput<'updateAnnotation'>) {
    return this.editing.updateAnnotation(input);
  }

  /** See the contract (implemented in annotation-editing.ts). */
  deleteAnnotations(input: MethodInput<'deleteAnnotations'>) {
    return this.editing.deleteAnnotations(input);
  }

  /** See the contract (implemented in annotation-editing.ts). */
  restoreAnnotations(input: MethodInput<'restoreAnnotations'>) {
    return this.editing.restoreAnnotations(input);
  }

  /** See the contract (implemented in label-schema-editing.ts). */
  saveLabels(input: MethodInput<'saveLabels'>) {
    return this.labelEditing.saveLabels(input);
  }

  /** See the contract (implemented in workspace-search.ts). */
  searchWorkspace(input: MethodInput<'searchWorkspace'>) {
    return searchWorkspace(this.store, input);
  }

  /** See the contract. */
  async addSampleArticles() {
    let added = 0;
    let alreadyPresent = 0;
    for (const file of await sampleArticleFiles(this.options.samplesDir)) {
      const outcome = importArticleFile({ name: basename(file), bytes: await readFile(file) }, { maxBytes: DEFAULT_MAX_IMPORT_BYTES });
      if (!outcome.ok) throw new WorkbenchError('internal', outcome.error.message);
      for (const article of outcome.articles) {
        const result = await this.addArticle(article);
        if ('added' in result) added++;
        else alreadyPresent++;
      }
    }
    return { added, alreadyPresent };
  }

  /** See the contract. */
  async createLink(input: MethodInput<'createLink'>) {
    return this.links.create(input);
  }

  /** See the contract. */
  async updateLink({ linkId, typeId, note }: MethodInput<'updateLink'>) {
    return this.links.update(linkId, { typeId, note });
  }

  /** See the contract. */
  async saveLinkTypes({ linkTypes, deleteLinksOfRemovedTypes }: MethodInput<'saveLinkTypes'>) {
    return saveLinkTypes(this.store, linkTypes, deleteLinksOfRemovedTypes);
  }

  /** See the contract. */
  async deleteLink({ linkId }: MethodInput<'deleteLink'>) {
    return this.links.remove(linkId);
  }

  /** See the contract. */
  async listLinks({ documentId }: MethodInput<'listLinks'> = {}) {
    return this.links.resolved(documentId);
  }

  /** See the contract. */
  async listClusters() {
    return this.clusters.list();
  }

  /** See the contract. */
  async nameCluster({ annotationId, name, canonicalText }: MethodInput<'nameCluster'>) {
    return this.clusters.name(annotationId, name, canonicalText);
  }

  /** See the contract. */
  async findQuoteElsewhere({ documentId, annotationId, maxErrorRate }: MethodInput<'findQuoteElsewhere'>) {
    return this.sightings.find(documentId, annotationId, maxErrorRate);
  }

  /** See the contract. */
  async getSaveStatus() {
    const status = this.store.saveStatus;
    const message = status.kind === 'failed' ? ((toWorkbenchError(status.error) as Error).message ?? String(status.error)) : null;
    return { state: status.kind, message };
  }

  /** See the contract. */
  async restoreLastGoodBackup({ file }: MethodInput<'restoreLastGoodBackup'>) {
    if (!this.store.problems.some((p) => p.file === file)) {
      throw new WorkbenchError('invalid-input', `${file} has no problem to repair.`);
    }
    const backup = await this.store.restoreLastGoodBackup(file);
    return { restoredFrom: backup.name };
  }

  /** See the contract (implemented in recovered-edits.ts). */
  restoreRecoveredEdits({ id }: MethodInput<'restoreRecoveredEdits'>) {
    return this.recovered.restore(id);
  }

  /** See the contract (implemented in recovered-edits.ts). */
  discardRecoveredEdits({ id }: MethodInput<'discardRecoveredEdits'>) {
    return this.recovered.discard(id);
  }

  /** See the contract. */
  async getStats(): Promise<WorkspaceStats> {
    const annotationsByLabel: Record<string, number> = {};
    for (const label of this.store.workspace.labels) annotationsByLabel[label.id] = 0;
    let annotations = 0;
    for (const meta of this.store.workspace.documents) {
      for (const annotation of await this.store.readAnnotations(meta.id)) {
        annotations++;
        annotationsByLabel[annotation.labelId] = (annotationsByLabel[annotation.labelId] ?? 0) + 1;
      }
    }
    const linksByType: Record<string, number> = {};
    for (const type of this.store.workspace.linkTypes) linksByType[type.id] = 0;
    for (const link of this.store.workspace.links) linksByType[link.typeId] = (linksByType[link.typeId] ?? 0) + 1;
    return {
      documents: this.store.workspace.documents.length,
      annotations,
      annotationsByLabel,
      links: this.store.workspace.links.length,
      linksByType,
    };
  }

  /** See the contract. */
  async getExportOptions() {
    return this.exports.getExportOptions();
  }

  /** See the contract. */
  async startExport(input: MethodInput<'startExport'>) {
    return this.exports.startExport(input);
  }

  /** See the contract. */
  async getExportProgress(input: MethodInput<'getExportProgress'>) {
    return this.exports.getExportProgress(input);
  }

  /** See the contract. */
  async cancelExport(input: MethodInput<'cancelExport'>) {
    return this.exports.cancelExport(input);
  }

  /** See the contract. */
  async importAnnotations(input: MethodInput<'importAnnotations'>) {
    return this.exports.importAnnotations(input);
  }

  /**
   * Stores an imported article as a new document, unless a document with the same text is already
   * in the workspace (then that one is returned).
   */
  async addArticle(article: ImportedArticle): Promise<AddArticleResult> {
    const hash = contentHash(article.text);
    const existing = this.store.workspace.documents.find((d) => d.contentHash === hash);
    if (existing) return { alreadyPresent: existing };
    const meta = documentMetaFor(article, hash, this.now().toISOString());
    await this.store.addDocument(meta, article.text);
    return { added: meta };
  }

  /** See the contract. */
  async beginImport() {
    return this.imports.begin();
  }

  /** See the contract. */
  async addImportFiles({ importId, files }: MethodInput<'addImportFiles'>) {
    return { files: await this.imports.addFiles(importId, files) };
  }

  /** See the contract. */
  async commitImport({ importId, replace }: MethodInput<'commitImport'>) {
    return this.imports.commit(importId, replace);
  }

  /** See the contract. */
  async cancelImport({ importId }: MethodInput<'cancelImport'>) {
    return { cancelled: this.imports.cancel(importId) };
  }

  /** See the contract. */
  async updateDocumentMeta(edit: MethodInput<'updateDocumentMeta'>) {
    return updateDocumentMeta(this.store, edit);
  }

  private requireDocument(documentId: string): DocumentMeta {
    const meta = this.store.findDocument(documentId);
    if (!meta) throw new WorkbenchError('not-found', 'That article is not in this workspace.');
    return meta;
  }

  /** The content hashes of the sample articles, read once. */
  private sampleArticleHashes(): Promise<string[]> {
    this.sampleHashes ??= sampleArticleFiles(this.options.samplesDir)
      .catch(() => [])
      .then((files) =>
        Promise.all(
          files.map(async (file) => contentHash(importPlainText(basename(file), await readFile(file, 'utf8')).text)),
        ),
      );
    return this.sampleHashes;
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
