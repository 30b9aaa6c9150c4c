import { WorkbenchError } from '../../shared/api/workbench-error.js';
import { compareInDocumentOrder } from '../../shared/model/document-order.js';
import type { Annotation } from '../../shared/model/annotation.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import type { EditGate } from './edit-gate.js';
import type { SavedFile } from './failed-save-retry.js';
import type { MyLayerFiles, MyLinkLayer } from './my-layer-files.js';
import type { StoreProblems } from './store-problems.js';
import { WORKSPACE_LAYOUT } from './workspace-layout.js';

/** What a layer editor uses of its store: the edit gate, the files' problems, saving, the document index. */
export interface LayerEditContext {
  gate: EditGate;
  problems: StoreProblems;
  /** Writes a file durably (a failure is thrown, and retried from then on). */
  save(file: SavedFile): Promise<void>;
  /** The document's metadata; a `not-found` refusal when it is not in the workspace. */
  requireDocument(documentId: string): DocumentMeta;
}

/**
 * Reading and editing one layer a store writes (mine, or the curated layer): its annotations of each
 * document and its link file. Every edit goes through the store's edit gate, is refused when its file
 * is read-only, and resolves once durable; a failed save keeps the edit in memory, retried with the
 * store's other files.
 */
export class LayerEditor {
  /**
   * @param files the layer's files as they are now (my layer's change when I say who I am)
   * @param context what of the store the edits go through
   */
  constructor(
    private readonly files: () => MyLayerFiles,
    private readonly context: LayerEditContext,
  ) {}

  /** The layer's links, cluster names, document statuses and curation decisions (read-only view; change them through `updateLinkLayer`). */
  get linkLayer(): Readonly<MyLinkLayer> {
    return this.files().linkFile.db.data;
  }

  /** Applies `change` to the layer's link file and saves it durably (naming the layer's annotator as they are now). */
  async updateLinkLayer(change: (layer: MyLinkLayer) => void): Promise<void> {
    return this.context.gate.edit(async () => {
      const layer = this.files();
      this.context.problems.refuseIfReadOnly(WORKSPACE_LAYOUT.links(layer.annotator.id));
      change(layer.linkFile.db.data);
      layer.linkFile.db.data.annotator = { ...layer.annotator };
      await this.context.save(layer.linkFile);
    });
  }

  /** The layer's annotations of a document, in document order (none when its file could not be read). */
  async readAnnotations(documentId: string): Promise<readonly Annotation[]> {
    const meta = this.context.requireDocument(documentId);
    return (await this.files().annotationFile(documentId, meta.contentHash)).db.data.annotations;
  }

  /**
   * Replaces the layer's annotations of a document with `change(current)` (kept in document order;
   * each must be this layer's) and saves. If the save fails the edit stays in memory, is retried
   * every few seconds and with the next save, and the error is thrown so the UI can say so.
   */
  async updateAnnotations(documentId: string, change: (current: Annotation[]) => Annotation[]): Promise<void> {
    return this.context.gate.edit(async () => {
      const meta = this.context.requireDocument(documentId);
      const layer = this.files();
      this.context.problems.refuseIfReadOnly(layer.annotationFileName(documentId));
      const file = await layer.annotationFile(documentId, meta.contentHash);
      const next = change(file.db.data.annotations);
      const foreign = next.find((a) => a.annotator !== layer.annotator.id);
      if (foreign) {
        throw new WorkbenchError('read-only', `That annotation is in the layer of ${foreign.annotator}, which only they edit; this one is ${layer.annotator.id}.`);
      }
      file.db.data.annotations = next.sort(compareInDocumentOrder);
      await this.context.save(file);
      // The layer's link file names it to the others: written with its first edit.
      if (layer.linkFile.file.state.kind === 'new') await this.updateLinkLayer(() => undefined);
    });
  }

  /** Why the layer's annotations of a document cannot be edited, or null. */
  readOnlyReason(documentId: string): string | null {
    return this.context.problems.reasonFor(this.files().annotationFileName(documentId));
  }

  /** How many annotations the layer has in a document, if its file has been read; null otherwise. */
  knownAnnotationCount(documentId: string): number | null {
    return this.files().knownAnnotationCount(documentId);
  }
}
