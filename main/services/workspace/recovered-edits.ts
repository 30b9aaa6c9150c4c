import type { RecoveredEdits, RestoredEdits } from '../../../shared/api/recovery-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import type { WorkspaceFile } from '../../../shared/model/workspace.js';
import { assignToAnnotator } from '../../../shared/model/workspace-v1.js';
import type { MyLinkLayer } from '../../workspace/my-layer-files.js';
import { findRecoveryFiles, removeRecoveryFile, type FoundRecoveryFile } from '../../workspace/recovery-file.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/**
 * The recovery files of one open workspace, as the services offer them: edits that could not be
 * saved when the program last stopped. Restoring saves them again through the store's normal
 * save path (validated, backed up, durable); discarding removes the file.
 */
export class RecoveredEditsOffer {
  /**
   * @param recoveryDir where recovery files are kept (`recoveryDirOf`); null offers nothing
   */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly recoveryDir: string | null,
  ) {}

  /** The recovered edits of this workspace, oldest first. */
  async list(): Promise<RecoveredEdits[]> {
    return (await this.files()).map(({ id, path, content }) => ({
      id,
      file: path,
      savedAt: content.savedAt,
      reason: content.reason,
      documents: content.annotationFiles.map((file) => ({
        documentId: file.documentId,
        title:
          this.store.findDocument(file.documentId)?.title ??
          content.workspace?.documents.find((d) => d.id === file.documentId)?.title ??
          file.documentId,
        annotations: file.annotations.length,
      })),
      workspaceChanges: content.workspace !== null || content.linkFile !== null || content.curatedLinkFile !== null,
    }));
  }

  /**
   * Saves the edits of recovery file `id` again: first the workspace's labels, link types and
   * article details, then my links, cluster names and document statuses, then each annotation file whose article is
   * still in the workspace (into my layer; the curated layer's files into the curated layer). The
   * recovery file is removed once everything is saved; if a save fails (the disk is still
   * read-only) it is kept, and the error says why.
   */
  async restore(id: string): Promise<RestoredEdits> {
    const found = await this.find(id);
    const { workspace, annotationFiles, linkFile, curatedLinkFile } = found.content;
    const me = this.store.annotator.id;
    let restoredFiles = 0;
    if (workspace !== null) {
      await this.store.updateWorkspace((current) => applyRecoveredWorkspace(current, workspace));
      restoredFiles += 1;
    }
    // Links kept before layers were everybody's: they come back into my layer, as an upgrade puts them.
    const links = linkFile ?? (workspace?.links ? { links: assignToAnnotator(workspace.links, me), clusterNames: assignToAnnotator(workspace.clusterNames ?? [], me) } : null);
    if (links !== null) {
      const listed = new Set(this.store.workspace.documents.map((d) => d.id));
      await this.store.updateLinkLayer((current) => applyRecoveredLinks(current, links, listed));
      restoredFiles += 1;
    }
    if (curatedLinkFile !== null) {
      const listed = new Set(this.store.workspace.documents.map((d) => d.id));
      await this.store.curated.updateLinkLayer((current) => {
        applyRecoveredLinks(current, curatedLinkFile, listed);
        if (curatedLinkFile.curation) current.curation = Object.fromEntries(Object.entries(structuredClone(curatedLinkFile.curation)).filter(([id]) => listed.has(id)));
      });
      restoredFiles += 1;
    }
    const skippedDocuments: string[] = [];
    for (const file of annotationFiles) {
      if (!this.store.findDocument(file.documentId)) {
        skippedDocuments.push(file.documentId);
        continue;
      }
      if ('annotator' in file && file.annotator === CURATED_ANNOTATOR) await this.store.curated.updateAnnotations(file.documentId, () => structuredClone(file.annotations));
      else await this.store.updateAnnotations(file.documentId, () => assignToAnnotator(structuredClone(file.annotations), me));
      restoredFiles += 1;
    }
    await removeRecoveryFile(found);
    return { restoredFiles, skippedDocuments };
  }

  /** Removes recovery file `id` without restoring it. */
  async discard(id: string): Promise<{ discarded: boolean }> {
    await removeRecoveryFile(await this.find(id));
    return { discarded: true };
  }

  private async files(): Promise<FoundRecoveryFile[]> {
    return this.recoveryDir === null ? [] : findRecoveryFiles(this.recoveryDir, this.store.dir);
  }

  private async find(id: string): Promise<FoundRecoveryFile> {
    const found = (await this.files()).find((file) => file.id === id);
    if (!found) throw new WorkbenchError('not-found', 'Those recovered edits are no longer there (restored or discarded already?).');
    return found;
  }
}

/**
 * Puts recovered workspace edits into the current workspace file: labels and link types as they
 * were, and the details of articles still listed. Articles are never added or removed here (their
 * text files decide that).
 */
function applyRecoveredWorkspace(current: WorkspaceFile, recovered: WorkspaceFile): void {
  const recoveredMeta = new Map(recovered.documents.map((d) => [d.id, d]));
  current.documents = current.documents.map((d) => {
    const meta = recoveredMeta.get(d.id);
    return meta && meta.contentHash === d.contentHash ? structuredClone(meta) : d;
  });
  const listed = new Set(current.documents.map((d) => d.id));
  current.labels = structuredClone(recovered.labels);
  current.linkTypes = structuredClone(recovered.linkTypes);
}

/**
 * Puts recovered links, cluster names and document statuses into my layer; links between articles,
 * and statuses of articles, no longer listed are left out.
 */
function applyRecoveredLinks(current: MyLinkLayer, recovered: MyLinkLayer, listed: ReadonlySet<string>): void {
  current.clusterNames = structuredClone(recovered.clusterNames);
  if (recovered.documentStatus) current.documentStatus = Object.fromEntries(Object.entries(structuredClone(recovered.documentStatus)).filter(([id]) => listed.has(id)));
  current.links = structuredClone(recovered.links.filter((l) => listed.has(l.source.documentId) && listed.has(l.target.documentId)));
}
