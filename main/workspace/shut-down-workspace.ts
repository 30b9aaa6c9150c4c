import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURATED_ANNOTATOR } from '../../shared/model/annotator.js';
import { WORKSPACE_LOCK_FILE_NAME } from '../storage/index.js';
import { writeRecoveryFile } from './recovery-file.js';
import type { UnsavedFile } from './store-types.js';
import type { WorkspaceStore } from './workspace-store.js';

/** What shutting a workspace down did, for the process's output. */
export interface ShutdownReport {
  /** The recovery file holding the edits that could not be saved; null when everything was saved. */
  recoveryFile: string | null;
  /** Lines for people (stderr, a dialog): what was not saved and where it is kept. Empty when all went well. */
  messages: string[];
}

/**
 * Stops using a workspace, for every way a program ends (the browser host's SIGINT/SIGTERM, the
 * desktop app's quit): waits for pending saves, and when some edits still cannot be written (a
 * read-only or full disk), writes them durably to a recovery file in `recoveryDir` (outside the
 * workspace; the next start offers them back), else in the system's temp folder. Then releases the
 * lock. Never rejects: everything that went wrong is in the report's messages.
 */
export async function shutDownWorkspace(store: WorkspaceStore, recoveryDir: string): Promise<ShutdownReport> {
  const messages: string[] = [];
  let recoveryFile: string | null = null;
  try {
    await store.flush();
    const unsaved = store.unsavedFiles();
    if (unsaved.length > 0) {
      const reason = describeError(unsaved[0]!.error);
      const what = describeUnsaved(store, unsaved);
      const linkFiles = unsaved.flatMap((f) => (f.kind === 'links' ? [f.content] : []));
      const edits = {
        workspaceDir: store.dir,
        reason,
        workspace: unsaved.find((f) => f.kind === 'workspace')?.content ?? null,
        annotationFiles: unsaved.flatMap((f) => (f.kind === 'annotations' ? [f.content] : [])),
        linkFile: linkFiles.find((file) => file.annotator.id !== CURATED_ANNOTATOR) ?? null,
        curatedLinkFile: linkFiles.find((file) => file.annotator.id === CURATED_ANNOTATOR) ?? null,
      };
      const failures: string[] = [];
      for (const dir of [recoveryDir, join(tmpdir(), 'corroborate-recovery')]) {
        try {
          recoveryFile = await writeRecoveryFile(dir, edits);
          break;
        } catch (error) {
          failures.push(`${dir}: ${describeError(error)}`);
        }
      }
      if (recoveryFile === null) {
        messages.push(`Corroborate could not save ${what} in ${store.dir} (${reason}), nor keep them in a recovery file (${failures.join('; ')}).`);
      } else {
        const offered = recoveryFile.startsWith(recoveryDir)
          ? 'they are offered back the next time this workspace is opened'
          : `they are not offered back by themselves (${failures.join('; ')})`;
        messages.push(`Corroborate could not save ${what} in ${store.dir} (${reason}). They were kept in ${recoveryFile}; ${offered}.`);
      }
    }
  } catch (error) {
    messages.push(`Corroborate could not finish saving ${store.dir}: ${describeError(error)}`);
  }
  const { lockLeft } = await store.close();
  if (lockLeft !== null) {
    messages.push(
      `The lock file ${join(store.dir, WORKSPACE_LOCK_FILE_NAME)} could not be removed (${describeError(lockLeft)}); the next start recovers it.`,
    );
  }
  return { recoveryFile, messages };
}

/** "the edits to the annotations of 2 articles ("A", "B") and to the workspace's labels and links". */
function describeUnsaved(store: WorkspaceStore, unsaved: readonly UnsavedFile[]): string {
  const titles = unsaved.flatMap((f) => {
    if (f.kind !== 'annotations') return [];
    const title = store.findDocument(f.content.documentId)?.title ?? f.content.documentId;
    return [`"${title.length > 60 ? `${title.slice(0, 59)}…` : title}"`];
  });
  const parts: string[] = [];
  if (titles.length > 0) parts.push(`the annotations of ${titles.length === 1 ? '1 article' : `${titles.length} articles`} (${titles.join(', ')})`);
  if (unsaved.some((f) => f.kind === 'workspace')) parts.push("the workspace's labels, link types and article details");
  if (unsaved.some((f) => f.kind === 'links' && f.content.annotator.id !== CURATED_ANNOTATOR)) parts.push('your links and cluster names');
  if (unsaved.some((f) => f.kind === 'links' && f.content.annotator.id === CURATED_ANNOTATOR)) parts.push('the curated layer’s links and decisions');
  return `the edits to ${parts.join(' and to ')}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
