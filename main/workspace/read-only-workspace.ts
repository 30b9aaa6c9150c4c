import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Annotation } from '../../shared/model/annotation.js';
import { OWNER_ANNOTATOR } from '../../shared/model/annotator.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import type { Link } from '../../shared/model/link.js';
import { CURRENT_SCHEMA_VERSION, WorkspaceFileSchema, type DocumentSnapshot, type LinkLayerFile, type WorkspaceFile, type WorkspaceSnapshot } from '../../shared/model/workspace.js';
import { AnnotationFileV1Schema, annotationsOfV1, layerOfV1, SCHEMA_VERSION_BEFORE_LAYERS, WorkspaceFileV1Schema, type WorkspaceFileV1 } from '../../shared/model/workspace-v1.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { JsonFileCodec, migrateWorkspaceFile, schemaVersionOf, StoreFileError } from '../storage/index.js';
import { annotationFileCodec, layersOfDocument, linkLayerFileCodec } from './layer-reading.js';
import { notAWorkspaceError, WORKSPACE_FILE } from './workspace-folder.js';
import { WORKSPACE_LAYOUT, workspacePath } from './workspace-layout.js';

/** Reads every annotator's layer at once (for counting, and for exports of several layers), instead of one annotator's. */
export const ALL_LAYERS = '*';

/** A consistent read of a workspace on disk could not be made; the message names the file and why. */
export class WorkspaceReadError extends Error {
  override readonly name = 'WorkspaceReadError';
}

/** The refusal of a workspace file that cannot be used (`why` names it), with what to do about it. */
export function unusableFileError(why: string): WorkspaceReadError {
  return new WorkspaceReadError(`${why} Run \`corroborate check\` on the workspace.`);
}

/** How `ReadOnlyWorkspace.readSnapshot` reads. */
export interface ReadSnapshotOptions {
  /** Read and check every document's text (exports need them; counting does not). Default true. */
  texts?: boolean;
  /** Told after each document is read. */
  onDocumentRead?: (read: number, total: number) => void;
  signal?: AbortSignal | undefined;
  /** The layer to read this time (an annotator's id, or `ALL_LAYERS`) instead of the one the workspace was opened for. */
  layer?: string | undefined;
  /**
   * Reads one annotator's annotation file of a document (at `path`) in place of the full schema
   * check: to what its annotations are, [] when there is none, or why it does not fit the document.
   * Agreement reads only what it compares, and keeps files it read until they change.
   */
  readAnnotationFile?: ((path: string, meta: DocumentMeta, annotator: string) => Promise<Annotation[] | string>) | undefined;
}

/** How many times a read is started again because `workspace.json` changed while it was read. */
const READ_ATTEMPTS = 5;

const versioning = { currentVersion: CURRENT_SCHEMA_VERSION, migrate: migrateWorkspaceFile };
const workspaceCodec = new JsonFileCodec({ schema: WorkspaceFileSchema, versioning });
const v1WorkspaceCodec = new JsonFileCodec({ schema: WorkspaceFileV1Schema });
const v1AnnotationCodec = new JsonFileCodec({ schema: AnnotationFileV1Schema });

/** The index of a workspace as read, with the layout it was written in. */
interface ReadIndex {
  workspace: WorkspaceFile;
  /** Version 1 keeps one annotation file per document and every link in `workspace.json`. */
  beforeLayers: Pick<WorkspaceFileV1, 'links' | 'clusterNames'> | null;
}

/** How many documents a snapshot reads ahead of the one it takes next. */
const READ_AHEAD = 16;

/**
 * A workspace opened only to read it, for what reads while the app (or an import) may be writing
 * it: `stats`, `check`, `export`. It takes no lock, creates nothing, writes nothing (not even the
 * clean-up of abandoned temp files, which could be another process's write in flight), and upgrades
 * an older workspace in memory only (a workspace from before layers reads as the layer it would be
 * upgraded to). It reads what is on disk, so edits another process holds unsaved are not in it. It
 * reads one annotator's layer or every layer (`ALL_LAYERS`: for counting, and for exports of the
 * curated or every layer).
 *
 * Every file is replaced whole by its writer (written aside, then renamed), so each read sees one
 * whole version of a file. Across files, a snapshot reads `workspace.json` and the link files,
 * then each document's text and annotation files, then `workspace.json` and the link files again:
 * when the index changed meanwhile the read starts over (a few times, then fails saying so). When
 * only the link files changed, the links as read first are kept if both ends of each are among the
 * annotations read (links made meanwhile are left for the next read); otherwise it starts over. So
 * the index and the annotations belong to one moment and no link dangles. Each annotation file must belong to its document and the text the index names.
 */
export class ReadOnlyWorkspace {
  private constructor(
    /** Absolute path of the workspace folder. */
    readonly dir: string,
    /** The annotator whose layer is read, or `ALL_LAYERS`. */
    readonly layer: string,
  ) {}

