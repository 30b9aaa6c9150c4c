import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../../shared/model/annotation.js';
import { OWNER_ANNOTATOR } from '../../shared/model/annotator.js';
import type { Link } from '../../shared/model/link.js';
import { AnnotationFileSchema, LinkLayerFileSchema, type LinkLayerFile } from '../../shared/model/workspace.js';

/** For tests: one annotator's link file as it is on disk (empty when they have none). */
export async function readStoredLinkLayer(workspaceDir: string, annotator = OWNER_ANNOTATOR): Promise<Pick<LinkLayerFile, 'links' | 'clusterNames'>> {
  try {
    return LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', `${annotator}.json`), 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { links: [], clusterNames: [] };
    throw error;
  }
}

/** For tests: one annotator's links as they are on disk. */
export async function readStoredLinks(workspaceDir: string, annotator = OWNER_ANNOTATOR): Promise<Link[]> {
  return (await readStoredLinkLayer(workspaceDir, annotator)).links;
}

/** For tests: one annotator's annotations of a document as they are on disk. */
export async function readStoredLayer(workspaceDir: string, documentId: string, annotator = OWNER_ANNOTATOR): Promise<Annotation[]> {
  return AnnotationFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'annotations', documentId, `${annotator}.json`), 'utf8'))).annotations;
}
