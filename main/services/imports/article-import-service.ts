import { randomUUID } from 'node:crypto';
import type { BegunImport, ImportFilePiece, ImportResult, StagedArticle, StagedFile } from '../../../shared/api/import-schemas.js';
import { IMPORT_BATCH_MAX_BYTES } from '../../../shared/api/import-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { compareWithExisting } from '../../../shared/import/compare-with-existing.js';
import { dateWarningFor } from '../../../shared/import/date-trust.js';
import type { ImportedArticle } from '../../../shared/import/imported-article.js';
import { documentMetaFor } from './document-meta-for.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { toWorkbenchError } from '../../workspace/store-errors.js';
import type { CommittedDocument } from '../../workspace/store-types.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { carryAnnotationsToNewVersion } from './carry-annotations.js';
import { StagedImport, type CompletedFile, type StagedArticleEntry } from './staged-import.js';

/** How many staged imports may be open at once; beginning another discards the oldest. */
export const MAX_OPEN_IMPORTS = 4;

/** What the import service needs besides the store. */
export interface ArticleImportOptions {
  /** Files larger than this are refused before they are read. */
  maxFileBytes: number;
  /** Clock for `importedAt` and `updatedAt`. */
  now: () => Date;
}

/** How one staged article relates to the workspace and to the files staged before it. */
type ArticleMatch =
  | { status: 'new' }
  | { status: 'duplicate'; existing: DocumentMeta | null; existingTitle: string }
  | { status: 'new-version'; existing: DocumentMeta };

/**
 * Imports articles in two steps, so the workspace never holds half an import: files are staged
 * (read, checked and classified against the workspace without touching it), then the whole import is
 * committed as one change (`WorkspaceStore.commitDocuments`) or cancelled. Commits run one at a time.
 */
export class ArticleImportService {
  private readonly imports = new Map<string, StagedImport>();
  private commits: Promise<unknown> = Promise.resolve();

  /** Imports into `store` with the given limits. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly options: ArticleImportOptions,
  ) {}

  /** Starts a staged import. */
  begin(): BegunImport {
    if (this.store.readOnlyReason !== null) {
      throw new WorkbenchError('read-only', `Nothing can be imported: this workspace is open read-only (${this.store.readOnlyReason}).`);
    }
    while (this.imports.size >= MAX_OPEN_IMPORTS) this.imports.delete(this.imports.keys().next().value!);
    const staged = new StagedImport(randomUUID(), this.options.maxFileBytes);
    this.imports.set(staged.id, staged);
    return { importId: staged.id, maxFileBytes: this.options.maxFileBytes, maxBatchBytes: IMPORT_BATCH_MAX_BYTES };
  }

  /** Adds files (or pieces of them) to a staged import; returns the files that became complete, classified. */
  async addFiles(importId: string, pieces: readonly ImportFilePiece[]): Promise<StagedFile[]> {
    const staged = this.requireImport(importId);
    const completed: CompletedFile[] = [];
    for (const piece of pieces) {
      const file = staged.addPiece(piece);
      if (file) completed.push(file);
    }
    return Promise.all(completed.map((file) => this.describe(staged, file)));
  }

  /** Opens an import staged elsewhere (the CLI stages files from disk before opening the workspace); returns its files, classified. */
  async adopt(staged: StagedImport): Promise<StagedFile[]> {
    this.imports.set(staged.id, staged);
    return Promise.all(staged.files.map((file) => this.describe(staged, file)));
  }

  /** Discards a staged import; false when there was none with that id. */
  cancel(importId: string): boolean {
    return this.imports.delete(importId);
  }

  /**
   * Stores a staged import as one change. Each article is classified again against the workspace as
   * it is now: new ones are added, duplicates reported, new versions listed in `replace` replace
   * their document (annotations carried over, those not placed exactly flagged orphaned), other new
   * versions reported as not replaced. If storing fails, nothing of the import is in the workspace.
   */
  commit(importId: string, replace: readonly string[]): Promise<ImportResult> {
    const run = this.commits.then(() => this.commitNow(importId, new Set(replace)));
    this.commits = run.catch(() => undefined);
    return run;
  }

