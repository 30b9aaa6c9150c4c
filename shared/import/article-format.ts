import type { ArticleFormat } from './imported-article.js';

/** Extensions (lower-case, without the dot) of the formats the importer reads. */
const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  txt: 'plain-text',
  text: 'plain-text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/** Extensions of files people try to import that are not text, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  pdf: 'PDF documents',
  doc: 'Word documents',
  docx: 'Word documents',
  odt: 'OpenDocument text files',
  rtf: 'RTF documents',
  pages: 'Pages documents',
  epub: 'EPUB books',
  xls: 'spreadsheets',
  xlsx: 'spreadsheets',
  ods: 'spreadsheets',
  ppt: 'presentations',
  pptx: 'presentations',
  png: 'images',
  jpg: 'images',
  jpeg: 'images',
  gif: 'images',
  webp: 'images',
  svg: 'SVG images',
  zip: 'archives',
  gz: 'archives',
  tar: 'archives',
  '7z': 'archives',
  eml: 'e-mail messages',
  mht: 'web archives',
  mhtml: 'web archives',
  webarchive: 'web archives',
};

/** How the importer treats a file, judged by its name. */
export type FileKind =
  | { kind: 'format'; format: ArticleFormat }
  | { kind: 'unsupported'; extension: string; what: string }
  | { kind: 'unknown'; extension: string | null };

/** The extension of a file name, lower-case and without the dot, or null when it has none. */
export function extensionOf(fileName: string): string | null {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}

/** Whether a file name says a format we read, a kind of file we refuse, or nothing we know. */
export function fileKindOf(fileName: string): FileKind {
  const extension = extensionOf(fileName);
  if (extension === null) return { kind: 'unknown', extension: null };
  const format = FORMAT_BY_EXTENSION[extension];
  if (format) return { kind: 'format', format };
  const what = UNSUPPORTED[extension];
  if (what) return { kind: 'unsupported', extension, what };
  return { kind: 'unknown', extension };
}

/**
 * The format of a text file whose name says nothing we know: HTML when it starts like a web page,
 * otherwise plain text. JSON is never guessed: a corpus must say so by its extension.
 */
export function sniffTextFormat(text: string): ArticleFormat {
  const start = text.slice(0, 1024).replace(/^[\s\ufeff]+/, '').toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  return 'plain-text';
}
