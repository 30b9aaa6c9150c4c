import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Annotation, AttributeValue } from '../../../shared/model/annotation.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { checksummedCacheFile } from './checksummed-cache-file.js';

/** What names one state of an annotation file: if any of it differs, the file is read again. */
export interface FileIdentity {
  size: number;
  modified: number;
  /** The status change time: moves on any write, even one that puts the modification time back. */
  changed: number;
  inode: number;
  /** The content hash of the text the file was read for (from the index). */
  contentHash: string;
}

/** One annotation file as the cache holds it: its identity and its annotations, compact. */
interface CachedFile {
  identity: FileIdentity;
  /** Per annotation: id, label, orphaned (1) or not (0), attributes, then start, end and quote of each fragment. */
  annotations: unknown[][];
}

const FORMAT = 'corroborate-agreement-cache';
const VERSION = 1;

/** The cache file of the workspace in `workspaceDir` inside `cacheDir`: the folder's name and a hash of its path. */
export function agreementCacheFile(cacheDir: string, workspaceDir: string): string {
  const hash = createHash('sha256').update(workspaceDir).digest('hex').slice(0, 16);
  return join(cacheDir, `${basename(workspaceDir).replace(/[^\w.-]+/g, '_').slice(0, 40)}-${hash}.cache`);
}

/**
 * The annotation files of one workspace as agreement last read them, kept on disk between
 * sessions so a new session need not parse every file again: each file's identity (size,
 * modification and status change times, inode, the text's content hash) with what agreement uses
 * of its annotations. It lives outside the workspace (in the app-data folder), so team sync never
 * sees it. A file is taken from the cache only when its identity now is the one cached; a cache
 * file that is damaged (its checksum or form wrong), of another workspace or another version is
 * ignored whole, and writing one that fails leaves agreement as it was: it is only a cache.
 */
export const agreementLayerCache = {
  /** The files cached in `file` for `workspaceDir`, or null when there is no usable cache (why, in `onIgnored`). */
  async load(file: string, workspaceDir: string, onIgnored?: (why: string) => void): Promise<Map<string, CachedFile> | null> {
    const entries = await checksummedCacheFile.read(file, { format: FORMAT, version: VERSION, workspaceDir }, onIgnored);
    if (entries === null) return null;
    const ignored = (why: string) => (onIgnored?.(`${file} ${why}`), null);
    if (!Array.isArray(entries)) return ignored('is damaged (no list of files)');
    const files = new Map<string, CachedFile>();
    for (const entry of entries as unknown[]) {
      const cached = cachedFileOf(entry);
      if (!cached) return ignored('is damaged (a file of another form)');
      files.set(cached.path, cached.file);
    }
    return files;
  },

  /** Writes the cache of `files` (path, identity, annotations) to `file` (a temp file renamed over it); rejects when it cannot. */
  async save(file: string, workspaceDir: string, files: Iterable<[string, FileIdentity, readonly Annotation[]]>): Promise<void> {
    const parts: string[] = [];
    for (const [path, identity, annotations] of files) parts.push(JSON.stringify([path, identity, annotations.map(compactOf)]));
    await checksummedCacheFile.write(file, { format: FORMAT, version: VERSION, workspaceDir }, `[${parts.join(',\n')}]`);
  },

  /** The annotations of a cached file, as `AgreementLayerFiles` reads them, or null when they do not fit `meta`. */
  annotationsOf(cached: CachedFile, meta: DocumentMeta, annotator: string): Annotation[] | null {
    const annotations: Annotation[] = [];
    for (const compact of cached.annotations) {
      const [id, labelId, orphaned, attributes] = compact;
      if (typeof id !== 'string' || typeof labelId !== 'string' || (orphaned !== 0 && orphaned !== 1) || !isObject(attributes)) return null;
      if (!Object.values(attributes).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return null;
      if (compact.length < 7 || (compact.length - 4) % 3 !== 0) return null;
      const fragments: Annotation['fragments'] = [];
      for (let k = 4; k < compact.length; k += 3) {
        const [start, end, exact] = [compact[k], compact[k + 1], compact[k + 2]];
        if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || (end as number) > meta.length) return null;
        if (typeof exact !== 'string') return null;
        fragments.push({ start: start as number, end: end as number, exact, prefix: '', suffix: '' });
      }
      annotations.push(annotationOf(id, labelId, fragments, attributes as Record<string, AttributeValue>, orphaned === 1, meta, annotator));
    }
    return annotations;
  },
};

/**
 * One annotation as agreement keeps it: where it is, its label, attributes and annotator (a short
 * quote of each fragment); the rest left empty.
 */
export function annotationOf(
  id: string,
  labelId: string,
  fragments: Annotation['fragments'],
  attributes: Record<string, AttributeValue>,
  orphaned: boolean,
  meta: DocumentMeta,
  annotator: string,
): Annotation {
  return {
    id,
    documentId: meta.id,
    labelId,
    fragments,
    contentHash: meta.contentHash,
    attributes,
    note: '',
    author: '',
    annotator,
    createdAt: '',
    updatedAt: '',
    orphaned,
  };
}

function compactOf(annotation: Annotation): unknown[] {
  const compact: unknown[] = [annotation.id, annotation.labelId, annotation.orphaned ? 1 : 0, annotation.attributes];
  for (const { start, end, exact } of annotation.fragments) compact.push(start, end, exact);
  return compact;
}

function cachedFileOf(entry: unknown): { path: string; file: CachedFile } | null {
  if (!Array.isArray(entry) || entry.length !== 3) return null;
  const [path, identity, annotations] = entry as [unknown, unknown, unknown];
  if (typeof path !== 'string' || !isIdentity(identity) || !Array.isArray(annotations) || !annotations.every(Array.isArray)) return null;
  return { path, file: { identity, annotations: annotations as unknown[][] } };
}

function isIdentity(value: unknown): value is FileIdentity {
  if (!isObject(value)) return false;
  const { size, modified, changed, inode, contentHash } = value;
  return [size, modified, changed, inode].every((n) => typeof n === 'number') && typeof contentHash === 'string';
}

/** Whether two identities name the same state of a file. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.modified === b.modified && a.changed === b.changed && a.inode === b.inode && a.contentHash === b.contentHash;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
