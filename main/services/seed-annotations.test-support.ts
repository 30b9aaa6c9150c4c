import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { WorkbenchApi } from '../../shared/api/contract/index.js';
import type { Annotation } from '../../shared/model/annotation.js';
import type { LinkEnd } from '../../shared/model/link.js';
import { openWorkbench, type OpenWorkbench } from './open-workbench.js';

/** Annotates the first occurrence of `exact` in the sample article whose file name starts with `seed`. */
export async function annotateSeed(api: WorkbenchApi, seed: string, exact: string, labelId = 'quote'): Promise<Annotation> {
  for (const doc of await api.listDocuments()) {
    const opened = await api.openDocument({ documentId: doc.id });
    if (!opened.meta.sourceFile?.startsWith(seed)) continue;
    const start = opened.text.indexOf(exact);
    if (start < 0) throw new Error(`${exact} is not in ${seed}`);
    return api.createAnnotation({ documentId: doc.id, labelId, ranges: [{ start, end: start + exact.length }] });
  }
  throw new Error(`there is no sample article ${seed}`);
}

/** The link end that points at an annotation. */
export function endOf(annotation: Annotation): LinkEnd {
  return { documentId: annotation.documentId, annotationId: annotation.id };
}

/**
 * Gives each test of the calling file a fresh workspace holding the sample articles, closed and
 * removed afterwards; read the workbench through the returned getter.
 */
export function useSeededWorkbench(prefix: string): () => OpenWorkbench {
  let root: string;
  let workbench: OpenWorkbench;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
    workbench = await openWorkbench({ workspaceDir: join(root, 'ws') });
    await workbench.service.addSampleArticles();
  });
  afterEach(async () => {
    await workbench.store.close();
    await rm(root, { recursive: true, force: true });
  });
  return () => workbench;
}
