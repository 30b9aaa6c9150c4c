import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../../shared/formats/exported-file.js';
import { buildFixtureSnapshot } from '../../../shared/formats/test-fixtures.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { fixtureWorkspace, workspaceHolding } from './export.test-support.js';
import { EXPORT_MANIFEST_FILE } from './export-manifest.js';
import { exportToFolder } from './export-to-folder.js';
import { ExportCancelledError, writeExportFolder } from './write-export-folder.js';

let root: string;
const open: OpenWorkbench[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-export-'));
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

async function fixture(): Promise<OpenWorkbench> {
  const workbench = await fixtureWorkspace(join(root, 'ws'));
  open.push(workbench);
  return workbench;
}

/** Names in `root` left by an export's temp folders. */
async function leftovers(): Promise<string[]> {
  return (await readdir(root)).filter((n) => n.endsWith('.export-tmp') || n.endsWith('.export-old'));
}

describe('exporting into a folder', () => {
  it('says what it wrote: every file with its size, the counts, and the offset unit', async () => {
    const { store } = await fixture();
    const summary = await exportToFolder(store, { format: 'brat', destination: join(root, 'out') });
    expect(summary).toMatchObject({ format: 'brat', offsetUnit: 'Unicode code points', destination: join(root, 'out'), documents: 3, annotations: 16, links: 7, leftOut: [] });
    expect(summary.files).toHaveLength(3 * 2 + 3);
    for (const file of summary.files) expect((await readFile(join(root, 'out', file.path))).length).toBe(file.bytes);
    expect(summary.totalBytes).toBe(summary.files.reduce((s, f) => s + f.bytes, 0));
    expect(summary.notes.join(' ')).toContain('cross-document-links.tsv');
  });

  it('lists what the format leaves out and why: an orphaned annotation and its link', async () => {
    const snapshot = buildFixtureSnapshot();
    const c = snapshot.documents[2]!;
    c.annotations[0] = { ...c.annotations[0]!, orphaned: true };
    const workbench = await workspaceHolding(join(root, 'ws'), snapshot);
    open.push(workbench);
    const summary = await exportToFolder(workbench.store, { format: 'w3c', destination: join(root, 'out') });
    expect(summary.annotations).toBe(15);
    expect(summary.leftOut).toEqual([
      { kind: 'annotation', id: 'c1000000-0000-4000-8000-000000000001', documentId: c.meta.id, documentTitle: 'wire/police-statement.txt', reason: 'it is orphaned: its quote was not found in the current text' },
      { kind: 'link', id: '11111111-0000-4000-8000-000000000003', documentId: snapshot.documents[1]!.meta.id, documentTitle: 'Riverton: officials revise toll', reason: 'it links annotation c1000000-0000-4000-8000-000000000001, which is left out' },
      { kind: 'link', id: '11111111-0000-4000-8000-000000000007', documentId: c.meta.id, documentTitle: 'wire/police-statement.txt', reason: 'it links annotation c1000000-0000-4000-8000-000000000001, which is left out' },
    ]);
    const written = await readFile(join(root, 'out', 'annotations.jsonld'), 'utf8');
    expect(written).not.toContain('c1000000-0000-4000-8000-000000000001');
    // The native export keeps everything.
    expect((await exportToFolder(workbench.store, { format: 'native', destination: join(root, 'native') })).leftOut).toEqual([]);
  });

  it('exports only the selected documents or labels', async () => {
    const { store } = await fixture();
    const [a] = store.workspace.documents;
    const byDocument = await exportToFolder(store, { format: 'jsonl', destination: join(root, 'one'), scope: { documentIds: [a!.id] } });
    expect(byDocument).toMatchObject({ documents: 1, annotations: 10, links: 2 });
    const byLabel = await exportToFolder(store, { format: 'csv', destination: join(root, 'quotes'), scope: { labelIds: ['quote'] } });
    expect(byLabel).toMatchObject({ documents: 3, annotations: 5, links: 1 });
    const csv = await readFile(join(root, 'quotes', 'annotations.csv'), 'utf8');
    expect(csv.match(/,quote,Quote,/g)).toHaveLength(5);
    expect(csv).not.toMatch(/,(claim|fact),(Claim|Fact),/);
    await expect(exportToFolder(store, { format: 'csv', destination: join(root, 'x'), scope: { labelIds: ['opinion'] } })).rejects.toThrow('There is no label "opinion"');
  });

  it('refuses a non-empty destination (leaving it untouched) unless it is an earlier export of ours and replacing it is asked; an empty one is used', async () => {
    const { store } = await fixture();
    const out = join(root, 'out');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine');
    await expect(exportToFolder(store, { format: 'w3c', destination: out, overwrite: true })).rejects.toThrow(`${out} already exists and is not an export made by Corroborate`);
    expect(await readdir(out)).toEqual(['keep.txt']);
    const earlier = join(root, 'earlier');
    await exportToFolder(store, { format: 'csv', destination: earlier });
    expect(JSON.parse(await readFile(join(earlier, EXPORT_MANIFEST_FILE), 'utf8'))).toMatchObject({
      kind: 'corroborate-export',
      format: 'csv',
      files: [{ path: 'documents.csv' }, { path: 'annotations.csv' }, { path: 'links.csv' }],
    });
    await expect(exportToFolder(store, { format: 'w3c', destination: earlier })).rejects.toThrow(`${earlier} already exists and is not empty`);
    await exportToFolder(store, { format: 'w3c', destination: earlier, overwrite: true });
    expect((await readdir(earlier)).sort()).toEqual([EXPORT_MANIFEST_FILE, 'annotations.jsonld']);
    await mkdir(join(root, 'empty'));
    await exportToFolder(store, { format: 'w3c', destination: join(root, 'empty') });
    expect((await readdir(join(root, 'empty'))).sort()).toEqual([EXPORT_MANIFEST_FILE, 'annotations.jsonld']);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses to export over the workspace or into its data folders', async () => {
    const { store } = await fixture();
    await expect(exportToFolder(store, { format: 'w3c', destination: store.dir, overwrite: true })).rejects.toThrow('holds the workspace itself');
    await expect(exportToFolder(store, { format: 'w3c', destination: root, overwrite: true })).rejects.toThrow('holds the workspace itself');
    await expect(exportToFolder(store, { format: 'w3c', destination: join(store.dir, 'annotations', 'x') })).rejects.toThrow(
      `${join(store.dir, 'annotations', 'x')} is inside the Corroborate workspace ${store.dir}; an export never writes into a workspace.`,
    );
    await exportToFolder(store, { format: 'w3c', destination: join(store.dir, 'exports', 'w3c') });
    const reopened = await openWorkbench({ workspaceDir: store.dir }).catch((e: Error) => e);
    expect(reopened).toBeInstanceOf(Error); // still held by this test's store: the workspace is intact and locked
  });

  it('refuses to export a workspace whose annotation file cannot be read, naming the file', async () => {
    const first = await fixture();
    const id = first.store.workspace.documents[1]!.id;
    await first.store.close();
    open.splice(0);
    await writeFile(join(root, 'ws', 'annotations', id, 'owner.json'), '{"schemaVersion": 1, "truncated');
    const reopened = await openWorkbench({ workspaceDir: join(root, 'ws') });
    open.push(reopened);
    await expect(exportToFolder(reopened.store, { format: 'native', destination: join(root, 'out') })).rejects.toThrow(
      join(root, 'ws', 'annotations', id, 'owner.json'),
    );
    expect(await readdir(root)).toEqual(['ws']);
  });
});

describe('writing all or nothing', () => {
  it('cancelled mid-write: no destination and no temp folder is left', async () => {
    const controller = new AbortController();
    function* files(): Iterable<ExportedFile> {
      yield { path: 'a.txt', chunks: ['x'.repeat(300_000), 'y'.repeat(300_000)] };
      yield { path: 'b/c.txt', chunks: ['z'.repeat(300_000)] };
    }
    const writing = writeExportFolder(files(), join(root, 'out'), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesWritten > 0) controller.abort();
      },
    });
    await expect(writing).rejects.toBeInstanceOf(ExportCancelledError);
    expect(await readdir(root)).toEqual([]);
  });

  it('an exporter failing after some files leaves nothing, and an existing destination as it was', async () => {
    await writeExportFolder([{ path: 'old.txt', chunks: ['old'] }], join(root, 'out'));
    function* files(): Iterable<ExportedFile> {
      yield { path: 'a.txt', chunks: ['complete'] };
      yield {
        path: 'b.txt',
        chunks: (function* () {
          yield 'half';
          throw new Error('the exporter broke');
        })(),
      };
    }
    await expect(writeExportFolder(files(), join(root, 'out'), { overwrite: true })).rejects.toThrow('the exporter broke');
    expect(await readdir(root)).toEqual(['out']);
    expect((await readdir(join(root, 'out'))).sort()).toEqual([EXPORT_MANIFEST_FILE, 'old.txt']);
    expect(await readFile(join(root, 'out', 'old.txt'), 'utf8')).toBe('old');
  });

  it('streams large files in batches, never holding the whole file', async () => {
    let batches = 0;
    function* files(): Iterable<ExportedFile> {
      yield { path: 'big.jsonl', chunks: (function* () { for (let i = 0; i < 20_000; i++) yield `{"line":${i},"pad":"${'p'.repeat(80)}"}\n`; })() };
    }
    const [file] = await writeExportFolder(files(), join(root, 'out'), { onProgress: () => batches++ });
    expect(file!.bytes).toBe((await readFile(join(root, 'out', 'big.jsonl'))).length);
    expect(batches).toBeGreaterThan(5);
  });

  it('refuses unsafe paths from an exporter', async () => {
    await expect(writeExportFolder([{ path: '../escape.txt', chunks: ['x'] }], join(root, 'out'))).rejects.toThrow('unsafe file path "../escape.txt"');
    expect(await readdir(root)).toEqual([]);
  });
});
