import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import { AnnotationFileSchema, WorkspaceFileSchema } from '../../shared/model/workspace.js';
import { importPlainText } from '../../shared/import/plain-text.js';
import { openWorkbench } from './open-workbench.js';
import { sampleArticlesDir } from './workspace/sample-articles.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-service-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('opening workspaces', () => {
  it('creates the default workspace in the app-data folder with the five sample articles', async () => {
    const env = { CORROBORATE_APP_DATA: join(root, 'appdata') };
    const { service, workspaceDir, isDefault } = await openWorkbench({ env });
    expect(isDefault).toBe(true);
    expect(workspaceDir).toBe(join(root, 'appdata', 'workspace'));
    const docs = await service.listDocuments();
    expect(docs).toHaveLength(5);
    expect(docs.map((d) => d.title)).toContain('Hamilton offers words of support for Russell');
    // The seed's " date 2024-01-01 " prefix is not part of the title but gives the date.
    const first = docs[0]!;
    expect(first.title.startsWith('George Russell and Valtteri Bottas had a horrific crash')).toBe(true);
    expect(first.date).toBe('2024-01-01');
    expect((await service.getWorkspace()).canAddSampleArticles).toBe(false);
  });

  it('leaves the sample files byte for byte as they were', async () => {
    const dir = sampleArticlesDir();
    const before = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f))));
    const { service } = await openWorkbench({ env: { CORROBORATE_APP_DATA: join(root, 'appdata') } });
    const doc = (await service.listDocuments())[0]!;
    await service.createAnnotation({ documentId: doc.id, labelId: 'claim', ranges: [{ start: 17, end: 31 }] });
    const after = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f))));
    expect(after).toEqual(before);
  });

  it('creates a named folder empty and offers the samples', async () => {
    const { service, isDefault } = await openWorkbench({ workspaceDir: join(root, 'new', 'ws') });
    expect(isDefault).toBe(false);
    expect(await service.listDocuments()).toEqual([]);
    expect((await service.getWorkspace()).canAddSampleArticles).toBe(true);
    expect(await service.addSampleArticles()).toEqual({ added: 5, alreadyPresent: 0 });
    expect(await service.addSampleArticles()).toEqual({ added: 0, alreadyPresent: 5 });
    expect((await service.getWorkspace()).canAddSampleArticles).toBe(false);
  });

  it('refuses a non-empty folder that is not a workspace, and leaves it alone', async () => {
    const dir = join(root, 'photos');
    await mkdir(dir);
    await writeFile(join(dir, 'holiday.jpg'), 'not a workspace');
    await expect(openWorkbench({ workspaceDir: dir })).rejects.toThrow(/is not a Corroborate workspace/);
    expect(await readdir(dir)).toEqual(['holiday.jpg']);
  });
});

