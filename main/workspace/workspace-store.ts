import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import { compareInDocumentOrder } from '../../shared/model/document-order.js';
import { carryAssignees, followNewVersion } from '../../shared/model/new-version.js';
import type { Annotation } from '../../shared/model/annotation.js';
import { ownerIdentity, type AnnotatorIdentity } from '../../shared/model/annotator.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import { WorkspaceFileSchema, type AnnotationFile, type LinkLayerFile, type WorkspaceFile } from '../../shared/model/workspace.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { BackupRotation, WorkspaceLock, type BackupEntry, type SaveStatus } from '../storage/index.js';
import { jsonStoreFile, WORKSPACE_BACKUP_INTERVAL_MS, type JsonStoreFile } from '../storage/json-store-file.js';
import { EditGate } from './edit-gate.js';
import { FailedSaveRetry, type SavedFile } from './failed-save-retry.js';
import { StoreProblems } from './store-problems.js';
import { StoredTexts } from './stored-texts.js';
import { removeFilesBeforeLayers, upgradeToLayersOnOpen } from './layer-migration.js';
import type { MyLayerFiles, MyLinkLayer } from './my-layer-files.js';
import { StoreLayers } from './store-layers.js';
import { LayerEditor } from './layer-editor.js';
import type { CommittedDocument, OpenStoreOptions, StoreProblem, UnsavedFile } from './store-types.js';
import { emptyWorkspace, notAWorkspaceError, refuseForeignFolder, WORKSPACE_FILE, WorkspaceOpenError } from './workspace-folder.js';
import { WORKSPACE_LAYOUT, workspaceFileKind } from './workspace-layout.js';

/**
 * A workspace folder on disk: `workspace.json` (label schema, link types, document index) and one text
 * file per document, shared by every annotator; plus each annotator's layer: one annotation file per
 * document and one link file (`workspace-layout.ts`), so one edit rewrites kilobytes, not the corpus,
 * and two annotators never write the same file. The store edits the layer of the annotator it was
 * opened for (`annotator`); other layers are read from disk, never written. Only one process holds a
 * workspace at a time (a lock file). Every JSON file is validated on read, written durably
 * and atomically (coalesced while a write is in flight) with rolling backups, and never overwritten
 * when it could not be read: such a file, or one written by a newer version, makes the workspace
 * (or that document) read-only until it is restored from a backup.
 */
export class WorkspaceStore {
  private readonly texts: StoredTexts;
  private readonly fileProblems: StoreProblems;
  private readonly saves = new FailedSaveRetry(() => [this.workspaceFile, ...this.layers.files]);
  private readonly gate = new EditGate();
  /** The files of the layers this store edits: mine and the curated layer. */
  private readonly layers: StoreLayers;
  /** Reads and edits my layer. */
  private readonly mine: LayerEditor;
  /**
   * Reads and edits the curated layer (`annotations/<document>/curated.json`, `links/curated.json`):
   * whoever curates writes it, through the same gate, retries and refusals as my layer.
   */
  readonly curated: LayerEditor;

  private constructor(
    /** Absolute path of the workspace folder. */
    readonly dir: string,
    private readonly lock: WorkspaceLock,
    private readonly workspaceFile: JsonStoreFile<WorkspaceFile>,
    /** Whether the folder was created (or initialised) by this open. */
    readonly created: boolean,
    annotator: AnnotatorIdentity,
  ) {
    this.layers = new StoreLayers(dir, annotator, (file) => this.readFile(file));
    this.texts = new StoredTexts(dir);
    this.fileProblems = new StoreProblems(dir);
    const context = { gate: this.gate, problems: this.fileProblems, save: (file: SavedFile) => this.saves.save(file), requireDocument: (id: string) => this.requireDocument(id) };
    this.mine = new LayerEditor(() => this.layers.mine, context);
    this.curated = new LayerEditor(() => this.layers.curated, context);
  }

