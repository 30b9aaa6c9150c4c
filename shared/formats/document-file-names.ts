import type { DocumentMeta } from '../model/document.js';

/** Longest readable part of a derived file name, before the id suffix. */
const MAX_STEM_LENGTH = 48;

/**
 * Gives each document a file name stem that is safe on every platform and in every format that
 * uses names (brat, CoNLL doc ids, side files): ASCII letters, digits and `-` only, so never a
 * space, a colon (side files split `NAME:T3` at it), a dot or a reserved device name. It is the
 * title (or the source file without extension, or `document`) with accents stripped, lower-cased,
 * non-alphanumerics collapsed to `-`, cut to 48 characters, then `-` and the first 8 letters and
 * digits of the id, lengthened until unique among `documents`. Deterministic for the same input.
 */
export function assignDocumentFileNames(documents: readonly DocumentMeta[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const meta of documents) {
    const stem = slug(meta.title) || slug(stripExtension(meta.sourceFile ?? '')) || 'document';
    const idPart = slug(meta.id).replaceAll('-', '') || 'x';
    let length = Math.min(8, idPart.length);
    let name = `${stem}-${idPart.slice(0, length)}`;
    let counter = 2;
    while (used.has(name)) {
      if (length < idPart.length) {
        length++;
        name = `${stem}-${idPart.slice(0, length)}`;
      } else {
        name = `${stem}-${idPart}-${counter++}`;
      }
    }
    used.add(name);
    names.set(meta.id, name);
  }
  return names;
}

function slug(value: string): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, MAX_STEM_LENGTH).replace(/-+$/, '');
}

function stripExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
