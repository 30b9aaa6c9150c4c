import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { Annotation, AttributeValue } from '../../../shared/model/annotation.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { agreementLayerCache, annotationOf as keptAnnotation, sameIdentity, type FileIdentity } from './agreement-layer-cache.js';

/** The longest quote kept of a fragment (the disagreements quote at most this much). */
const QUOTE_KEPT = 200;

/** One annotation file as read, and what it was when read. */
interface HeldFile {
  identity: FileIdentity;
  annotations: Annotation[];
}

/**
 * Where the files read are cached between sessions (`agreement-layer-cache.ts`): the cache file and
 * the workspace folder, and who is told why a cache file found there is ignored.
 */
interface LayerCacheLocation {
  file: string;
  workspaceDir: string;
  onIgnored?: (why: string) => void;
}

/**
 * The annotation files of every layer as agreement reads them: each file parsed once and kept while
 * it stays the same file (same size, modification and status change times and inode, read for the
 * same text), so after an edit only the files that changed are read again. Agreement needs only
 * where each annotation is, its label, attributes and annotator: the rest of each annotation is
 * left out as it is read (a short quote is kept), and only what agreement uses is checked, each
 * problem named with the file. With a cache location, the first read of a session takes each file
 * that is still the one cached from the cache instead of parsing it (`useCache`), and `saveCache`
 * writes what was read back for the next session.
 */
export class AgreementLayerFiles {
  readonly #held = new Map<string, HeldFile>();
  /** The cache loaded for the read under way, dropped after it. */
  #cached: Awaited<ReturnType<typeof agreementLayerCache.load>> = null;
  /** Whether files were read that the cache on disk does not hold. */
  #unsaved = false;
  /** The files whose articles' parts are cached, with their identity then: such a file, still the same, is not read (`deferred`). */
  #deferrable: ReadonlyMap<string, FileIdentity> | null = null;
  /** The files not read because their articles' parts stand in for them, with their identity when found so. */
  readonly #deferred = new Map<string, FileIdentity>();

  constructor(private readonly cache: LayerCacheLocation | null = null) {}

  /** Files read from their source (not the cache nor memory) so far, and from the cache. */
  readonly counts = { parsed: 0, fromCache: 0 };