  /**
   * Opens `dir` for reading `layer` (an annotator's id; every layer when absent); refuses a folder
   * without `workspace.json`, saying only writers create one.
   */
  static async open(dir: string, layer: string = ALL_LAYERS): Promise<ReadOnlyWorkspace> {
    const absolute = resolve(dir);
    try {
      await readFile(join(absolute, WORKSPACE_FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw await notAWorkspaceError(absolute);
      throw new WorkspaceReadError(`${join(absolute, WORKSPACE_FILE)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    return new ReadOnlyWorkspace(absolute, layer);
  }

  /**
   * Reads the whole workspace as one consistent snapshot, in document order (see the class comment).
   * Reading every layer, each document lists the annotators with a file of it (`layers`), and the
   * snapshot names the annotators whose link files were read (`annotators`).
   */
  async readSnapshot(options: ReadSnapshotOptions = {}): Promise<WorkspaceSnapshot> {
    if (options.layer !== undefined && options.layer !== this.layer) {
      return new ReadOnlyWorkspace(this.dir, options.layer).readSnapshot({ ...options, layer: undefined });
    }
    let lastInconsistency = '';
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      const before = await this.readIndexBytes();
      const { workspace, beforeLayers } = this.decodeIndex(before);
      const linkLayers = beforeLayers ? [] : await this.readLinkFiles();
      const documents: DocumentSnapshot[] = [];
      let inconsistency: string | null = null;
      // A few documents are read ahead (their files' reads overlap); they are taken in order.
      const metas = workspace.documents;
      const ahead: Promise<DocumentSnapshot | string>[] = [];
      const readNext = () => {
        if (ahead.length >= metas.length) return;
        const read = this.readDocument(metas[ahead.length]!, options.texts ?? true, beforeLayers !== null, options.readAnnotationFile);
        read.catch(() => undefined); // awaited in turn, or settled after the loop: never left unhandled
        ahead.push(read);
      };
      for (let k = 0; k < READ_AHEAD; k++) readNext();
      try {
        for (let index = 0; index < metas.length; index++) {
          options.signal?.throwIfAborted();
          const read = await ahead[index]!;
          readNext();
          if (typeof read === 'string') {
            inconsistency = read;
            break;
          }
          documents.push(read);
          options.onDocumentRead?.(documents.length, workspace.documents.length);
        }
      } finally {
        // Left early (an inconsistency, an abort, a failed read): the reads ahead end before this does.
        await Promise.allSettled(ahead);
      }
      const after = await this.readIndexBytes();
      const linksFit =
        beforeLayers !== null ||
        sameBytes(linkLayers.map((l) => l.bytes), (await this.readLinkFileBytes()).map((l) => l.bytes)) ||
        (inconsistency === null && everyEndRead(linkLayers.flatMap((l) => l.data.links), documents));
      if (before.equals(after) && linksFit) {
        if (inconsistency !== null) throw unusableFileError(inconsistency);
        const layers = beforeLayers ? [layerOfV1(beforeLayers, this.v1Owner)] : linkLayers.map((l) => l.data);
        return {
          schemaVersion: CURRENT_SCHEMA_VERSION,
          labels: workspace.labels,
          linkTypes: workspace.linkTypes,
          documents,
          links: layers.flatMap((l) => l.links),
          clusterNames: layers.flatMap((l) => l.clusterNames),
          documentStatus: Object.fromEntries(linkLayers.map((l) => [l.data.annotator.id, l.data.documentStatus ?? {}])),
          annotators: linkLayers.map((l) => l.data.annotator),
        };
      }
      lastInconsistency = inconsistency ?? '';
    }
    throw new WorkspaceReadError(
      `${join(this.dir, WORKSPACE_FILE)} changed ${READ_ATTEMPTS} times while the workspace was read (another process is ` +
        `changing it quickly), so no consistent copy could be read; nothing was read. Try again.${lastInconsistency ? ` (${lastInconsistency})` : ''}`,
    );
  }

  /** `workspace.json` as it is on disk (labels, link types, the document index), checked; its problem named when it cannot be used. */
  async readIndex(): Promise<WorkspaceFile> {
    return this.decodeIndex(await this.readIndexBytes()).workspace;
  }

  private async readIndexBytes(): Promise<Buffer> {
    const path = join(this.dir, WORKSPACE_FILE);
    try {
      return await readFile(path);
    } catch (error) {
      throw new WorkspaceReadError(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }

  /** Whose the work of a workspace from before layers is: the layer read (the owner's, when every layer is). */
  private get v1Owner(): string {
    return this.layer === ALL_LAYERS ? OWNER_ANNOTATOR : this.layer;
  }

  private decodeIndex(bytes: Buffer): ReadIndex {
    const path = join(this.dir, WORKSPACE_FILE);
    try {
      if (schemaVersionOf(parseOrNull(bytes)) === SCHEMA_VERSION_BEFORE_LAYERS) {
        const { links, clusterNames, ...workspace } = v1WorkspaceCodec.decode(bytes, path).data;
        return { workspace: { ...workspace, schemaVersion: CURRENT_SCHEMA_VERSION }, beforeLayers: { links, clusterNames } };
      }
      return { workspace: workspaceCodec.decode(bytes, path).data, beforeLayers: null };
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      throw new WorkspaceReadError(`${path}: ${error.reason}. Nothing was read; \`corroborate restore\` puts back its last good backup.`);
    }
  }

  /**
   * One document as the index describes it, or why its files do not match the index (which the
   * caller treats as a change in flight when the index changed meanwhile, and as damage otherwise).
   */
  private async readDocument(meta: DocumentMeta, withText: boolean, beforeLayers: boolean, readLayer: ReadSnapshotOptions['readAnnotationFile']): Promise<DocumentSnapshot | string> {
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
    if (beforeLayers) {
      const annotations = await this.readAnnotationFile(meta, WORKSPACE_LAYOUT.annotationsBeforeLayers(meta.id), null);
      return typeof annotations === 'string' ? annotations : { meta, text, annotations };
    }
    const layers = this.layer === ALL_LAYERS ? await layersOfDocument(this.dir, meta.id) : [this.layer];
    const annotations: Annotation[] = [];
    for (const annotator of layers) {
      const file = WORKSPACE_LAYOUT.annotations(meta.id, annotator);
      const read = readLayer ? await readLayer(workspacePath(this.dir, file), meta, annotator) : await this.readAnnotationFile(meta, file, annotator);
      if (typeof read === 'string') return read;
      annotations.push(...read);
    }
    return this.layer === ALL_LAYERS ? { meta, text, annotations, layers } : { meta, text, annotations };
  }

  /** Every link file read (or the one of the layer read), with its bytes to notice a change. */
  private async readLinkFiles(): Promise<{ bytes: Buffer; data: LinkLayerFile }[]> {
    return (await this.readLinkFileBytes()).map(({ file, bytes }) => {
      try {
        return { bytes, data: linkLayerFileCodec.decode(bytes, workspacePath(this.dir, file)).data };
      } catch (error) {
        if (!(error instanceof StoreFileError)) throw error;
        throw new WorkspaceReadError(`${workspacePath(this.dir, file)}: ${error.reason}. Nothing was read; \`corroborate restore\` puts back its last good backup.`);
      }
    });
  }

  /** The bytes of every link file (or of the one of the layer read), with its path in the workspace. */
  private async readLinkFileBytes(): Promise<{ file: string; bytes: Buffer }[]> {
    const names =
      this.layer === ALL_LAYERS
        ? (await readdir(join(this.dir, WORKSPACE_LAYOUT.linksFolder)).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort()
        : [`${this.layer}.json`];
    const read = [];
    for (const name of names) {
      const file = `${WORKSPACE_LAYOUT.linksFolder}/${name}`;
      const bytes = await readFile(workspacePath(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw new WorkspaceReadError(`${workspacePath(this.dir, file)} cannot be read (${error.code ?? error.message}).`);
      });
      if (bytes !== null) read.push({ file, bytes });
    }
    return read;
  }

  /** One annotation file of a document (`annotator`'s, or null for the one from before layers), or why it does not fit the index. */
  private async readAnnotationFile(meta: DocumentMeta, file: string, annotator: string | null): Promise<Annotation[] | string> {
    const path = workspacePath(this.dir, file);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      // A document stored without an annotation file has none, as the store reads it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      return `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`;
    }
    try {
      const read =
        annotator === null
          ? { ...v1AnnotationCodec.decode(bytes, path).data, annotator: null }
          : annotationFileCodec.decode(bytes, path).data;
      if (read.documentId !== meta.id) return `${path} belongs to document ${read.documentId}, not ${meta.id}.`;
      if (read.contentHash !== meta.contentHash) return `${path} was made for another text of "${meta.title}" (its content hash differs from the index).`;
      if (read.annotator === null) return annotationsOfV1({ ...read, schemaVersion: SCHEMA_VERSION_BEFORE_LAYERS }, this.v1Owner);
      if (read.annotator !== annotator) return `${path} holds the layer of ${read.annotator}, not of ${annotator}.`;
      return read.annotations;
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      return `${path}: ${error.reason}; its annotations would be missing.`;
    }
  }
}

/** Whether both ends of every link are among the annotations read (so no link of the snapshot dangles). */
function everyEndRead(links: readonly Link[], documents: readonly DocumentSnapshot[]): boolean {
  const read = new Set(documents.flatMap((d) => d.annotations.map((a) => `${d.meta.id}/${a.id}`)));
  return links.every((l) => read.has(`${l.source.documentId}/${l.source.annotationId}`) && read.has(`${l.target.documentId}/${l.target.annotationId}`));
}

function sameBytes(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((bytes, i) => bytes.equals(b[i]!));
}

function parseOrNull(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
