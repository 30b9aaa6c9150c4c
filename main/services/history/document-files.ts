import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Annotation } from '../../../shared/model/annotation.js';
import { AnnotatorIdSchema } from '../../../shared/model/annotator.js';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import type { ArticleEntry } from './article-changes.js';
import { articleEntryIn } from './index-entry.js';
import type { LayerVersion } from './layer-changes.js';
import type { FoundEntry, RepositoryReading } from './repository-reading.js';

/** One article's files in one version of the workspace (a commit's tree, or the working tree), by git blob id. */
export interface DocumentState {
  /** `workspace.json`, which holds the article's entry in the index; null when there is none. */
  index: string | null;
  /** The stored text; null when there is none. */
  text: string | null;
  /** Each annotator's annotation file of the article: annotator id → blob id. */
  layers: ReadonlyMap<string, string>;
}

/** The working tree's version, with when each of its article's files was last written. */
export interface WorkingTreeState extends DocumentState {
  /** Path (relative, forward slashes) → when it was last written. */
  writtenAt: ReadonlyMap<string, Date>;
}

/** A version with none of the article's files (before the first commit). */
export const NO_FILES: DocumentState = { index: null, text: null, layers: new Map() };

/**
 * Reads one article's files from versions of a team workspace, reading only what a comparison needs:
 * in a commit, the three entries of its tree that hold the article (its layers' folder, its text,
 * `workspace.json`) are looked up by name, a folder that did not change is not looked into again,
 * and each file's content is read and parsed once per blob id however many versions share it.
 */
export class DocumentFiles {
  private readonly states = new Map<string, Promise<DocumentState>>();
  /** Entries found in trees, by tree id and name: an unchanged folder is looked into once. */
  private readonly found = new Map<string, Promise<FoundEntry | null>>();
  /** Each version of the article's layers folder, by tree id. */
  private readonly layerFolders = new Map<string, Promise<Map<string, string>>>();
  private readonly entries = new Map<string, Promise<{ entry: ArticleEntry | null; json: string }>>();
  private readonly layers = new Map<string, Promise<LayerVersion | null>>();
  /** Contents read from the working tree, by the blob id they would have. */
  private readonly workingBytes = new Map<string, Uint8Array>();

  constructor(
    private readonly repo: RepositoryReading,
    /** The article whose files are read. */
    readonly documentId: string,
  ) {}

  /** The article's files in the tree of a commit. */
  inTree(rootTree: string): Promise<DocumentState> {
    let state = this.states.get(rootTree);
    if (!state) {
      state = this.readState(rootTree);
      this.states.set(rootTree, state);
    }
    return state;
  }

  private async readState(rootTree: string): Promise<DocumentState> {
    const [index, documents, annotations] = await Promise.all([
      this.findEntry(rootTree, WORKSPACE_FILE),
      this.findEntry(rootTree, WORKSPACE_LAYOUT.documentsFolder),
      this.findEntry(rootTree, WORKSPACE_LAYOUT.annotationsFolder),
    ]);
    const [text, layersFolder] = await Promise.all([
      documents?.type === 'tree' ? this.findEntry(documents.oid, `${this.documentId}.txt`) : null,
      annotations?.type === 'tree' ? this.findEntry(annotations.oid, this.documentId) : null,
    ]);
    const layers = layersFolder?.type === 'tree' ? await this.layerFiles(layersFolder.oid) : new Map<string, string>();
    return { index: blobOrNull(index), text: blobOrNull(text), layers };
  }

  /** The layer files in one version of the article's layers folder: annotator id → blob id. */
  private layerFiles(folder: string): Promise<Map<string, string>> {
    let files = this.layerFolders.get(folder);
    if (!files) {
      files = this.repo.entries(folder).then((entries) => {
        const layers = new Map<string, string>();
        for (const [name, entry] of entries) {
          const annotator = annotatorOfFileName(name);
          if (entry.type === 'blob' && annotator !== null) layers.set(annotator, entry.oid);
        }
        return layers;
      });
      this.layerFolders.set(folder, files);
    }
    return files;
  }

