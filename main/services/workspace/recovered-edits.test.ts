import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { Link } from '../../../shared/model/link.js';
import type { AnnotationFile } from '../../../shared/model/workspace.js';
import { makeTempDir } from '../../storage/test-support.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { recoveryDirOf, writeRecoveryFile } from '../../workspace/recovery-file.js';

let root: string;
let remove: () => Promise<void>;
let env: NodeJS.ProcessEnv;
let opened: OpenWorkbench | null = null;
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('recovered'));
  env = { CORROBORATE_APP_DATA: join(root, 'appdata') };
});
afterEach(async () => {
  await opened?.close();
  opened = null;
  await remove();
});

/**
 * A workspace with the sample articles and one saved annotation, closed again; then edits to it
 * kept in a recovery file the way a shutdown on a read-only disk keeps them: a renamed label, a new
 * annotation with a link to the saved one, and annotations of an article no longer listed.
 */
async function workspaceWithRecoveredEdits() {
  const workspaceDir = join(root, 'ws');
  const first = await openWorkbench({ workspaceDir, env });
  await first.service.addSampleArticles();
  const documentId = (await first.service.listDocuments())[0]!.id;
  const saved = await first.service.createAnnotation({ documentId, labelId: 'fact', ranges: [{ start: 17, end: 31 }] });
  // Kept as a build from before layers kept it: everybody's links in the workspace file, annotation files without their annotator.
  const workspace = { ...structuredClone(first.store.workspace), links: [] as Omit<Link, 'annotator'>[] };
  const annotations = structuredClone(await first.store.readAnnotations(documentId)) as Annotation[];
  expect((await first.close()).messages).toEqual([]);

  const unsaved: Annotation = { ...saved, id: 'recovered-1', labelId: 'claim', fragments: [{ ...saved.fragments[0]!, start: 36, end: 51, exact: 'Valtteri Bottas' }] };
  workspace.labels[0]!.name = 'Assertion';
  workspace.links.push({
    id: 'link-1',
    typeId: 'supports',
    source: { documentId, annotationId: saved.id },
    target: { documentId, annotationId: unsaved.id },
    note: '',
    author: 'editor',
    createdAt: saved.createdAt,
    updatedAt: saved.createdAt,
  });
  const annotationFile = (id: string, list: Annotation[]) =>
    ({ schemaVersion: 1, documentId: id, contentHash: saved.contentHash, annotations: list.map(({ annotator: _, ...a }) => a) }) as unknown as AnnotationFile;
  const file = await writeRecoveryFile(recoveryDirOf(env), {
    workspaceDir,
    reason: "EROFS: read-only file system, open 'annotations/x.json'",
    workspace,
    annotationFiles: [annotationFile(documentId, [...annotations, unsaved]), annotationFile('gone-article', [])],
    linkFile: null,
  });
  return { workspaceDir, documentId, file };
}

describe('edits kept in a recovery file', () => {
  it('are offered when the workspace opens, and restoring saves them through the store and removes the file', async () => {
    const { workspaceDir, documentId, file } = await workspaceWithRecoveredEdits();
    opened = await openWorkbench({ workspaceDir, env });
    const { recoveredEdits } = await opened.api.getWorkspace();
    const title = (await opened.service.listDocuments())[0]!.title;
    expect(recoveredEdits).toEqual([
      {
        id: file.slice(recoveryDirOf(env).length + 1),
        file,
        savedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        reason: "EROFS: read-only file system, open 'annotations/x.json'",
        documents: [
          { documentId, title, annotations: 2 },
          { documentId: 'gone-article', title: 'gone-article', annotations: 0 },
        ],
        workspaceChanges: true,
      },
    ]);

    expect(await opened.api.restoreRecoveredEdits({ id: recoveredEdits[0]!.id })).toEqual({ restoredFiles: 3, skippedDocuments: ['gone-article'] });
    expect(await readdir(recoveryDirOf(env))).toEqual([]);
    await opened.close();
    opened = await openWorkbench({ workspaceDir, env }); // read back from disk
    const info = await opened.api.getWorkspace();
    expect(info.recoveredEdits).toEqual([]);
    expect(info.labels[0]!.name).toBe('Assertion');
    expect((await opened.api.listLinks({})).map((l) => [l.source.text, l.target.text])).toEqual([['George Russell', 'Valtteri Bottas']]);
    expect((await opened.api.openDocument({ documentId })).annotations.map((a) => a.fragments[0]!.exact)).toEqual(['George Russell', 'Valtteri Bottas']);
  });

  it('are removed unrestored by discarding, and files of other workspaces or not recovery files are left alone', async () => {
    const { workspaceDir, documentId } = await workspaceWithRecoveredEdits();
    const recoveryDir = recoveryDirOf(env);
    await writeRecoveryFile(recoveryDir, { workspaceDir: join(root, 'other'), reason: 'ENOSPC', workspace: null, annotationFiles: [], linkFile: null });
    await writeFile(join(recoveryDir, 'notes.json'), '{"not": "a recovery file"}');
    opened = await openWorkbench({ workspaceDir, env });
    const [offered, ...more] = (await opened.api.getWorkspace()).recoveredEdits;
    expect(more).toEqual([]);
    expect(await opened.api.discardRecoveredEdits({ id: offered!.id })).toEqual({ discarded: true });
    expect((await readdir(recoveryDir)).filter((name) => name.startsWith('ws-'))).toEqual([]);
    expect(await readdir(recoveryDir)).toHaveLength(2);
    expect((await opened.api.getWorkspace()).labels[0]!.name).toBe('Claim');
    expect((await opened.api.openDocument({ documentId })).annotations).toHaveLength(1);
    await expect(opened.api.restoreRecoveredEdits({ id: offered!.id })).rejects.toThrow(/no longer there/);
  });

  it('bring back my document statuses with my links, for the articles still listed', async () => {
    const workspaceDir = join(root, 'ws');
    const first = await openWorkbench({ workspaceDir, env });
    await first.service.addSampleArticles();
    const documentId = (await first.service.listDocuments())[0]!.id;
    await first.service.setMyDocumentStatus({ documentId, status: 'in-progress' });
    // Marked done while the disk refused every write: kept in the recovery file, with a status of an article gone since.
    const linkFile = structuredClone({ schemaVersion: 2, annotator: first.store.annotator, ...first.store.linkLayer });
    linkFile.documentStatus = { [documentId]: { status: 'done', updatedAt: '2025-03-01T10:00:00.000Z' }, 'gone-article': { status: 'done', updatedAt: '2025-03-01T10:00:00.000Z' } };
    expect((await first.close()).messages).toEqual([]);
    await writeRecoveryFile(recoveryDirOf(env), { workspaceDir, reason: 'EROFS', workspace: null, annotationFiles: [], linkFile });
    opened = await openWorkbench({ workspaceDir, env });
    const [offered] = (await opened.api.getWorkspace()).recoveredEdits;
    await opened.api.restoreRecoveredEdits({ id: offered!.id });
    expect(opened.store.linkLayer.documentStatus).toEqual({ [documentId]: { status: 'done', updatedAt: '2025-03-01T10:00:00.000Z' } });
    expect((await opened.api.listMyAssignments()).documents[0]).toMatchObject({ documentId, myStatus: 'done' });
  });
});
