import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultLabels, defaultLinkTypes } from '../../shared/model/label-schema.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import type { AnnotationFileV1, WorkspaceFileV1 } from '../../shared/model/workspace-v1.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { fragmentAt } from '../../shared/text/text-quote.js';

/** What a version-1 workspace written for a test holds. */
export interface WorkspaceV1 {
  workspace: WorkspaceFileV1;
  annotationFiles: AnnotationFileV1[];
}

/**
 * For tests: writes a workspace as a build from before layers wrote it (one annotation file per
 * document, the links and cluster names in `workspace.json`, schema version 1): `documents`
 * articles with `perDocument` annotations each, and a link from each article's first annotation to
 * the next article's.
 */
export async function writeWorkspaceV1(dir: string, documents: number, perDocument: number): Promise<WorkspaceV1> {
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations'), { recursive: true });
  const metas: DocumentMeta[] = [];
  const annotationFiles: AnnotationFileV1[] = [];
  for (let d = 0; d < documents; d++) {
    const id = `doc-${String(d).padStart(3, '0')}`;
    const text = Array.from({ length: perDocument + 1 }, (_, i) => `Sentence ${i} of article ${d} says something checkable.`).join(' ');
    const meta: DocumentMeta = {
      id,
      title: `Article ${d}`,
      outlet: null,
      date: null,
      url: null,
      sourceFile: `${id}.txt`,
      contentHash: contentHash(text),
      length: text.length,
      normalisation: { bomRemoved: false, lineEndings: 'none', nfcApplied: false },
      importedAt: '2026-01-01T00:00:00.000Z',
    };
    metas.push(meta);
    const annotations = Array.from({ length: perDocument }, (_, i) => {
      const start = text.indexOf(`Sentence ${i} `);
      return {
        id: `${id}-a${i}`,
        documentId: id,
        labelId: defaultLabels[i % defaultLabels.length]!.id,
        fragments: [fragmentAt(text, { start, end: start + 10 })],
        contentHash: meta.contentHash,
        attributes: {},
        note: i === 0 ? 'checked' : '',
        author: 'editor',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        orphaned: false,
      };
    });
    const file: AnnotationFileV1 = { schemaVersion: 1, documentId: id, contentHash: meta.contentHash, annotations };
    annotationFiles.push(file);
    await writeFile(join(dir, 'documents', `${id}.txt`), text);
    await writeFile(join(dir, 'annotations', `${id}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  const links = metas.slice(1).map((meta, i) => ({
    id: `link-${i}`,
    typeId: 'supports',
    source: { documentId: metas[i]!.id, annotationId: `${metas[i]!.id}-a0` },
    target: { documentId: meta.id, annotationId: `${meta.id}-a0` },
    note: '',
    author: 'editor',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  const clusterNames = [{ id: 'cluster-1', name: 'The claim', canonicalText: 'Sentence 0', members: [`${metas[0]!.id}-a0`], updatedAt: '2026-01-01T00:00:00.000Z' }];
  const workspace: WorkspaceFileV1 = { schemaVersion: 1, labels: [...defaultLabels], linkTypes: [...defaultLinkTypes], documents: metas, links, clusterNames };
  await writeFile(join(dir, 'workspace.json'), `${JSON.stringify(workspace, null, 2)}\n`);
  return { workspace, annotationFiles };
}