  /** The article's files as they are in the workspace folder now (what is saved, not yet committed included). */
  async inWorkingTree(): Promise<WorkingTreeState> {
    const writtenAt = new Map<string, Date>();
    const read = async (file: string, keep: boolean): Promise<string | null> => {
      const path = workspacePath(this.repo.dir, file);
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (bytes === null) return null;
      writtenAt.set(file, (await stat(path)).mtime);
      const oid = gitBlobId(bytes);
      if (keep) this.workingBytes.set(oid, bytes);
      return oid;
    };
    const folder = WORKSPACE_LAYOUT.documentLayers(this.documentId);
    const names = await readdir(workspacePath(this.repo.dir, folder)).catch(() => [] as string[]);
    const layers = new Map<string, string>();
    for (const name of names.sort()) {
      const annotator = annotatorOfFileName(name);
      const oid = annotator === null ? null : await read(`${folder}/${name}`, true);
      if (annotator !== null && oid !== null) layers.set(annotator, oid);
    }
    return { index: await read(WORKSPACE_FILE, true), text: await read(WORKSPACE_LAYOUT.text(this.documentId), false), layers, writtenAt };
  }

  /**
   * The article's entry in a version of `workspace.json` (null: not listed, or the file is not
   * there), and that entry as JSON for comparing. A version that does not parse lists nothing.
   */
  articleEntry(index: string | null): Promise<{ entry: ArticleEntry | null; json: string }> {
    if (index === null) return Promise.resolve({ entry: null, json: 'null' });
    let read = this.entries.get(index);
    if (!read) {
      read = this.contentOf(index).then((bytes) => {
        const entry = articleEntryIn(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), this.documentId);
        return { entry, json: JSON.stringify(entry) };
      });
      this.entries.set(index, read);
    }
    return read;
  }

  /** Each label's name by id in a version of `workspace.json` (none when it is not there or does not parse). */
  async labelNames(index: string | null): Promise<Map<string, string>> {
    const labels = index === null ? undefined : (parseJson(await this.contentOf(index)) as { labels?: unknown } | null)?.labels;
    const names = new Map<string, string>();
    if (Array.isArray(labels)) for (const l of labels) if (isRecord(l) && typeof l.id === 'string' && typeof l.name === 'string') names.set(l.id, l.name);
    return names;
  }

  /** The annotations of one version of a layer file, by id; null when that version cannot be read as one. */
  layer(blob: string | null): Promise<LayerVersion | null> {
    if (blob === null) return Promise.resolve(new Map());
    let read = this.layers.get(blob);
    if (!read) {
      read = this.contentOf(blob).then((bytes) => {
        const annotations = (parseJson(bytes) as { annotations?: unknown } | null)?.annotations;
        if (!Array.isArray(annotations) || !annotations.every(isAnnotationLike)) return null;
        return new Map(annotations.map((a) => [a.id, a]));
      });
      this.layers.set(blob, read);
    }
    return read;
  }

  private async contentOf(blob: string): Promise<Uint8Array> {
    return this.workingBytes.get(blob) ?? this.repo.blob(blob);
  }

  /** An entry of a tree by name, looked up once: an unchanged folder is not looked into again. */
  private findEntry(tree: string, name: string): Promise<FoundEntry | null> {
    const key = `${tree}/${name}`;
    let found = this.found.get(key);
    if (!found) {
      found = this.repo.findEntry(tree, name);
      this.found.set(key, found);
    }
    return found;
  }
}

/** The git blob id of some content. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/** The annotator whose file `name` is (`<annotator>.json`), or null when it is no layer file. */
function annotatorOfFileName(name: string): string | null {
  if (!name.endsWith('.json')) return null;
  const id = name.slice(0, -'.json'.length);
  return AnnotatorIdSchema.safeParse(id).success ? id : null;
}

function blobOrNull(entry: { oid: string; type: string } | null): string | null {
  return entry?.type === 'blob' ? entry.oid : null;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Enough of an annotation to compare and quote it (older versions are not checked against today's schema). */
function isAnnotationLike(value: unknown): value is Annotation {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.labelId === 'string' &&
    Array.isArray(value.fragments) &&
    value.fragments.every((f) => isRecord(f) && typeof f.start === 'number' && typeof f.end === 'number' && typeof f.exact === 'string')
  );
}
