import { extensionOf, fileKindOf } from '../../../shared/import/article-format.js';

/**
 * Why a file found inside a chosen folder is left out, or null when it is read. A folder holds more
 * than articles: only files whose extension names an article format (.txt, .md, .html, .json,
 * .jsonl, …) are read, and hidden files and folders (`.git`, `.DS_Store`) are left out. A file
 * chosen by name is always read (its content decides), so this applies to folder contents only.
 */
export function folderEntrySkipReason(relativePath: string): string | null {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  if (parts.some((part) => part.startsWith('.'))) return `${relativePath} is hidden, so it was left out.`;
  const kind = fileKindOf(relativePath);
  if (kind.kind === 'format') return null;
  if (kind.kind === 'unsupported') return `${relativePath}: ${kind.what} (.${kind.extension}) are not article files, so it was left out.`;
  const extension = extensionOf(relativePath);
  return extension === null
    ? `${relativePath} has no extension, so it was left out (name it .txt to import it).`
    : `${relativePath}: .${extension} files are not article files, so it was left out.`;
}
