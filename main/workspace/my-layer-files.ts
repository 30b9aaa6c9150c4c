import { mkdir, rm } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { AnnotatorIdentity } from '../../shared/model/annotator.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, LinkLayerFileSchema, type AnnotationFile, type LinkLayerFile } from '../../shared/model/workspace.js';
import type { BackupRotation } from '../storage/index.js';
import { jsonStoreFile, type JsonStoreFile } from '../storage/json-store-file.js';
import type { UnsavedFile } from './store-types.js';
import { WORKSPACE_LAYOUT, workspaceFileKind, workspacePath } from './workspace-layout.js';

/** What of my link file I change: my links, cluster names and document statuses (the file's version and my identity are the store's). */
export type MyLinkLayer = Omit<LinkLayerFile, 'schemaVersion' | 'annotator'>;

/** One file of a layer, as a store holds it. */
export type LayerFile = JsonStoreFile<LinkLayerFile> | JsonStoreFile<AnnotationFile>;

/**
 * The files of the layer a store edits: the annotator's link file (identity, links, cluster names)
 * and their annotation file of each document, each read once, when first needed, and kept with its
 * writer. Nothing here touches another annotator's files.
 */
export class MyLayerFiles {
  /** My link file: my identity, links and cluster names. */
  readonly linkFile: JsonStoreFile<LinkLayerFile>;
  /** Annotation files read so far (whose writers may have pending or failed writes). */
  readonly loadedAnnotationFiles: JsonStoreFile<AnnotationFile>[] = [];
  readonly #annotationFiles = new Map<string, Promise<JsonStoreFile<AnnotationFile>>>();

  /**
   * @param dir the workspace folder
   * @param annotator whose layer this is
   * @param readFile reads a file into its lowdb (recording why, when it cannot be used)
   */
  constructor(
    private readonly dir: string,
    public annotator: AnnotatorIdentity,
    private readonly readFile: <T>(file: JsonStoreFile<T>) => Promise<void>,
  ) {
    const defaults: LinkLayerFile = { schemaVersion: CURRENT_SCHEMA_VERSION, annotator: { ...annotator }, links: [], clusterNames: [] };
    this.linkFile = jsonStoreFile(dir, workspacePath(dir, WORKSPACE_LAYOUT.links(annotator.id)), LinkLayerFileSchema, defaults);
  }

  /** Every file of the layer read so far: the link file, then the annotation files. */
  get files(): LayerFile[] {
    return [this.linkFile, ...this.loadedAnnotationFiles];
  }

  /** The path of my annotation file of a document, relative to the workspace. */
  annotationFileName(documentId: string): string {
    return WORKSPACE_LAYOUT.annotations(documentId, this.annotator.id);
  }

  /** The file among those read whose path relative to the workspace is `file`. */
  find(file: string): LayerFile | undefined {
    return this.files.find((f) => relativeName(this.dir, f) === file);
  }

  /** How many annotations I have in a document, if its file has been read; null otherwise. */
  knownAnnotationCount(documentId: string): number | null {
    const file = this.loadedAnnotationFiles.find((f) => f.db.data.documentId === documentId);
    return file ? file.db.data.annotations.length : null;
  }

  /** My annotation file of a document (made of `hash`'s text), read on first use. */
  annotationFile(documentId: string, hash: string): Promise<JsonStoreFile<AnnotationFile>> {
    let pending = this.#annotationFiles.get(documentId);
    if (!pending) {
      const path = workspacePath(this.dir, this.annotationFileName(documentId));
      const file = jsonStoreFile(this.dir, path, AnnotationFileSchema, {
        schemaVersion: CURRENT_SCHEMA_VERSION,
        documentId,
        annotator: this.annotator.id,
        contentHash: hash,
        annotations: [],
      }, undefined, true);
      pending = mkdir(dirname(path), { recursive: true })
        .then(() => this.readFile(file))
        .then(() => {
          this.loadedAnnotationFiles.push(file);
          return file;
        });
      this.#annotationFiles.set(documentId, pending);
    }
    return pending;
  }

  /** The backups of a layer file (path relative to the workspace), whether it has been read or not. */
  backupsOf(file: string): BackupRotation {
    const known = this.find(file);
    if (known) return known.file.backups!;
    const schema = workspaceFileKind(file).kind === 'links' ? LinkLayerFileSchema : AnnotationFileSchema;
    return jsonStoreFile<unknown>(this.dir, workspacePath(this.dir, file), schema, null).file.backups!;
  }

  /** The files of the layer whose last write failed, with what they hold in memory. */
  unsavedFiles(): UnsavedFile[] {
    const unsaved: UnsavedFile[] = [];
    const { linkFile } = this;
    if (linkFile.writer.status.kind === 'failed') {
      unsaved.push({ file: relativeName(this.dir, linkFile), kind: 'links', content: structuredClone(linkFile.db.data), error: linkFile.writer.status.error });
    }
    for (const file of this.loadedAnnotationFiles) {
      const status = file.writer.status;
      if (status.kind === 'failed') unsaved.push({ file: relativeName(this.dir, file), kind: 'annotations', content: structuredClone(file.db.data), error: status.error });
    }
    return unsaved;
  }

  /** Forgets a document's annotation file and removes it from disk once its writes have landed (a document no index lists). */
  async discard(documentId: string): Promise<void> {
    const file = await this.forget(documentId);
    await file?.writer.flush().catch(() => undefined);
    await rm(workspacePath(this.dir, this.annotationFileName(documentId)), { force: true });
  }

  /** Forgets a document's file (to read it again, or because the document was discarded); resolves to it if it had been read. */
  async forget(documentId: string): Promise<JsonStoreFile<AnnotationFile> | null> {
    const pending = this.#annotationFiles.get(documentId);
    this.#annotationFiles.delete(documentId);
    const file = pending ? await pending.catch(() => null) : null;
    const index = file ? this.loadedAnnotationFiles.indexOf(file) : -1;
    if (index !== -1) this.loadedAnnotationFiles.splice(index, 1);
    return file;
  }
}

/** The path of a store file relative to the workspace folder, with forward slashes. */
export function relativeName(dir: string, file: { file: { path: string } }): string {
  return relative(dir, file.file.path).split(/[\\/]/).join('/');
}
