import type { RecoveredEdits, RestoredEdits } from '../../../shared/api/recovery-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { WorkspaceFile } from '../../../shared/model/workspace.js';
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
      workspaceChanges: content.workspace !== null,
    }));
  }

  /**
   * Saves the edits of recovery file `id` again: first the workspace's labels, link types, links
   * and article details, then each annotation file whose article is still in the workspace. The
   * recovery file is removed once everything is saved; if a save fails (the disk is still
   * read-only) it is kept, and the error says why.
   */
  async restore(id: string): Promise<RestoredEdits> {
    const found = await this.find(id);
    const { workspace, annotationFiles } = found.content;
    let restoredFiles = 0;
    if (workspace !== null) {
      await this.store.updateWorkspace((current) => applyRecoveredWorkspace(current, workspace));
      restoredFiles += 1;
    }
    const skippedDocuments: string[] = [];
    for (const file of annotationFiles) {
      if (!this.store.findDocument(file.documentId)) {
        skippedDocuments.push(file.documentId);
        continue;
      }
      await this.store.updateAnnotations(file.documentId, () => structuredClone(file.annotations));
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
 * Puts recovered workspace edits into the current workspace file: labels, link types, cluster
 * names and links as they were, and the details of articles still listed. Articles are never added
 * or removed here (their text files decide that), and links between articles no longer listed are
 * left out.
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
  current.clusterNames = structuredClone(recovered.clusterNames);
  current.links = structuredClone(recovered.links.filter((l) => listed.has(l.source.documentId) && listed.has(l.target.documentId)));
}
