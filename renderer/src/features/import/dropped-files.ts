import type { ImportSource } from './import-plan.js';

/** The parts of the File and Directory Entries API that reading a dropped folder needs. */
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntry extends Entry {
  file(success: (file: File) => void, failure: (error: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(success: (entries: Entry[]) => void, failure: (error: unknown) => void): void };
}

/**
 * The files of a drop: dropped files as they are, and dropped folders walked recursively (each file
 * named by its path from the folder, as a folder picker names them). Browsers that give no entries
 * (or a DataTransfer built by a script) fall back to the plain file list.
 */
export async function droppedFiles(dataTransfer: DataTransfer): Promise<ImportSource[]> {
  const entries: Entry[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null;
    if (entry === null) return Array.from(dataTransfer.files, (file) => ({ file, path: file.name, fromFolder: false }));
    entries.push(entry);
  }
  const sources: ImportSource[] = [];
  for (const entry of entries) await collect(entry, '', false, sources);
  return sources;
}

async function collect(entry: Entry, parent: string, fromFolder: boolean, into: ImportSource[]): Promise<void> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileEntry).file(resolve, reject));
    into.push({ file, path, fromFolder });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntry).createReader();
  // readEntries answers in chunks (about 100 at a time) until it answers with none.
  for (;;) {
    const chunk = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) break;
    for (const child of chunk.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) await collect(child, path, true, into);
  }
}

/** Files chosen with an `<input type=file>`: a folder picker gives each file's path from the folder. */
export function chosenFiles(files: FileList): ImportSource[] {
  const sources = Array.from(files, (file): ImportSource => {
    const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
    return relative ? { file, path: relative, fromFolder: true } : { file, path: file.name, fromFolder: false };
  });
  // A folder picker lists files in no particular order; import them in path order.
  return sources.every((s) => s.fromFolder) ? sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : sources;
}
