import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../services/open-workbench.js';
import { ReadOnlyWorkspace, WorkspaceReadError } from './read-only-workspace.js';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-read-only-'));
  dir = join(root, 'ws');
  const { api, store } = await openWorkbench({ workspaceDir: dir, holder: 'desktop app' });
  await api.addSampleArticles();
  const [first] = await api.listDocuments();
  await api.createAnnotation({ documentId: first!.id, labelId: 'claim', ranges: [{ start: 17, end: 31 }] });
  await store.close();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every path under `folder` with its size and modification time. */
async function listing(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return Promise.all(entries.sort().map(async (e) => `${e} ${(await stat(join(folder, e))).size} ${(await stat(join(folder, e))).mtimeMs}`));
}

describe('ReadOnlyWorkspace', () => {
  it('reads the workspace while another process holds its lock, and changes nothing on disk', async () => {
    const holder = await openWorkbench({ workspaceDir: dir, holder: 'desktop app' });
    try {
      const before = await listing(dir);
      const snapshot = await (await ReadOnlyWorkspace.open(dir)).readSnapshot();
      expect(snapshot.documents).toHaveLength(5);
      expect(snapshot.documents.flatMap((d) => d.annotations)).toHaveLength(1);
      expect(snapshot.documents[0]!.text).toBe(await holder.store.readText(snapshot.documents[0]!.meta.id));
      expect(await listing(dir)).toEqual(before);
    } finally {
      await holder.store.close();
    }
  });

  it('refuses a folder that is not a workspace without creating anything', async () => {
    await expect(ReadOnlyWorkspace.open(join(root, 'nope'))).rejects.toThrow(`${join(root, 'nope')} is not a Corroborate workspace (the folder does not exist)`);
    expect(await readdir(root)).toEqual(['ws']);
  });

  it('starts the read again when workspace.json changes meanwhile, and fails saying so when it keeps changing', async () => {
    const workspace = await ReadOnlyWorkspace.open(dir);
    const path = join(dir, 'workspace.json');
    const original = await readFile(path, 'utf8');
    const renamed = (title: string) => {
      const data = JSON.parse(original) as { documents: { title: string }[] };
      data.documents[0]!.title = title;
      // Written whole and in place at once, as the writer's rename makes it appear.
      writeFileSync(path, JSON.stringify(data));
    };
    let changes = 0;
    const snapshot = await workspace.readSnapshot({ texts: false, onDocumentRead: () => changes++ === 0 && renamed('Renamed meanwhile') });
    expect(snapshot.documents[0]!.meta.title).toBe('Renamed meanwhile');

    // Every document read rewrites the index, so no two reads of it ever agree.
    let flips = 0;
    const failure = await workspace.readSnapshot({ texts: false, onDocumentRead: () => renamed(`Title ${++flips}`) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkspaceReadError);
    expect((failure as Error).message).toContain(`${path} changed 5 times while the workspace was read`);
  });

  it('names an annotation file that does not belong to its document, and one that does not parse', async () => {
    const snapshot = await (await ReadOnlyWorkspace.open(dir)).readSnapshot({ texts: false });
    const [first, second] = snapshot.documents.map((d) => d.meta.id);
    const annotationFile = (id: string) => join(dir, 'annotations', id, 'owner.json');
    await writeFile(annotationFile(second!), await readFile(annotationFile(first!)));
    await expect((await ReadOnlyWorkspace.open(dir)).readSnapshot()).rejects.toThrow(`${annotationFile(second!)} belongs to document ${first}, not ${second}.`);
    await writeFile(annotationFile(second!), '{"schemaVersion": 1, "documentId": ');
    await expect((await ReadOnlyWorkspace.open(dir)).readSnapshot()).rejects.toThrow(
      `${annotationFile(second!)}: the file ends before its JSON is complete (cut off after 35 bytes?); its annotations would be missing. Run \`corroborate check\``,
    );
  });

  it('leaves no read of a document running when it stops early (a document it cannot use)', async () => {
    const workspace = await ReadOnlyWorkspace.open(dir);
    const [first] = (await workspace.readSnapshot({ texts: false })).documents.map((d) => d.meta.id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let running = 0;
    const failure = workspace.readSnapshot({
      texts: false,
      readAnnotationFile: async (path, meta) => {
        if (meta.id === first) {
          release();
          return `${path} is not usable.`;
        }
        running++;
        await gate;
        // Still reading after the first document was found unusable.
        await readFile(join(dir, 'workspace.json'));
        await readFile(join(dir, 'workspace.json'));
        running--;
        return [];
      },
    });
    await expect(failure).rejects.toThrow(WorkspaceReadError);
    expect(running, 'the documents read ahead are done').toBe(0);
  });

  it('refuses a workspace written by a newer version, naming the file, and leaves it as it was', async () => {
    const path = join(dir, 'workspace.json');
    const newer = (await readFile(path, 'utf8')).replace('"schemaVersion": 2', '"schemaVersion": 99');
    await writeFile(path, newer);
    await expect((await ReadOnlyWorkspace.open(dir)).readSnapshot()).rejects.toThrow(`${path}: it was written by a newer version of Corroborate (schema version 99`);
    expect(await readFile(path, 'utf8')).toBe(newer);
  });
});
