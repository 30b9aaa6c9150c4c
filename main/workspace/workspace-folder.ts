import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultLabels, defaultLinkTypes } from '../../shared/model/label-schema.js';
import { CURRENT_SCHEMA_VERSION, type WorkspaceFile } from '../../shared/model/workspace.js';
import { WORKSPACE_LOCK_FILE_NAME } from '../storage/index.js';

/** The name of the small lowdb file at the root of every workspace folder. */
export const WORKSPACE_FILE = 'workspace.json';

/** The workspace folder could not be opened as a workspace. */
export class WorkspaceOpenError extends Error {
  override readonly name = 'WorkspaceOpenError';
}

/**
 * Resolves to whether `dir` holds a workspace file; refuses (WorkspaceOpenError) a folder that has
 * none but holds anything else than what a workspace being created by another process holds right
 * now: hidden files, its lock (and lock-break) files, and empty `documents` and `annotations`
 * folders. A folder that does not exist resolves to false.
 */
export async function refuseForeignFolder(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException): string[] => {
    if (error.code === 'ENOENT') return [];
    throw new WorkspaceOpenError(`The workspace folder ${dir} cannot be read: ${error.message}`);
  });
  if (entries.includes(WORKSPACE_FILE)) return true;
  for (const name of entries) {
    if (name.startsWith('.') || name.startsWith(WORKSPACE_LOCK_FILE_NAME)) continue;
    if ((name === 'documents' || name === 'annotations' || name === 'links') && (await isEmptyFolder(join(dir, name)))) continue;
    throw new WorkspaceOpenError(
      `${dir} is not a Corroborate workspace (it has no ${WORKSPACE_FILE} but is not empty). ` +
        'Give an empty or new folder, or an existing workspace.',
    );
  }
  return false;
}

/** Why a folder without a workspace file cannot be opened by something that must not create one. */
export async function notAWorkspaceError(dir: string): Promise<WorkspaceOpenError> {
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  return new WorkspaceOpenError(
    `${dir} is not a Corroborate workspace (${exists ? `it has no ${WORKSPACE_FILE}` : 'the folder does not exist'}). ` +
      'Only commands that write, such as import, create a workspace.',
  );
}

/** Whether `path` is a folder with nothing in it. */
async function isEmptyFolder(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch {
    return false;
  }
}

/** The workspace file of a new workspace: the default labels and link types, nothing else. */
export function emptyWorkspace(): WorkspaceFile {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    labels: structuredClone([...defaultLabels]),
    linkTypes: structuredClone([...defaultLinkTypes]),
    documents: [],
  };
}