  /**
   * Opens the workspace in `dir`, creating the folder and an empty workspace when it does not exist
   * or is empty. A non-empty folder without `workspace.json` is refused, so a mistyped path never
   * scatters files into an unrelated folder; so is a workspace another process holds. Several
   * processes starting on one new folder at once are safe: whether to create the workspace is
   * decided again once the lock is held, so exactly one creates it and every other is told the
   * workspace is open elsewhere.
   */
  static async open(dir: string, options: OpenStoreOptions): Promise<WorkspaceStore> {
    // Refused before anything is written, so a mistyped path never even gets a lock file.
    if (!(await refuseForeignFolder(dir)) && options.create === false) throw await notAWorkspaceError(dir);
    await mkdir(dir, { recursive: true });
    const lock = await WorkspaceLock.acquire(dir, options.holder);
    try {
      // Under the lock: another process may have created the workspace since the first look.
      const hasWorkspaceFile = await refuseForeignFolder(dir);
      const annotator = options.annotator ?? ownerIdentity();
      // A workspace from before layers becomes the annotator's layer first (backed up, crash-safe).
      const upgradeFailure = hasWorkspaceFile ? await upgradeToLayersOnOpen(dir, annotator, options.onMigrationStep) : null;
      for (const folder of [WORKSPACE_LAYOUT.documentsFolder, WORKSPACE_LAYOUT.annotationsFolder, WORKSPACE_LAYOUT.linksFolder]) {
        await mkdir(join(dir, folder), { recursive: true });
      }
      const workspaceFile = jsonStoreFile(dir, join(dir, WORKSPACE_FILE), WorkspaceFileSchema, emptyWorkspace(), WORKSPACE_BACKUP_INTERVAL_MS);
      const store = new WorkspaceStore(dir, lock, workspaceFile, !hasWorkspaceFile, annotator);
      await store.readFile(workspaceFile);
      await store.readFile(store.layer.linkFile);
      await store.readFile(store.layers.curated.linkFile);
      if (upgradeFailure !== null) store.fileProblems.record({ file: WORKSPACE_FILE, kind: 'invalid', message: upgradeFailure });
      if (!hasWorkspaceFile) await workspaceFile.db.write();
      // Annotation files from before layers that could not be upgraded are kept, and named.
      else if (!store.readOnlyReason) for (const problem of await removeFilesBeforeLayers(dir).catch(() => [])) store.fileProblems.record(problem);
      return store;
    } catch (error) {
      await lock.release().catch(() => undefined);
      throw error;
    }
  }

  /** The workspace file's current contents (read-only view; change it through `updateWorkspace`). */
  get workspace(): Readonly<WorkspaceFile> {
    return this.workspaceFile.db.data;
  }

  /** Who this store edits for: the annotator whose layer is mine. */
  get annotator(): AnnotatorIdentity {
    return this.layer.annotator;
  }

  /** My links, cluster names and document statuses (read-only view; change them through `updateLinkLayer`). */
  get linkLayer(): Readonly<MyLinkLayer> {
    return this.mine.linkLayer;
  }

  /** Applies `change` to my links, cluster names and document statuses and saves them durably (with my current name and email). */
  async updateLinkLayer(change: (layer: MyLinkLayer) => void): Promise<void> {
    return this.mine.updateLinkLayer(change);
  }

  /**
   * Edits from now on as `annotator` (the person said who they are, or changed their name): pending
   * saves land first; my annotation files are read afresh from the new layer. Refused while an edit
   * of the current layer could not be saved (it would be left behind).
   */
  async switchAnnotator(annotator: AnnotatorIdentity): Promise<void> {
    return this.gate.edit(async () => {
      await this.flush();
      if (this.unsavedFiles().some((f) => f.kind !== 'workspace')) {
        throw new WorkbenchError('storage', 'Your name cannot change while some of your edits are not saved yet; try again once they are.');
      }
      if (annotator.id === this.annotator.id) this.layer.annotator = { ...annotator };
      else for (const file of this.layers.namesOf(await this.layers.switchMine(annotator))) this.fileProblems.clear(file);
      // Others see my new name in my link file (only when I have a layer: nothing is created for nobody).
      if (this.layer.linkFile.file.state.kind === 'loaded' && !this.readOnlyReason) await this.updateLinkLayer(() => undefined);
    });
  }

  /** Goes up as each edit, or each change of the files by a sync, ends: what was computed from the files before is then out of date. */
  get changeCount(): number { return this.gate.ended; }

  /** Files that could not be used, each with what is wrong. */
  get problems(): StoreProblem[] {
    return this.fileProblems.all;
  }

  /** Why every edit is refused, or null when the workspace can be edited. */
  get readOnlyReason(): string | null {
    return this.fileProblems.readOnlyReason;
  }

  /** Where saving stands across every file: failed if any write failed, saving if any is in flight. */
  get saveStatus(): SaveStatus {
    return this.saves.status;
  }

  /** The metadata of one document, or undefined. */
  findDocument(documentId: string): DocumentMeta | undefined {
    return this.workspaceFile.db.data.documents.find((d) => d.id === documentId);
  }

  /** Applies `change` to the workspace file and saves it durably. */
  async updateWorkspace(change: (workspace: WorkspaceFile) => void): Promise<void> {
    return this.gate.edit(async () => {
      this.fileProblems.refuseIfReadOnly(WORKSPACE_FILE);
      change(this.workspaceFile.db.data);
      await this.save(this.workspaceFile);
    });
  }

