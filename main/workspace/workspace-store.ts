import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Annotation } from '../../shared/model/annotation.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import { defaultLabels, defaultLinkTypes } from '../../shared/model/label-schema.js';
import {
  AnnotationFileSchema,
  CURRENT_SCHEMA_VERSION,
  WorkspaceFileSchema,
  type AnnotationFile,
  type WorkspaceFile,
} from '../../shared/model/workspace.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { writeFileDurably } from '../storage/durable-write.js';
import { ValidatedJsonFile } from './validated-json-file.js';

/** The workspace folder could not be opened as a workspace. */
export class WorkspaceOpenError extends Error {
  override readonly name = 'WorkspaceOpenError';
}

/** The name of the small lowdb file at the root of every workspace folder. */
export const WORKSPACE_FILE = 'workspace.json';

/**
 * A workspace folder on disk: `workspace.json` (schema, document index, links) plus one text file and
 * one annotation file per document, so one edit rewrites kilobytes, not the corpus. Every write is
 * durable and atomic; writes to one file are queued so they land in order.
 */
export class WorkspaceStore {
  private readonly annotationDbs = new Map<string, Promise<Low<AnnotationFile>>>();
  private readonly texts = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  private constructor(
    /** Absolute path of the workspace folder. */
    readonly dir: string,
    private readonly workspaceDb: Low<WorkspaceFile>,
    /** Whether the folder was created (or initialised) by this open. */
    readonly created: boolean,
  ) {}

  /**
   * Opens the workspace in `dir`, creating the folder and an empty workspace when it does not exist
   * or is empty. A non-empty folder without `workspace.json` is refused, so a mistyped path never
   * scatters files into an unrelated folder.
   */
  static async open(dir: string): Promise<WorkspaceStore> {
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new WorkspaceOpenError(`The workspace folder ${dir} cannot be read: ${error.message}`);
    });
    const hasWorkspaceFile = entries?.includes(WORKSPACE_FILE) ?? false;
    const visibleEntries = (entries ?? []).filter((name) => !name.startsWith('.'));
    if (!hasWorkspaceFile && visibleEntries.length > 0) {
      throw new WorkspaceOpenError(
        `${dir} is not a Corroborate workspace (it has no ${WORKSPACE_FILE} but is not empty). ` +
          'Give an empty or new folder, or an existing workspace.',
      );
    }
    await mkdir(join(dir, 'documents'), { recursive: true });
    await mkdir(join(dir, 'annotations'), { recursive: true });
    const db = new Low(new ValidatedJsonFile(join(dir, WORKSPACE_FILE), WorkspaceFileSchema), emptyWorkspace());
    await db.read();
    const store = new WorkspaceStore(dir, db, !hasWorkspaceFile);
    if (!hasWorkspaceFile) await store.enqueue(WORKSPACE_FILE, () => db.write());
    return store;
  }

  /** The workspace file's current contents (read-only view; change it through `updateWorkspace`). */
  get workspace(): Readonly<WorkspaceFile> {
    return this.workspaceDb.data;
  }

  /** The metadata of one document, or undefined. */
  findDocument(documentId: string): DocumentMeta | undefined {
    return this.workspaceDb.data.documents.find((d) => d.id === documentId);
  }

  /** Applies `change` to the workspace file and saves it durably. */
  async updateWorkspace(change: (workspace: WorkspaceFile) => void): Promise<void> {
    change(this.workspaceDb.data);
    await this.enqueue(WORKSPACE_FILE, () => this.workspaceDb.write());
  }

  /** Stores a new document: its text file, an empty annotation file, then its index entry. */
  async addDocument(meta: DocumentMeta, text: string): Promise<void> {
    if (contentHash(text) !== meta.contentHash) throw new Error(`content hash mismatch for ${meta.id}`);
    await writeFileDurably(this.textPath(meta.id), text);
    this.texts.set(meta.id, text);
    const db = await this.annotationDb(meta.id, meta.contentHash);
    await this.enqueue(this.annotationFileName(meta.id), () => db.write());
    await this.updateWorkspace((workspace) => {
      workspace.documents.push(meta);
    });
  }

  /** The stored text of a document. */
  async readText(documentId: string): Promise<string> {
    const cached = this.texts.get(documentId);
    if (cached !== undefined) return cached;
    const text = await readFile(this.textPath(documentId), 'utf8');
    this.texts.set(documentId, text);
    return text;
  }

  /** The annotations of a document, in document order. */
  async readAnnotations(documentId: string): Promise<readonly Annotation[]> {
    const meta = this.requireDocument(documentId);
    return (await this.annotationDb(documentId, meta.contentHash)).data.annotations;
  }

  /** Replaces a document's annotations with `change(current)` (kept in document order) and saves. */
  async updateAnnotations(documentId: string, change: (current: Annotation[]) => Annotation[]): Promise<void> {
    const meta = this.requireDocument(documentId);
    const db = await this.annotationDb(documentId, meta.contentHash);
    db.data.annotations = change(db.data.annotations).sort(compareDocumentOrder);
    await this.enqueue(this.annotationFileName(documentId), () => db.write());
  }

  /** Waits until every queued write has landed. */
  async flush(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private requireDocument(documentId: string): DocumentMeta {
    const meta = this.findDocument(documentId);
    if (!meta) throw new Error(`There is no document ${documentId} in this workspace.`);
    return meta;
  }

  private textPath(documentId: string): string {
    return join(this.dir, 'documents', `${documentId}.txt`);
  }

  private annotationFileName(documentId: string): string {
    return join('annotations', `${documentId}.json`);
  }

  private annotationDb(documentId: string, hash: string): Promise<Low<AnnotationFile>> {
    let db = this.annotationDbs.get(documentId);
    if (!db) {
      const path = join(this.dir, this.annotationFileName(documentId));
      const low = new Low(new ValidatedJsonFile(path, AnnotationFileSchema), {
        schemaVersion: CURRENT_SCHEMA_VERSION,
        documentId,
        contentHash: hash,
        annotations: [],
      });
      db = low.read().then(() => low);
      db.catch(() => this.annotationDbs.delete(documentId));
      this.annotationDbs.set(documentId, db);
    }
    return db;
  }

  /** Runs `write` after every earlier write to the same file, so writes land in order. */
  private enqueue(file: string, write: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.queues.set(file, next);
    void next.finally(() => {
      if (this.queues.get(file) === next) this.queues.delete(file);
    }).catch(() => undefined);
    return next;
  }
}

function emptyWorkspace(): WorkspaceFile {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    labels: structuredClone([...defaultLabels]),
    linkTypes: structuredClone([...defaultLinkTypes]),
    documents: [],
    links: [],
  };
}

/** Orders annotations by where they start, then by where they end. */
export function compareDocumentOrder(a: Annotation, b: Annotation): number {
  const af = a.fragments[0]!;
  const bf = b.fragments[0]!;
  return af.start - bf.start || af.end - bf.end || a.id.localeCompare(b.id);
}
