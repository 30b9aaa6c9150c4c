import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Annotation } from '../../shared/model/annotation.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import {
  AnnotationFileSchema,
  CURRENT_SCHEMA_VERSION,
  WorkspaceFileSchema,
  type DocumentSnapshot,
  type WorkspaceFile,
  type WorkspaceSnapshot,
} from '../../shared/model/workspace.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { JsonFileCodec, migrateWorkspaceFile, StoreFileError } from '../storage/index.js';
import { notAWorkspaceError, WORKSPACE_FILE } from './workspace-folder.js';

/** A consistent read of a workspace on disk could not be made; the message names the file and why. */
export class WorkspaceReadError extends Error {
  override readonly name = 'WorkspaceReadError';
}

/** How `ReadOnlyWorkspace.readSnapshot` reads. */
export interface ReadSnapshotOptions {
  /** Read and check every document's text (exports need them; counting does not). Default true. */
  texts?: boolean;
  /** Told after each document is read. */
  onDocumentRead?: (read: number, total: number) => void;
  signal?: AbortSignal | undefined;
}

/** How many times a read is started again because `workspace.json` changed while it was read. */
const READ_ATTEMPTS = 5;

const versioning = { currentVersion: CURRENT_SCHEMA_VERSION, migrate: migrateWorkspaceFile };
const workspaceCodec = new JsonFileCodec({ schema: WorkspaceFileSchema, versioning });
const annotationCodec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning });

/**
 * A workspace opened only to read it, for what reads while the app (or an import) may be writing
 * it: `stats`, `check`, `export`. It takes no lock, creates nothing, writes nothing (not even the
 * clean-up of abandoned temp files, which could be another process's write in flight), and upgrades
 * an older workspace in memory only. It reads what is on disk, so edits another process holds
 * unsaved are not in it.
 *
 * Every file is replaced whole by its writer (written aside, then renamed), so each read sees one
 * whole version of a file. Across files, a snapshot reads `workspace.json`, then each document's
 * text and annotation file, then `workspace.json` again: when it changed meanwhile the read starts
 * over (a few times, then fails saying so), so the index, the links and the annotations all belong
 * to one moment. Each annotation file must belong to its document and the text the index names.
 */
export class ReadOnlyWorkspace {
  private constructor(
    /** Absolute path of the workspace folder. */
    readonly dir: string,
  ) {}

  /** Opens `dir` for reading; refuses a folder without `workspace.json`, saying only writers create one. */
  static async open(dir: string): Promise<ReadOnlyWorkspace> {
    const absolute = resolve(dir);
    try {
      await readFile(join(absolute, WORKSPACE_FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw await notAWorkspaceError(absolute);
      throw new WorkspaceReadError(`${join(absolute, WORKSPACE_FILE)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    return new ReadOnlyWorkspace(absolute);
  }

  /** Reads the whole workspace as one consistent snapshot, in document order (see the class comment). */
  async readSnapshot(options: ReadSnapshotOptions = {}): Promise<WorkspaceSnapshot> {
    let lastInconsistency = '';
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      const before = await this.readIndexBytes();
      const workspace = this.decodeIndex(before);
      const documents: DocumentSnapshot[] = [];
      let inconsistency: string | null = null;
      for (const meta of workspace.documents) {
        options.signal?.throwIfAborted();
        const read = await this.readDocument(meta, options.texts ?? true);
        if (typeof read === 'string') {
          inconsistency = read;
          break;
        }
        documents.push(read);
        options.onDocumentRead?.(documents.length, workspace.documents.length);
      }
      const after = await this.readIndexBytes();
      if (before.equals(after)) {
        if (inconsistency !== null) throw new WorkspaceReadError(`${inconsistency} Run \`corroborate check\` on the workspace.`);
        return {
          schemaVersion: workspace.schemaVersion,
          labels: workspace.labels,
          linkTypes: workspace.linkTypes,
          documents,
          links: workspace.links,
          clusterNames: workspace.clusterNames,
        };
      }
      lastInconsistency = inconsistency ?? '';
    }
    throw new WorkspaceReadError(
      `${join(this.dir, WORKSPACE_FILE)} changed ${READ_ATTEMPTS} times while the workspace was read (another process is ` +
        `changing it quickly), so no consistent copy could be read; nothing was read. Try again.${lastInconsistency ? ` (${lastInconsistency})` : ''}`,
    );
  }

  private async readIndexBytes(): Promise<Buffer> {
    const path = join(this.dir, WORKSPACE_FILE);
    try {
      return await readFile(path);
    } catch (error) {
      throw new WorkspaceReadError(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }

  private decodeIndex(bytes: Buffer): WorkspaceFile {
    const path = join(this.dir, WORKSPACE_FILE);
    try {
      return workspaceCodec.decode(bytes, path).data;
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      throw new WorkspaceReadError(`${path}: ${error.reason}. Nothing was read; \`corroborate restore\` puts back its last good backup.`);
    }
  }

  /**
   * One document as the index describes it, or why its files do not match the index (which the
   * caller treats as a change in flight when the index changed meanwhile, and as damage otherwise).
   */
  private async readDocument(meta: DocumentMeta, withText: boolean): Promise<DocumentSnapshot | string> {
    let text = '';
    if (withText) {
      const textPath = join(this.dir, 'documents', `${meta.id}.txt`);
      try {
        text = await readFile(textPath, 'utf8');
      } catch (error) {
        return `${textPath}: the text of "${meta.title}" cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
      }
      if (text.length !== meta.length || contentHash(text) !== meta.contentHash) {
        return `${textPath}: the text of "${meta.title}" is not the text that was imported (its hash differs), so its offsets cannot be trusted.`;
      }
    }
    const annotations = await this.readAnnotations(meta);
    return typeof annotations === 'string' ? annotations : { meta, text, annotations };
  }

  private async readAnnotations(meta: DocumentMeta): Promise<Annotation[] | string> {
    const path = join(this.dir, 'annotations', `${meta.id}.json`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      // A document stored without an annotation file has none, as the store reads it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      return `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
    }
    try {
      const file = annotationCodec.decode(bytes, path).data;
      if (file.documentId !== meta.id) return `${path} belongs to document ${file.documentId}, not ${meta.id}.`;
      if (file.contentHash !== meta.contentHash) return `${path} was made for another text of "${meta.title}" (its content hash differs from the index).`;
      return file.annotations;
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      return `${path}: ${error.reason}; its annotations would be missing.`;
    }
  }
}
