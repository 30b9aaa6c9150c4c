import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import type { Annotation } from '../../shared/model/annotation.js';
import { AnnotatorIdSchema, type AnnotatorIdentity } from '../../shared/model/annotator.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, LinkLayerFileSchema, type LinkLayerFile } from '../../shared/model/workspace.js';
import { JsonFileCodec, StoreFileError } from '../storage/index.js';
import { WORKSPACE_LAYOUT, workspacePath } from './workspace-layout.js';

const versioning = { currentVersion: CURRENT_SCHEMA_VERSION };
/** Reads one annotator's annotation file of one document. */
export const annotationFileCodec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning });
/** Reads one annotator's link file. */
export const linkLayerFileCodec = new JsonFileCodec({ schema: LinkLayerFileSchema, versioning });

/**
 * Another annotator's annotations of a document, read from disk as they are now (they are never
 * written by this process, so nothing is cached): none when they have no file for it. A file that
 * cannot be used, or belongs to another document, text or annotator, is refused naming it.
 */
export async function readLayerAnnotations(dir: string, meta: DocumentMeta, annotator: string): Promise<Annotation[]> {
  const file = WORKSPACE_LAYOUT.annotations(meta.id, annotator);
  let bytes: Buffer;
  try {
    bytes = await readFile(workspacePath(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new WorkbenchError('storage', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  try {
    const data = annotationFileCodec.decode(bytes, file).data;
    const wrong =
      data.documentId !== meta.id
        ? `it belongs to document ${data.documentId}`
        : data.annotator !== annotator || data.annotations.some((a) => a.annotator !== annotator)
          ? `it holds annotations of another annotator than ${annotator}`
          : data.contentHash !== meta.contentHash
            ? `it was made for another text of "${meta.title}"`
            : null;
    if (wrong) throw new WorkbenchError('storage', `${file} cannot be shown: ${wrong}.`);
    return data.annotations;
  } catch (error) {
    if (error instanceof StoreFileError) throw new WorkbenchError('storage', `${file} cannot be shown: ${error.reason}.`);
    throw error;
  }
}

/** The annotators who have a file for a document, by id, sorted. */
export async function layersOfDocument(dir: string, documentId: string): Promise<string[]> {
  const names = await readdir(workspacePath(dir, WORKSPACE_LAYOUT.documentLayers(documentId))).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => AnnotatorIdSchema.safeParse(id).success)
    .sort();
}

/**
 * Every annotator of a workspace as their link files name them (each annotator's file is written
 * with their first edit), sorted by id. A link file that cannot be read still names its annotator
 * (by its file name).
 */
export async function readAnnotatorIdentities(dir: string): Promise<AnnotatorIdentity[]> {
  const names = await readdir(join(dir, WORKSPACE_LAYOUT.linksFolder)).catch(() => [] as string[]);
  const identities: AnnotatorIdentity[] = [];
  for (const name of names.sort()) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (!AnnotatorIdSchema.safeParse(id).success) continue;
    const file = await readLinkLayerFile(dir, id).catch(() => null);
    identities.push(file && file.annotator.id === id ? file.annotator : { id, name: id, email: '' });
  }
  return identities;
}

/** One annotator's link file as it is on disk, or null when they have none. Throws `StoreFileError` when it cannot be used. */
export async function readLinkLayerFile(dir: string, annotator: string): Promise<LinkLayerFile | null> {
  const file = WORKSPACE_LAYOUT.links(annotator);
  let bytes: Buffer;
  try {
    bytes = await readFile(workspacePath(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return linkLayerFileCodec.decode(bytes, file).data;
}
