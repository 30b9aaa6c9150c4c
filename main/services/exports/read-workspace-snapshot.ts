import { join } from 'node:path';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { contentHash } from '../../../shared/text/content-hash.js';

/** The workspace cannot be exported as it is on disk; the message names the file and what to do. */
export class WorkspaceNotExportableError extends Error {
  override readonly name = 'WorkspaceNotExportableError';
}

/**
 * Reads the whole open workspace into a snapshot, in document order, with my layer's annotations and
 * links as the store holds them (unsaved edits included). Refuses, naming the file, when a file could not be
 * read (its annotations would silently be missing) or a text is not the one that was imported (its
 * offsets would be wrong). `onDocumentRead` is told after each document; the loop yields to the
 * event loop between documents, so a large read never blocks other calls.
 */
export async function readWorkspaceSnapshot(
  store: WorkspaceStore,
  onDocumentRead?: (read: number, total: number) => void,
  signal?: AbortSignal,
): Promise<WorkspaceSnapshot> {
  // First load every file (slow, with progress and chances for other calls to run)...
  const metas = [...store.workspace.documents];
  let read = 0;
  for (const meta of metas) {
    signal?.throwIfAborted();
    const text = await store.readText(meta.id);
    await store.readAnnotations(meta.id);
    if (text.length !== meta.length || contentHash(text) !== meta.contentHash) {
      throw new WorkspaceNotExportableError(
        `${join(store.dir, 'documents', `${meta.id}.txt`)}: the text of "${meta.title}" is not the text that was imported ` +
          '(its hash differs), so its offsets cannot be trusted. Nothing was exported; run `corroborate check` on the workspace.',
      );
    }
    onDocumentRead?.(++read, metas.length);
  }
  const problems = store.problems;
  if (problems.length > 0) {
    throw new WorkspaceNotExportableError(
      `${problems.map((p) => `${join(store.dir, p.file)}: ${p.message}`).join('\n')}\n` +
        'Nothing was exported, because what is in that file would be missing. Restore it from its backup first.',
    );
  }
  // ...then take the snapshot from what is now in memory, without waiting on I/O in between, so
  // an edit arriving meanwhile is either wholly in it or wholly out (never a link without its end).
  const workspace = store.workspace;
  const current = [...workspace.documents];
  const documents = await Promise.all(
    current.map(async (meta): Promise<DocumentSnapshot> => ({
      meta,
      text: await store.readText(meta.id),
      annotations: [...(await store.readAnnotations(meta.id))],
    })),
  );
  return {
    schemaVersion: workspace.schemaVersion,
    labels: structuredClone(workspace.labels),
    linkTypes: structuredClone(workspace.linkTypes),
    documents,
    links: [...store.linkLayer.links],
    clusterNames: structuredClone(store.linkLayer.clusterNames),
  };
}
