import { CURATED_ANNOTATOR, type AnnotatorIdentity } from '../../shared/model/annotator.js';
import type { BackupRotation } from '../storage/index.js';
import type { JsonStoreFile } from '../storage/json-store-file.js';
import { MyLayerFiles, relativeName, type LayerFile } from './my-layer-files.js';
import type { UnsavedFile } from './store-types.js';
import { workspaceFileKind } from './workspace-layout.js';

/** Which of the layers a store writes: mine, or the curated layer. */
export type WrittenLayer = 'mine' | 'curated';

/** Who the curated layer's link file names: no person, the layer every curator writes. */
export const CURATED_IDENTITY: Readonly<AnnotatorIdentity> = { id: CURATED_ANNOTATOR, name: 'Curated', email: '' };

/**
 * The layers a store writes, each as its own set of files (`MyLayerFiles`): mine, the annotator the
 * store was opened for, and the curated layer, which whoever curates writes (its files name no
 * person: `annotations/<document>/curated.json`, `links/curated.json`). Every other layer is only
 * read. This is the bookkeeping over both: which one a workspace file belongs to, every file to
 * save, retry and flush, and what is not saved yet.
 */
export class StoreLayers {
  /** My layer's files. */
  #mine: MyLayerFiles;
  /** The curated layer's files (unused while the store is opened as the curated layer itself). */
  readonly #curated: MyLayerFiles;

  /**
   * @param dir the workspace folder
   * @param annotator whose layer is mine
   * @param readFile reads a file into its lowdb (recording why, when it cannot be used)
   */
  constructor(
    private readonly dir: string,
    annotator: AnnotatorIdentity,
    private readonly readFile: <T>(file: JsonStoreFile<T>) => Promise<void>,
  ) {
    this.#mine = new MyLayerFiles(dir, annotator, readFile);
    this.#curated = new MyLayerFiles(dir, { ...CURATED_IDENTITY }, readFile);
  }

  /** My layer's files. */
  get mine(): MyLayerFiles {
    return this.#mine;
  }

  /** The curated layer's files: mine when the store was opened as the curated layer (one set of files, never two for the same file). */
  get curated(): MyLayerFiles {
    return this.#mine.annotator.id === CURATED_ANNOTATOR ? this.#mine : this.#curated;
  }

  /** The files of one written layer. */
  layer(which: WrittenLayer): MyLayerFiles {
    return which === 'mine' ? this.#mine : this.curated;
  }

  /** Every file of both layers read so far: each layer's link file, then its annotation files. */
  get files(): LayerFile[] {
    return this.curated === this.#mine ? this.#mine.files : [...this.#mine.files, ...this.#curated.files];
  }

  /** The written layer whose annotator is `annotator`, or null (another annotator's, only read). */
  ofAnnotator(annotator: string): MyLayerFiles | null {
    return annotator === this.#mine.annotator.id ? this.#mine : annotator === CURATED_ANNOTATOR ? this.curated : null;
  }

  /** The written layer holding the workspace file `file` (relative path), or null. */
  ofFile(file: string): MyLayerFiles | null {
    const kind = workspaceFileKind(file);
    return kind.kind === 'annotations' || kind.kind === 'links' ? this.ofAnnotator(kind.annotator) : null;
  }

  /**
   * Edits as another annotator from now on: a new set of files for my layer (read when needed; the
   * link file at once). The curated layer stays as it is. Resolves to the files my layer had, whose
   * problems the store forgets.
   */
  async switchMine(annotator: AnnotatorIdentity): Promise<LayerFile[]> {
    const before = this.#mine.files;
    this.#mine = new MyLayerFiles(this.dir, { ...annotator }, this.readFile);
    await this.readFile(this.#mine.linkFile);
    return before;
  }

  /** Forgets what is held of `file` (relative path) of a written layer, to read it again; false when it is no written layer's. */
  async forget(file: string): Promise<boolean> {
    const layer = this.ofFile(file);
    const kind = workspaceFileKind(file);
    if (!layer) return false;
    if (kind.kind === 'links') await this.readFile(layer.linkFile);
    else if (kind.kind === 'annotations') await layer.forget(kind.documentId);
    return true;
  }

  /** The backups of a file of a written layer (relative path). */
  backupsOf(file: string): BackupRotation | null {
    return this.ofFile(file)?.backupsOf(file) ?? null;
  }

  /** The files of both layers whose last write failed, with what they hold in memory. */
  unsavedFiles(): UnsavedFile[] {
    return this.curated === this.#mine ? this.#mine.unsavedFiles() : [...this.#mine.unsavedFiles(), ...this.#curated.unsavedFiles()];
  }

  /** The paths of `files` relative to the workspace (as problems name them). */
  namesOf(files: readonly LayerFile[]): string[] {
    return files.map((f) => relativeName(this.dir, f));
  }
}
