import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { openWorkbench } from '../services/open-workbench.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function seededWorkspace(dir: string) {
  const opened = await openWorkbench({ workspaceDir: dir, holder: 'browser host' });
  await opened.service.addSampleArticles();
  return opened;
}

describe('the workspace store', () => {
  it('lets an import under way finish whole before a sync changes the files on disk', async () => {
    const { store, service } = await seededWorkspace(join(root, 'ws'));
    const text = 'A new article arriving while a sync starts.\n';
    const meta = { ...store.findDocument((await service.listDocuments())[0]!.id)!, id: 'arriving', title: 'Arriving', contentHash: contentHash(text), length: text.length };
    const importing = store.commitDocuments([{ meta, text, annotations: [] }]);
    const seenBySync = await store.whileFilesChange(async () => {
      const listed = JSON.parse(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')) as { documents: { id: string }[] };
      return { result: listed.documents.some((d) => d.id === 'arriving'), changed: [] };
    });
    await importing;
    // The sync saw the import whole (its text and its index entry), never the text without the entry.
    expect(seenBySync).toBe(true);
    await store.close();
  });

  it('lets one process hold a workspace at a time, saying who holds it', async () => {
    const dir = join(root, 'ws');
    const first = await seededWorkspace(dir);
    await expect(openWorkbench({ workspaceDir: dir, holder: 'cli' })).rejects.toThrow(
      /This workspace is open elsewhere \(browser host, pid \d+, since /,
    );
    await first.store.close();
    const second = await openWorkbench({ workspaceDir: dir, holder: 'cli' });
    expect(await second.service.listDocuments()).toHaveLength(5);
    await second.store.close();
  });

  it('opens a workspace with a corrupt workspace.json read-only, naming the file, bytes untouched', async () => {
    const dir = join(root, 'ws');
    await (await openWorkbench({ workspaceDir: dir })).store.close();
    const broken = '{"schemaVersion": 1, "labels": [';
    await writeFile(join(dir, 'workspace.json'), broken);
    const { api, store } = await openWorkbench({ workspaceDir: dir });
    const info = await api.getWorkspace();
    expect(info.readOnly).toBe(true);
    expect(info.readOnlyReason).toMatch(/workspace\.json/);
    expect(info.problems).toEqual([expect.objectContaining({ file: 'workspace.json', kind: 'unparseable' })]);
    const refused = await api.addSampleArticles().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkbenchError);
    expect(refused).toMatchObject({ code: 'read-only' });
    await store.close();
    expect(await readFile(join(dir, 'workspace.json'), 'utf8')).toBe(broken);
  });

  it('opens a workspace written by a newer version read-only', async () => {
    const dir = join(root, 'ws');
    await (await openWorkbench({ workspaceDir: dir })).store.close();
    const file = JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8'));
    file.schemaVersion = 99;
    await writeFile(join(dir, 'workspace.json'), JSON.stringify(file));
    const { api, store } = await openWorkbench({ workspaceDir: dir });
    const info = await api.getWorkspace();
    expect(info.readOnly).toBe(true);
    expect(info.problems[0]).toMatchObject({ file: 'workspace.json', kind: 'newer-version' });
    await store.close();
  });

  it('restores the last good backup of a damaged file', async () => {
    const dir = join(root, 'ws');
    const first = await seededWorkspace(dir);
    const doc = (await first.service.listDocuments())[0]!;
    await first.service.createAnnotation({ documentId: doc.id, labelId: 'claim', ranges: [{ start: 1, end: 5 }] });
    await first.store.close();
    await writeFile(join(dir, 'workspace.json'), '\u0000\u0000\u0000');
    const second = await openWorkbench({ workspaceDir: dir });
    const [problem] = (await second.api.getWorkspace()).problems;
    expect(problem).toMatchObject({ file: 'workspace.json', hasGoodBackup: true });
    const { restoredFrom } = await second.api.restoreLastGoodBackup({ file: 'workspace.json' });
    expect(restoredFrom).toBeTruthy();
    const info = await second.api.getWorkspace();
    expect(info.readOnly).toBe(false);
    expect((await second.api.listDocuments()).length).toBeGreaterThan(0);
    await second.store.close();
  });

  it('keeps a document whose annotation file is damaged read-only while the rest stays editable', async () => {
    const dir = join(root, 'ws');
    const first = await seededWorkspace(dir);
    const [a, b] = await first.service.listDocuments();
    await first.store.close();
    await writeFile(join(dir, 'annotations', a!.id, 'owner.json'), 'null');
    const { api, store } = await openWorkbench({ workspaceDir: dir });
    expect((await api.openDocument({ documentId: a!.id })).annotations).toEqual([]);
    await expect(api.createAnnotation({ documentId: a!.id, labelId: 'fact', ranges: [{ start: 0, end: 3 }] })).rejects.toMatchObject({
      code: 'read-only',
    });
    await expect(api.createAnnotation({ documentId: b!.id, labelId: 'fact', ranges: [{ start: 0, end: 3 }] })).resolves.toMatchObject({
      labelId: 'fact',
    });
    expect((await api.getWorkspace()).problems).toEqual([expect.objectContaining({ file: `annotations/${a!.id}/owner.json` })]);
    await store.close();
    expect(await readFile(join(dir, 'annotations', a!.id, 'owner.json'), 'utf8')).toBe('null');
  });

  it('writes the same bytes for the same data', async () => {
    const dir = join(root, 'ws');
    const opened = await seededWorkspace(dir);
    const before = await readFile(join(dir, 'workspace.json'), 'utf8');
    await opened.store.updateWorkspace(() => undefined);
    expect(await readFile(join(dir, 'workspace.json'), 'utf8')).toBe(before);
    await opened.store.close();
  });
});