  /**
   * Loads the cache for the read that follows, when nothing is held yet (a new session), unless
   * files may be deferred (`deferFiles`: then the few files read are parsed) or `many` says many
   * files are to be read. A cache file that cannot be used is ignored (why, to the location's `onIgnored`).
   */
  async useCache(many = false): Promise<void> {
    if (!this.cache || this.#cached || (!many && (this.#held.size > 0 || this.#deferrable))) return;
    this.#cached = await agreementLayerCache.load(this.cache.file, this.cache.workspaceDir, this.cache.onIgnored);
  }

  /**
   * Files that need not be read while they are the ones named (path → identity): their articles'
   * parts stand in for their annotations. Such a file is answered with no annotations and noted
   * (`isDeferred`) until it is read with `defer: false`.
   */
  deferFiles(files: ReadonlyMap<string, FileIdentity> | null): void {
    this.#deferrable = files;
  }

  /** Whether the last read of `path` deferred it. */
  isDeferred(path: string): boolean {
    return this.#deferred.has(path);
  }

  /** The identity of `path` as last read (or deferred), if it was read whole and did not change meanwhile. */
  identityOf(path: string): FileIdentity | undefined {
    return this.#deferred.get(path) ?? this.#held.get(path)?.identity;
  }

  /** Drops the cache loaded for a read: what it held that was used is held in memory now. */
  doneReading(): void {
    this.#cached = null;
  }

  /** Whether the cache on disk lacks files held in memory (or holds files no longer there). */
  get cacheIsStale(): boolean {
    // With parts standing in for files, the files held are a few: the cache on disk is left as it is.
    return this.cache !== null && this.#unsaved && this.#deferrable === null;
  }

  /** Writes the files held to the cache (nothing without a cache location); rejects when it cannot, the files held staying as they are. */
  async saveCache(): Promise<void> {
    if (!this.cache || !this.cacheIsStale) return;
    this.#unsaved = false;
    try {
      await agreementLayerCache.save(this.cache.file, this.cache.workspaceDir, [...this.#held].map(([path, held]) => [path, held.identity, held.annotations] as const));
    } catch (error) {
      this.#unsaved = true;
      throw error;
    }
  }

  /**
   * Reads `annotator`'s file of `meta` at `path` (see `ReadSnapshotOptions.readAnnotationFile`); a
   * file that is still the one `deferFiles` named is not read (no annotations) unless `defer` is false.
   */
  read = async (path: string, meta: DocumentMeta, annotator: string, defer = true): Promise<Annotation[] | string> => {
    this.#deferred.delete(path);
    const facts = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (facts instanceof Error) {
      if (this.#held.delete(path)) this.#unsaved = true;
      return facts.code === 'ENOENT' ? [] : `${path} cannot be read (${facts.code ?? facts.message}).`;
    }
    const identity = identityOf(facts, meta);
    const held = this.#held.get(path);
    if (held && sameIdentity(held.identity, identity)) return held.annotations;
    const deferrable = this.#deferrable?.get(path);
    if (defer && deferrable && sameIdentity(deferrable, identity)) {
      this.#deferred.set(path, identity);
      return [];
    }
    const cached = this.#cached?.get(path);
    if (cached && sameIdentity(cached.identity, identity)) {
      const annotations = agreementLayerCache.annotationsOf(cached, meta, annotator);
      if (annotations) {
        this.counts.fromCache++;
        this.#held.set(path, { identity, annotations });
        return annotations;
      }
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      return `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
    }
    this.counts.parsed++;
    const read = annotationsOf(text, path, meta, annotator);
    if (typeof read === 'string') {
      if (this.#held.delete(path)) this.#unsaved = true;
      return read;
    }
    // Kept only when the file did not change while it was read (else its identity may not name what was read).
    const after = await stat(path).catch(() => null);
    if (after && sameIdentity(identityOf(after, meta), identity)) {
      this.#held.set(path, { identity, annotations: read });
      this.#unsaved = true;
    } else if (this.#held.delete(path)) this.#unsaved = true;
    return read;
  };
}

function identityOf(facts: Stats, meta: DocumentMeta): FileIdentity {
  return { size: facts.size, modified: facts.mtimeMs, changed: facts.ctimeMs, inode: facts.ino, contentHash: meta.contentHash };
}

/** The annotations of one file's text, with what agreement uses checked; or why they cannot be used. */
function annotationsOf(text: string, path: string, meta: DocumentMeta, annotator: string): Annotation[] | string {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return `${path} is not valid JSON (${(error as Error).message}); its annotations would be missing.`;
  }
  if (!isObject(file) || !Array.isArray(file.annotations)) return `${path} is not an annotation file (no list of annotations); its annotations would be missing.`;
  if (file.documentId !== meta.id) return `${path} belongs to document ${String(file.documentId)}, not ${meta.id}.`;
  if (file.contentHash !== meta.contentHash) return `${path} was made for another text of "${meta.title}" (its content hash differs from the index).`;
  if (file.annotator !== annotator) return `${path} holds the layer of ${String(file.annotator)}, not of ${annotator}.`;
  const annotations: Annotation[] = [];
  for (const [index, item] of (file.annotations as unknown[]).entries()) {
    const annotation = annotationOf(item, meta, annotator);
    if (typeof annotation === 'string') return `${path}: annotation ${index + 1} ${annotation}; its annotations would be missing.`;
    annotations.push(annotation);
  }
  return annotations;
}

/** One annotation, reduced to what agreement uses, or what is wrong with it. */
function annotationOf(item: unknown, meta: DocumentMeta, annotator: string): Annotation | string {
  if (!isObject(item)) return 'is not an object';
  const { id, labelId, fragments, attributes, orphaned } = item;
  if (typeof id !== 'string' || id === '') return 'has no id';
  if (typeof labelId !== 'string' || labelId === '') return `(${id}) has no label`;
  if (item.annotator !== annotator) return `(${id}) is of another annotator than ${annotator}`;
  if (!Array.isArray(fragments) || fragments.length === 0) return `(${id}) has no fragments`;
  const kept: Annotation['fragments'] = [];
  for (const fragment of fragments as unknown[]) {
    if (!isObject(fragment)) return `(${id}) has a fragment that is not an object`;
    const { start, end, exact } = fragment;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || (end as number) > meta.length) {
      return `(${id}) has a fragment from ${String(start)} to ${String(end)}, not inside the text of ${meta.length} characters`;
    }
    kept.push({ start: start as number, end: end as number, exact: typeof exact === 'string' ? exact.slice(0, QUOTE_KEPT) : '', prefix: '', suffix: '' });
  }
  const values: Record<string, AttributeValue> = {};
  if (attributes !== undefined) {
    if (!isObject(attributes)) return `(${id}) has attributes that are not an object`;
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return `(${id}) has an attribute “${name}” that is not text, a number or yes/no`;
      values[name] = value;
    }
  }
  return keptAnnotation(id, labelId, kept, values, orphaned === true, meta, annotator);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