  /**
   * Stores several documents as one change (an import): first every text file and annotation file,
   * then a single durable write of `workspace.json` that lists them all. That write is the commit
   * point, so the index never holds part of the change: when anything fails before it, the files
   * already written are removed and the workspace is as it was. A document that `replaces` another
   * takes its place in the list, and links to the old document's annotations follow it. The old
   * document's files stay on disk, unlisted.
   */
  async commitDocuments(documents: readonly CommittedDocument[]): Promise<void> {
    return this.gate.edit(async () => {
      this.fileProblems.refuseIfReadOnly(WORKSPACE_FILE);
      const listed = new Set(this.workspaceFile.db.data.documents.map((d) => d.id));
      for (const { meta, text, replaces } of documents) {
        if (listed.has(meta.id)) throw new Error(`document ${meta.id} is already in the workspace`);
        if (replaces !== undefined && !listed.has(replaces)) throw new Error(`there is no document ${replaces} to replace`);
        if (contentHash(text) !== meta.contentHash) throw new Error(`content hash mismatch for ${meta.id}`);
      }
      const written: string[] = [];
      try {
        for (const { meta, text, annotations } of documents) {
          written.push(meta.id);
          await this.texts.write(meta.id, text);
          const file = await this.layer.annotationFile(meta.id, meta.contentHash);
          file.db.data.annotations = [...annotations].sort(compareInDocumentOrder);
          await this.save(file);
        }
      } catch (error) {
        await Promise.all(written.map((id) => this.discardUnlistedDocument(id)));
        throw error;
      }
      const replacedMetas = new Map<string, DocumentMeta>();
      try {
        await this.updateWorkspace((workspace) => {
          for (const { meta, replaces } of documents) {
            const at = replaces === undefined ? -1 : workspace.documents.findIndex((d) => d.id === replaces);
            if (at === -1) {
              workspace.documents.push(meta);
              continue;
            }
            replacedMetas.set(meta.id, workspace.documents[at]!);
            workspace.documents[at] = carryAssignees(workspace.documents[at]!, meta);
          }
        });
      } catch (error) {
        // The write failed, so workspace.json on disk is as it was. Undo the change in memory too, so
        // a later retry never lands the import after the user was told it failed, and remove the files
        // nothing lists.
        if (this.workspaceFile.writer.status.kind === 'failed') {
          const workspace = this.workspaceFile.db.data;
          const added = new Set(documents.map((d) => d.meta.id));
          workspace.documents = workspace.documents
            .map((d) => replacedMetas.get(d.id) ?? d)
            .filter((d) => !added.has(d.id));
          await this.workspaceFile.db.write().catch(() => undefined);
          await Promise.all(written.map((id) => this.discardUnlistedDocument(id)));
        }
        throw error;
      }
      // My links and statuses follow the new versions (other layers keep theirs: they are their annotators' to change).
      if (replacedMetas.size > 0) {
        await this.updateLinkLayer((layer) => {
          for (const [newId, old] of replacedMetas) followNewVersion(layer, old.id, newId);
        });
      }
    });
  }

  /** The stored text of a document. */
  async readText(documentId: string): Promise<string> {
    return this.texts.read(documentId);
  }

  /** The annotations of a document, in document order (none when its file could not be read). */
  async readAnnotations(documentId: string): Promise<readonly Annotation[]> {
    return this.mine.readAnnotations(documentId);
  }

  /**
   * How many annotations a document has, if its annotation file has been read; null otherwise
   * (opening a workspace never reads every annotation file just to count).
   */
  knownAnnotationCount(documentId: string): number | null {
    return this.mine.knownAnnotationCount(documentId);
  }

  /** Why a document's annotations cannot be edited, or null. */
  documentReadOnlyReason(documentId: string): string | null {
    return this.mine.readOnlyReason(documentId);
  }

  /**
   * Replaces a document's annotations with `change(current)` (kept in document order) and saves. If
   * the save fails the edit stays in memory, is retried every few seconds and with the next save,
   * and the error is thrown so the UI can say the edit is not saved yet.
   */
  async updateAnnotations(documentId: string, change: (current: Annotation[]) => Annotation[]): Promise<void> {
    return this.mine.updateAnnotations(documentId, change);
  }

  /** The backups of one workspace file (path relative to the workspace), newest first. */
  async listBackups(file: string): Promise<BackupEntry[]> {
    return this.backupsOf(file).list();
  }

