import type { ImportedArticle } from './imported-article.js';

/** What the importer needs to know of a document already in the workspace (DocumentMeta has it). */
export interface ExistingDocument {
  id: string;
  title: string;
  url: string | null;
  sourceFile: string | null;
  contentHash: string;
}

/**
 * How an imported article relates to the workspace: new, the same text as a document already
 * there, or another version (same URL, file or title, different text) of one.
 */
export type ExistingMatch = 'new' | { duplicateOf: string } | { newVersionOf: string };

/**
 * Compares an article with the documents already in the workspace. The same content hash is a
 * duplicate; otherwise the same URL, else the same source file (single-article files only: the
 * records of a corpus share one), else the same title (ignoring case and spacing) is a new version.
 * `hashOf` is the workspace's content hash (shared/text `contentHash`).
 */
export function compareWithExisting(
  article: ImportedArticle,
  existing: readonly ExistingDocument[],
  hashOf: (text: string) => string,
): ExistingMatch {
  const hash = hashOf(article.text);
  const same = existing.find((doc) => doc.contentHash === hash);
  if (same) return { duplicateOf: same.id };
  const url = comparableUrl(article.url);
  if (url !== null) {
    const byUrl = existing.find((doc) => comparableUrl(doc.url) === url);
    if (byUrl) return { newVersionOf: byUrl.id };
  }
  if (article.sourceFile !== null && article.sourceLine === null) {
    const byFile = existing.find((doc) => doc.sourceFile === article.sourceFile);
    if (byFile) return { newVersionOf: byFile.id };
  }
  const title = comparableTitle(article.title);
  if (title !== '') {
    const byTitle = existing.find((doc) => comparableTitle(doc.title) === title);
    if (byTitle) return { newVersionOf: byTitle.id };
  }
  return 'new';
}

/** A URL without its fragment, trailing slash or scheme case: the same page written two ways. */
function comparableUrl(url: string | null): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  return trimmed.replace(/#.*$/, '').replace(/\/+$/, '').replace(/^https?:\/\//i, (s) => s.toLowerCase().replace('http://', 'https://'));
}

function comparableTitle(title: string): string {
  return title.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