  private async commitNow(importId: string, replace: ReadonlySet<string>): Promise<ImportResult> {
    const staged = this.requireImport(importId);
    if (!staged.isComplete) throw new WorkbenchError('invalid-input', 'Some files of this import have not been sent completely.');
    for (const id of replace) {
      if (!staged.findArticle(id)) throw new WorkbenchError('invalid-input', `There is no staged article ${id} in this import.`);
    }
    const result: ImportResult = { added: [], replaced: [], duplicates: [], notReplaced: [], failed: [], skipped: [] };
    const documents: CommittedDocument[] = [];
    const replacedIds = new Set<string>();
    const earlier = new Map<string, string>();
    const now = this.options.now().toISOString();
    for (const file of staged.files) {
      if (file.status !== 'ready') {
        (file.status === 'error' ? result.failed : result.skipped).push({ path: file.path, message: file.message });
        continue;
      }
      for (const entry of file.articles) {
        const match = this.classify(entry, earlier);
        earlier.set(entry.contentHash, entry.article.title);
        const title = entry.article.title;
        if (match.status === 'duplicate') {
          result.duplicates.push({ path: file.path, title, existingTitle: match.existingTitle });
        } else if (match.status === 'new') {
          const meta = this.newMeta(entry, now);
          documents.push({ meta, text: entry.article.text, annotations: [] });
          result.added.push({ documentId: meta.id, title });
        } else if (!replace.has(entry.stagedId) || replacedIds.has(match.existing.id)) {
          result.notReplaced.push({ path: file.path, title, existingTitle: match.existing.title });
        } else {
          const problem = this.store.documentReadOnlyReason(match.existing.id);
          if (problem !== null) {
            result.failed.push({ path: file.path, message: `${file.path}: "${match.existing.title}" cannot be replaced: ${problem}` });
            continue;
          }
          replacedIds.add(match.existing.id);
          const meta = this.newVersionMeta(entry, match.existing, now);
          const carried = carryAnnotationsToNewVersion(await this.store.readAnnotations(match.existing.id), entry.article.text, {
            documentId: meta.id,
            contentHash: meta.contentHash,
            now,
          });
          documents.push({ meta, text: entry.article.text, annotations: carried.annotations, replaces: match.existing.id });
          result.replaced.push({ documentId: meta.id, previousDocumentId: match.existing.id, title, placed: carried.placed, orphaned: carried.orphaned });
        }
      }
    }
    try {
      if (documents.length > 0) await this.store.commitDocuments(documents);
    } catch (error) {
      const readable = toWorkbenchError(error);
      if (this.store.readOnlyReason !== null) throw readable;
      const reason = readable instanceof Error ? readable.message.replace(/ Your edit is kept.*$/, '') : String(readable);
      throw new WorkbenchError('storage', `The import was not saved, so nothing was imported and the workspace is as it was: ${reason}`);
    }
    this.imports.delete(importId);
    return result;
  }

  /** How an article relates to the workspace as it is now, and to the articles staged before it. */
  private classify(entry: StagedArticleEntry, earlier: ReadonlyMap<string, string>): ArticleMatch {
    const documents = this.store.workspace.documents;
    const match = compareWithExisting(entry.article, documents, () => entry.contentHash);
    if (match !== 'new' && 'duplicateOf' in match) {
      const existing = documents.find((d) => d.id === match.duplicateOf)!;
      return { status: 'duplicate', existing, existingTitle: existing.title };
    }
    const earlierTitle = earlier.get(entry.contentHash);
    if (earlierTitle !== undefined) return { status: 'duplicate', existing: null, existingTitle: earlierTitle };
    if (match === 'new') return { status: 'new' };
    return { status: 'new-version', existing: documents.find((d) => d.id === match.newVersionOf)! };
  }

  private async describe(staged: StagedImport, file: CompletedFile): Promise<StagedFile> {
    if (file.status !== 'ready') return { fileKey: file.fileKey, path: file.path, status: file.status, message: file.message, articles: [] };
    const earlier = new Map<string, string>();
    for (const other of staged.files) {
      if (other === file) break;
      if (other.status === 'ready') for (const a of other.articles) earlier.set(a.contentHash, a.article.title);
    }
    const articles: StagedArticle[] = [];
    for (const entry of file.articles) {
      const match = this.classify(entry, earlier);
      earlier.set(entry.contentHash, entry.article.title);
      const existingDocument = match.status === 'new' ? null : match.existing;
      const annotationCount = existingDocument ? (await this.store.readAnnotations(existingDocument.id)).length : 0;
      articles.push({
        stagedId: entry.stagedId,
        ...pickShown(entry.article),
        length: entry.article.text.length,
        status: match.status,
        existing:
          match.status === 'new'
            ? null
            : { documentId: existingDocument?.id ?? null, title: match.status === 'duplicate' ? match.existingTitle : match.existing.title, annotationCount },
      });
    }
    return { fileKey: file.fileKey, path: file.path, status: 'ready', message: null, articles };
  }

  private newMeta(entry: StagedArticleEntry, now: string): DocumentMeta {
    return documentMetaFor(entry.article, entry.contentHash, now);
  }

  /** The new version's metadata: what its source says, and what the old document had where it says nothing. */
  private newVersionMeta(entry: StagedArticleEntry, previous: DocumentMeta, now: string): DocumentMeta {
    const meta = this.newMeta(entry, now);
    const { article } = entry;
    return {
      ...meta,
      outlet: article.outlet ?? previous.outlet,
      author: article.author ?? previous.author ?? null,
      url: article.url ?? previous.url,
      date: article.date ?? previous.date,
      dateWarning: dateWarningFor(article.date ?? previous.date, article.text),
    };
  }

  private requireImport(importId: string): StagedImport {
    const staged = this.imports.get(importId);
    if (!staged) {
      throw new WorkbenchError('not-found', 'This import is no longer open (it was committed, cancelled, or a newer one replaced it). Start the import again.');
    }
    return staged;
  }
}

function pickShown(article: ImportedArticle) {
  const { title, outlet, date, dateWarning, url, sourceLine } = article;
  return { title, outlet, date, dateWarning, url, sourceLine };
}
