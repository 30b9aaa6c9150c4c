import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** A file on disk to import, found by name or inside a folder. */
export interface LocalImportFile {
  /** Where it is on disk. */
  absolutePath: string;
  /** How messages and the document name it: the file name, or `folder/sub/name` inside a folder. */
  path: string;
  fromFolder: boolean;
  /** Its size in bytes, from `stat` (the size limit is checked on it before reading). */
  size: number;
}

/** Files to import, and the paths that could not be used at all (missing, unreadable), each with why. */
export interface CollectedFiles {
  files: LocalImportFile[];
  problems: { path: string; message: string }[];
}

/**
 * Finds the files to import from paths given on the command line: a file is taken as it is; a
 * folder is walked recursively, its entries in name order, each named by its path from the folder
 * (`news/2021/a.txt`, as a browser names the files of a chosen folder). Links to folders are not
 * followed (no loops); hidden folders are not entered. Nothing is read here but `stat`s.
 */
export async function collectImportFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const collected: CollectedFiles = { files: [], problems: [] };
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      collected.problems.push({ path: given, message: `${given}: ${describeFsError(error)}.` });
      continue;
    }
    if (info.isDirectory()) await walkFolder(given, basename(given.replace(/[\\/]+$/, '')) || given, collected);
    else if (info.isFile()) collected.files.push({ absolutePath: given, path: basename(given), fromFolder: false, size: info.size });
    else collected.problems.push({ path: given, message: `${given} is neither a file nor a folder.` });
  }
  return collected;
}

async function walkFolder(dir: string, shownAs: string, collected: CollectedFiles): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    collected.problems.push({ path: shownAs, message: `${shownAs}: ${describeFsError(error)}.` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolutePath = join(dir, entry.name);
    const path = `${shownAs}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) await walkFolder(absolutePath, path, collected);
      continue;
    }
    let info;
    try {
      info = await stat(absolutePath);
    } catch (error) {
      collected.problems.push({ path, message: `${path}: ${describeFsError(error)}.` });
      continue;
    }
    if (info.isFile()) collected.files.push({ absolutePath, path, fromFolder: true, size: info.size });
  }
}

/** Reads a collected file's bytes. */
export async function readLocalFile(file: LocalImportFile): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file.absolutePath));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}