describe('annotations', () => {
  async function workspaceWithSeeds() {
    const opened = await openWorkbench({ workspaceDir: join(root, 'ws') });
    await opened.service.addSampleArticles();
    return opened;
  }

  it('stores a span with UTF-16 offsets, its quote and the content hash, and finds it again after reopening', async () => {
    const { service, store } = await workspaceWithSeeds();
    const doc = (await service.listDocuments()).find((d) => d.title.startsWith('Hamilton'))!;
    const { text, meta } = await service.openDocument({ documentId: doc.id });
    const exact = 'Yesterday wasn’t my proudest day,';
    const start = text.indexOf(exact);
    const created = await service.createAnnotation({
      documentId: doc.id,
      labelId: 'quote',
      ranges: [{ start, end: start + exact.length }],
    });
    expect(created.fragments[0]).toMatchObject({ start, end: start + exact.length, exact });
    expect(created.fragments[0]!.prefix).toBe(text.slice(start - 32, start));
    expect(created.contentHash).toBe(meta.contentHash);
    await store.close();

    const reopened = await openWorkbench({ workspaceDir: join(root, 'ws') });
    const again = await reopened.service.openDocument({ documentId: doc.id });
    expect(again.annotations).toEqual([created]);
    expect(again.text.slice(again.annotations[0]!.fragments[0]!.start, again.annotations[0]!.fragments[0]!.end)).toBe(exact);
    expect((await reopened.service.getStats()).annotationsByLabel).toEqual({ claim: 0, quote: 1, fact: 0 });
  });

  it('writes per-document files that validate, and one edit touches only its document', async () => {
    const { service, store } = await workspaceWithSeeds();
    const [a, b] = await service.listDocuments();
    const before = await readFile(join(root, 'ws', 'annotations', b!.id, 'owner.json'), 'utf8');
    await service.createAnnotation({ documentId: a!.id, labelId: 'fact', ranges: [{ start: 0, end: 10 }] });
    await store.flush();
    const fileA = JSON.parse(await readFile(join(root, 'ws', 'annotations', a!.id, 'owner.json'), 'utf8'));
    expect(AnnotationFileSchema.parse(fileA).annotations).toHaveLength(1);
    expect(await readFile(join(root, 'ws', 'annotations', b!.id, 'owner.json'), 'utf8')).toBe(before);
    const workspace = JSON.parse(await readFile(join(root, 'ws', 'workspace.json'), 'utf8'));
    expect(WorkspaceFileSchema.parse(workspace).documents).toHaveLength(5);
    expect(await readFile(join(root, 'ws', 'documents', `${a!.id}.txt`), 'utf8')).toBe(
      (await service.openDocument({ documentId: a!.id })).text,
    );
  });

  it('stores discontinuous spans as one annotation with fragments in document order', async () => {
    const { service } = await workspaceWithSeeds();
    const doc = (await service.listDocuments())[1]!;
    const created = await service.createAnnotation({
      documentId: doc.id,
      labelId: 'quote',
      ranges: [
        { start: 40, end: 50 },
        { start: 10, end: 20 },
      ],
    });
    expect(created.fragments.map((f) => [f.start, f.end])).toEqual([
      [10, 20],
      [40, 50],
    ]);
  });

  it('refuses bad ranges and unknown labels with clear errors', async () => {
    const { service } = await workspaceWithSeeds();
    const doc = (await service.listDocuments())[0]!;
    const attempt = (labelId: string, start: number, end: number) =>
      service.createAnnotation({ documentId: doc.id, labelId, ranges: [{ start, end }] });
    await expect(attempt('claim', 0, doc.length + 1)).rejects.toThrow(/not inside a text of length/);
    await expect(attempt('opinion', 0, 5)).rejects.toThrow(/no label "opinion"/);
    await expect(
      service.createAnnotation({ documentId: doc.id, labelId: 'claim', ranges: [{ start: 0, end: 10 }, { start: 5, end: 12 }] }),
    ).rejects.toThrow(/must not overlap/);
    await expect(service.openDocument({ documentId: 'missing' })).rejects.toBeInstanceOf(WorkbenchError);
  });

  it('refuses a range that would split an emoji, and stores one around it', async () => {
    const { service } = await openWorkbench({ workspaceDir: join(root, 'emoji') });
    const article = importPlainText('emoji.txt', 'Fans 👍🏽 cheered\r\nThe cafe\u0301 said שלום.\r\n');
    const result = await service.addArticle(article);
    const id = 'added' in result ? result.added.id : result.alreadyPresent.id;
    const { text } = await service.openDocument({ documentId: id });
    expect(text).toBe('Fans 👍🏽 cheered\nThe café said שלום.\n');
    await expect(service.createAnnotation({ documentId: id, labelId: 'fact', ranges: [{ start: 6, end: 10 }] })).rejects.toThrow(
      /splits a character/,
    );
    const created = await service.createAnnotation({ documentId: id, labelId: 'fact', ranges: [{ start: 5, end: 9 }] });
    expect(created.fragments[0]!.exact).toBe('👍🏽');
  });

  it('deletes an annotation, and deleting it again says it no longer exists', async () => {
    const { service, store } = await workspaceWithSeeds();
    const doc = (await service.listDocuments())[0]!;
    const created = await service.createAnnotation({ documentId: doc.id, labelId: 'claim', ranges: [{ start: 1, end: 5 }] });
    expect(await service.deleteAnnotation({ documentId: doc.id, annotationId: created.id })).toEqual({ deletedLinks: 0, removedLinks: [] });
    await store.close();
    const reopened = await openWorkbench({ workspaceDir: join(root, 'ws') });
    expect((await reopened.service.openDocument({ documentId: doc.id })).annotations).toEqual([]);
    await expect(service.deleteAnnotation({ documentId: doc.id, annotationId: created.id })).rejects.toThrow(/no longer exists/);
  });

  it('keeps every concurrent edit when many arrive at once', async () => {
    const { service, store } = await workspaceWithSeeds();
    const doc = (await service.listDocuments())[2]!;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        service.createAnnotation({ documentId: doc.id, labelId: 'fact', ranges: [{ start: i, end: i + 3 }] }),
      ),
    );
    await store.close();
    const reopened = await openWorkbench({ workspaceDir: join(root, 'ws') });
    const { annotations } = await reopened.service.openDocument({ documentId: doc.id });
    expect(annotations.map((a) => a.fragments[0]!.start)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
