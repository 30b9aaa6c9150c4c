import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WORKSPACE_LOCK_FILE_NAME } from '../../storage/index.js';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { EXPORT_MANIFEST_FILE, parseExportManifest } from './export-manifest.js';

/** The destination cannot be written as asked (a workspace, not an export of ours, a file, …). */
export class ExportDestinationError extends Error {
  override readonly name = 'ExportDestinationError';
}

/**
 * The folder of a workspace where exports may go (`<workspace>/exports/<format>-<date>` is the
 * suggested destination); everywhere else inside a workspace is refused.
 */
export const WORKSPACE_EXPORTS_FOLDER = 'exports';

/** What is at the destination now: nothing, an empty folder, or an earlier export of ours. */
export type ExportDestinationState = 'absent' | 'empty' | 'earlier-export';

/** Options of `checkExportDestination`. */
export interface CheckExportDestinationOptions {
  /** Whether an earlier export of ours there may be replaced. */
  overwrite: boolean;
  /** The open workspace, so a destination that holds it gets the clearest refusal. */
  openWorkspaceDir?: string;
}

/**
 * Says whether an export may be written at `target` (absolute), and what it would replace. Refused,
 * with a message naming the path:
 * - anywhere inside a workspace folder (any workspace, recognised by its `workspace.json`, its lock,
 *   or its `documents/` and `annotations/` folders), or a workspace itself, except below the
 *   workspace's `exports/` folder; symbolic links are followed first, so a link cannot smuggle an
 *   export into a workspace;
 * - a destination that holds the open workspace;
 * - a file (an export is a folder, so a file there is never ours);
 * - a non-empty folder that is not an export Corroborate wrote (no manifest, or anything in it the
 *   manifest does not list), even with `overwrite`;
 * - an earlier export of ours unless `overwrite`.
 */
export async function checkExportDestination(target: string, options: CheckExportDestinationOptions): Promise<ExportDestinationState> {
  if (options.openWorkspaceDir !== undefined && isInside(resolve(options.openWorkspaceDir), target)) {
    throw new ExportDestinationError(
      `${target} holds the workspace itself; choose a folder outside it (such as ${join(resolve(options.openWorkspaceDir), WORKSPACE_EXPORTS_FOLDER)}).`,
    );
  }
  await refuseInsideWorkspace(target);
  let stats;
  try {
    stats = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw new ExportDestinationError(`${target} cannot be inspected: ${(error as Error).message}`);
  }
  if (!stats.isDirectory()) {
    throw new ExportDestinationError(`${target} is a file, not a folder; an export never replaces a file. Choose a new or empty folder.`);
  }
  const names = await readdir(target);
  if (names.length === 0) return 'empty';
  await refuseUnlessOurExport(target);
  if (!options.overwrite) {
    throw new ExportDestinationError(
      `${target} already exists and is not empty (it holds an earlier export). Choose a new folder, or replace it (--force on the command line).`,
    );
  }
  return 'earlier-export';
}

/** Whether `dir` is laid out as a Corroborate workspace (its file, its lock, or its data folders). */
export async function looksLikeWorkspace(dir: string): Promise<boolean> {
  const kind = async (name: string) => {
    try {
      const stats = await lstat(join(dir, name));
      return stats.isDirectory() ? 'folder' : 'file';
    } catch {
      return null;
    }
  };
  if ((await kind(WORKSPACE_FILE)) === 'file' || (await kind(WORKSPACE_LOCK_FILE_NAME)) === 'file') return true;
  return (await kind('documents')) === 'folder' && (await kind('annotations')) === 'folder';
}

async function refuseInsideWorkspace(target: string): Promise<void> {
  const real = await realLocation(target);
  for (let dir = real; ; dir = dirname(dir)) {
    if (await looksLikeWorkspace(dir)) {
      if (!isInside(real, join(dir, WORKSPACE_EXPORTS_FOLDER)) || real === join(dir, WORKSPACE_EXPORTS_FOLDER)) {
        const where = dir === real ? `${target} is a Corroborate workspace` : `${target} is inside the Corroborate workspace ${dir}`;
        throw new ExportDestinationError(
          `${where}; an export never writes into a workspace. Choose a folder outside it, or a new folder under ${join(dir, WORKSPACE_EXPORTS_FOLDER)}.`,
        );
      }
    }
    if (dirname(dir) === dir) return;
  }
}

/** Refuses a non-empty folder unless our manifest is there and lists everything in it. */
async function refuseUnlessOurExport(folder: string): Promise<void> {
  const text = await readFile(join(folder, EXPORT_MANIFEST_FILE), 'utf8').catch(() => null);
  const manifest = text === null ? null : parseExportManifest(text);
  if (!manifest) {
    throw new ExportDestinationError(
      `${folder} already exists and is not an export made by Corroborate (it has no ${EXPORT_MANIFEST_FILE}), so it is not replaced. Choose a new or empty folder.`,
    );
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const folders = new Set(manifest.files.flatMap((f) => f.path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const pending = [''];
  while (pending.length > 0) {
    const at = pending.pop()!;
    for (const name of await readdir(join(folder, ...at.split('/')))) {
      const path = at ? `${at}/${name}` : name;
      if (path === EXPORT_MANIFEST_FILE) continue;
      const stats = await lstat(join(folder, ...path.split('/')));
      if (stats.isDirectory() && folders.has(path)) pending.push(path);
      else if (!(stats.isFile() && listed.has(path))) {
        throw new ExportDestinationError(
          `${folder} holds ${join(folder, ...path.split('/'))}, which is not part of the export Corroborate wrote there, so the folder is not replaced. Move it away or choose another folder.`,
        );
      }
    }
  }
}

/** `path` with every symbolic link of its existing part resolved (the part not yet created kept as is). */
async function realLocation(path: string): Promise<string> {
  const rest: string[] = [];
  for (let existing = path; ; existing = dirname(existing)) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(existing) === existing) return path;
      rest.push(basename(existing));
    }
  }
}

/** Whether `child` is `parent` or lies inside it. */
function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