  /**
   * Restores the newest valid backup of a file that could not be read (keeping the damaged bytes as a
   * copy), then reads it again. Resolves to the backup used.
   */
  async restoreLastGoodBackup(file: string): Promise<BackupEntry> {
    return this.gate.edit(async () => {
      const kind = workspaceFileKind(file);
      if ((kind.kind === 'annotations' || kind.kind === 'links') && !this.layers.ofFile(file)) {
        throw new WorkbenchError('read-only', `${file} is in the layer of ${kind.annotator}, which only they restore.`);
      }
      const backups = this.backupsOf(file);
      const good = (await backups.list()).find((b) => b.valid && b.kind === 'version');
      if (!good) throw new WorkspaceOpenError(`There is no valid backup of ${file} to restore.`);
      await backups.restore(good.name);
      await this.readAgain(file);
      if (kind.kind === 'annotations') await this.layers.ofFile(file)!.annotationFile(kind.documentId, this.requireDocument(kind.documentId).contentHash);
      return good;
    });
  }

  /**
   * Runs `work`, which changes the workspace's files on disk (a team sync bringing in others' work),
   * with every edit held back until it ends: saves in flight land first, and `work` is refused while
   * an edit could not be saved (its files on disk would not hold it). `work` resolves to the files it
   * changed (relative paths), which are then read again, so the store holds what is on disk.
   */
  async whileFilesChange<T>(work: () => Promise<{ result: T; changed: readonly string[] }>): Promise<T> {
    return this.gate.exclusive(
      () => this.flush(),
      async () => {
        const unsaved = this.unsavedFiles()[0];
        if (unsaved) throw new WorkbenchError('storage', `${unsaved.file} holds edits that are not saved yet (${unsaved.error}); try again once they are.`);
        const { result, changed } = await work();
        for (const file of changed) await this.readAgain(file);
        return result;
      },
    );
  }

  /** Waits until every write has landed (or failed). */
  async flush(): Promise<void> {
    const files = [this.workspaceFile, ...this.layers.files];
    await Promise.allSettled(files.map((f) => f.writer.flush()));
  }

  /**
   * The files whose last write failed, with what they hold in memory (the edits not on disk), each
   * with the error that stopped it. Empty when everything handed to the store is saved; call after
   * `flush` to know what a shutdown would lose.
   */
  unsavedFiles(): UnsavedFile[] {
    const unsaved: UnsavedFile[] = [];
    const workspaceStatus = this.workspaceFile.writer.status;
    if (workspaceStatus.kind === 'failed') {
      unsaved.push({ file: WORKSPACE_FILE, kind: 'workspace', content: structuredClone(this.workspaceFile.db.data), error: workspaceStatus.error });
    }
    return [...unsaved, ...this.layers.unsavedFiles()];
  }

  /**
   * Flushes, stops retrying and releases the workspace for other processes. Never rejects: a lock
   * file that cannot be removed (a read-only disk) is left for the next start to recover as stale,
   * and resolves as the error that kept it. What could not be saved is in `unsavedFiles()`.
   */
  async close(): Promise<{ lockLeft: unknown }> {
    await this.flush();
    this.saves.stop();
    return this.lock.release().then(
      () => ({ lockLeft: null }),
      (error: unknown) => ({ lockLeft: error }),
    );
  }

  /** My layer's files. */
  private get layer(): MyLayerFiles {
    return this.layers.mine;
  }

  private save<T>(file: JsonStoreFile<T>): Promise<void> {
    return this.saves.save(file);
  }

  /** Drops what is held of `file` (relative path) and reads it again when next needed (the store's own files at once). */
  private async readAgain(file: string): Promise<void> {
    this.fileProblems.clear(file);
    if (file === WORKSPACE_FILE) await this.readFile(this.workspaceFile);
    else if (!(await this.layers.forget(file))) this.texts.forgetFile(file);
  }

  private readFile<T>(file: JsonStoreFile<T>): Promise<void> {
    return this.fileProblems.read(file);
  }

  /** The document's metadata; a refusal (`not-found`, for people) when it is not in the workspace. */
  requireDocument(documentId: string): DocumentMeta {
    const meta = this.findDocument(documentId);
    if (!meta) throw new WorkbenchError('not-found', 'That article is not in this workspace.');
    return meta;
  }

  /** Removes the files of a document the index does not list (an import that did not commit). */
  private async discardUnlistedDocument(documentId: string): Promise<void> {
    if (this.findDocument(documentId)) return;
    this.fileProblems.clear(this.layer.annotationFileName(documentId));
    await Promise.all([this.texts.remove(documentId), this.layer.discard(documentId)]).catch(() => undefined);
  }

  private backupsOf(file: string): BackupRotation {
    return file === WORKSPACE_FILE ? this.workspaceFile.file.backups! : (this.layers.backupsOf(file) ?? this.layer.backupsOf(file));
  }
}
