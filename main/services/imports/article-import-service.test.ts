import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StagedFile } from '../../../shared/api/import-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { WorkspaceFileSchema } from '../../../shared/model/workspace.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'import');
const fixture = (path: string) => readFile(join(FIXTURES, path));

let root: string;
let open: OpenWorkbench[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-import-'));
});
afterEach(async () => {
  for (const workbench of open) await workbench.store.close();
  open = [];
  await rm(root, { recursive: true, force: true });
});

async function workspace(options: { maxImportBytes?: number } = {}): Promise<OpenWorkbench> {
  const workbench = await openWorkbench({ workspaceDir: join(root, 'ws'), ...options });
  open.push(workbench);
  return workbench;
}

interface FileToSend {
  path: string;
  bytes: Uint8Array;
  fromFolder?: boolean;
}

/** Sends files the way the renderer does: in batches, large files in pieces of `maxBatchBytes`. */
async function stage(workbench: OpenWorkbench, files: FileToSend[], pieceBytes?: number) {
  const { api } = workbench;
  const { importId, maxBatchBytes } = await api.beginImport();
  const step = pieceBytes ?? maxBatchBytes;
  const staged: StagedFile[] = [];
  for (const [i, file] of files.entries()) {
    let offset = 0;
    do {
      const piece = file.bytes.subarray(offset, offset + step);
      const result = await api.addImportFiles({
        importId,
        files: [{ fileKey: String(i), path: file.path, fromFolder: file.fromFolder ?? false, size: file.bytes.length, offset, base64: Buffer.from(piece).toString('base64') }],
      });
      staged.push(...result.files);
      offset += piece.length;
    } while (offset < file.bytes.length);
  }
  return { importId, staged };
}

async function importFiles(workbench: OpenWorkbench, files: FileToSend[], replaceNewVersions = false) {
  const { importId, staged } = await stage(workbench, files);
  const replace = replaceNewVersions ? staged.flatMap((f) => f.articles.filter((a) => a.status === 'new-version').map((a) => a.stagedId)) : [];
  return { staged, result: await workbench.api.commitImport({ importId, replace }) };
}

async function workspaceFileOnDisk() {
  return WorkspaceFileSchema.parse(JSON.parse(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')));
}

describe('importing articles: each format', () => {
  it('imports plain text normalised once (BOM, CRLF, NFC), recorded, with the seed date prefix as date', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'crlf-with-bom.txt', bytes: await fixture('cases/crlf-with-bom.txt') }]);
    expect(result.added).toHaveLength(1);
    const opened = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(opened.text).toBe(' date 2021-04-20 Russell calls Bottas\n\nRussell said he called Bottas after the crash.\nCafé owners watched.\n');
    expect(opened.meta).toMatchObject({
      title: 'Russell calls Bottas',
      date: '2021-04-20',
      dateWarning: null,
      sourceFile: 'crlf-with-bom.txt',
      contentHash: contentHash(opened.text),
      length: opened.text.length,
      normalisation: { bomRemoved: true, lineEndings: 'crlf', nfcApplied: true },
    });
    expect(await readFile(join(root, 'ws', 'documents', `${opened.meta.id}.txt`), 'utf8')).toBe(opened.text);
  });

  it('decodes UTF-16 LE and BE by their byte-order mark', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [
      { path: 'utf16le.txt', bytes: await fixture('cases/utf16le.txt') },
      { path: 'utf16be.txt', bytes: await fixture('cases/utf16be.txt') },
    ]);
    expect(result.added.map((a) => a.title)).toEqual(['Bottas replies', 'Mercedes reviews the crash']);
    const le = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(le.text).toBe('Bottas replies\n\nBottas said the call never came.\n');
    expect(le.meta.normalisation.bomRemoved).toBe(true);
  });

  it('imports Markdown as readable text with its front-matter metadata', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'article-with-front-matter.md', bytes: await fixture('article-with-front-matter.md') }]);
    const opened = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(opened.meta).toMatchObject({
      title: 'Hamilton offers words of support for Russell',
      outlet: 'Planet Racing',
      date: '2021-04-21',
      author: 'Michelle Foster',
      url: 'https://planet.example/hamilton-support',
    });
    expect(opened.text).toContain('Hamilton backs Russell\n\nNot for the first time, Lewis Hamilton has offered words of encouragement for George Russell');
    expect(opened.text).not.toMatch(/\*\*|\]\(|^#|^---/m);
  });

  it('imports HTML as article text with paragraphs, and title, author, date and canonical URL from its head', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'article-with-metadata.html', bytes: await fixture('article-with-metadata.html') }]);
    const opened = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(opened.meta).toMatchObject({
      title: 'Russell apologises to Bottas after Imola crash',
      outlet: 'The Paddock',
      author: 'Jane Reporter',
      date: '2021-04-20',
      url: 'https://paddock.example/2021/04/russell-apologises',
    });
    expect(opened.text).toContain('George Russell has issued an apology');
    expect(opened.text).toContain('\n\n');
    expect(opened.text).not.toMatch(/<|Most read|Share this article/);
  });

  it('imports every record of a JSON and a JSONL corpus, with source/outlet, date and URL, and warns of a doubtful date', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [
      { path: 'corpus.json', bytes: await fixture('cases/corpus.json') },
      { path: 'corpus.jsonl', bytes: await fixture('cases/corpus.jsonl') },
    ]);
    expect(result.added.map((a) => a.title)).toEqual(['Imola crash: Russell blames Bottas', 'Bottas: I did nothing wrong', 'Williams repairs cost', 'FIA closes the case']);
    const metas = (await Promise.all(result.added.map((a) => wb.api.openDocument({ documentId: a.documentId })))).map((d) => d.meta);
    expect(metas[0]).toMatchObject({ outlet: 'Race Daily', date: '2021-04-18', url: 'https://race.example/imola', sourceFile: 'corpus.json' });
    expect(metas[1]).toMatchObject({ outlet: 'Speed Weekly', date: '2021-04-19' });
    expect(metas[2]).toMatchObject({ outlet: 'Paddock Wire', date: '2021-04-22', dateWarning: null });
    // A date in the future is kept as given, with the warning.
    expect(metas[3]!.date).toBe('2030-01-01');
    expect(metas[3]!.dateWarning).toMatch(/^given as 2030-01-01, but that is in the future; January 1st is often a placeholder$/);
  });

  it('keeps the seeds’ doubtful 2024-01-01 date, with its warning', async () => {
    const wb = await workspace();
    await wb.api.addSampleArticles();
    const [first] = await wb.api.listDocuments();
    const opened = await wb.api.openDocument({ documentId: first!.id });
    expect(opened.meta.date).toBe('2024-01-01');
    expect(opened.meta.dateWarning).toBe('given as 2024-01-01, but January 1st is often a placeholder');
  });
});

describe('importing articles: bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['binary (NUL bytes)', 'cases/binary.txt', /^binary\.txt is not a text file \(it has a NUL byte at offset 3\)\. Import \.txt, \.md, \.html, \.json or \.jsonl files\.$/],
    ['an image renamed .txt', 'cases/photo.txt', /^photo\.txt looks like a PNG image, not text/],
    ['invalid UTF-8', 'cases/latin1.txt', /^latin1\.txt is not valid UTF-8: byte 0xE9 at offset 3 \(line 1\) does not form a character\. .*save it as UTF-8/],
    ['an empty file', 'cases/empty.txt', /^empty\.txt is empty\.$/],
    ['a whitespace-only file', 'cases/blank.txt', /^blank\.txt contains only whitespace: there is no text to import\.$/],
    ['UTF-16 cut short', 'cases/odd-utf16.txt', /^odd-utf16\.txt starts with a UTF-16 LE byte-order mark but has an odd number of bytes \(5\)/],
    ['malformed JSON', 'cases/broken.json', /^broken\.json is not valid JSON: line 4, column 1: /],
    ['malformed JSONL', 'cases/broken.jsonl', /^broken\.jsonl, line 2, column \d+: not valid JSON: /],
    ['a JSON record without text', 'cases/no-text.json', /^no-text\.json, line 3, column 3: record 2 has no "text" field .* Nothing was imported\.$/],
    ['a PDF', 'cases/report.pdf', /^report\.pdf: PDF documents \(\.pdf\) cannot be imported\./],
  ];

  it.each(cases)('refuses %s with one message naming the file, and stores nothing of it', async (_what, path, message) => {
    const wb = await workspace();
    const name = path.split('/').pop()!;
    const good = { path: 'russell.txt', bytes: await fixture('folder/news/russell.txt') };
    const { staged, result } = await importFiles(wb, [good, { path: name, bytes: await fixture(path) }]);
    const bad = staged.find((f) => f.path === name)!;
    expect(bad.status).toBe('error');
    expect(bad.message).toMatch(message);
    expect(bad.articles).toEqual([]);
    expect(result.failed).toEqual([{ path: name, message: bad.message }]);
    // The good file of the same import is imported; nothing of the bad one is (all or nothing per file).
    expect((await wb.api.listDocuments()).map((d) => d.title)).toEqual(['Russell apologises']);
    expect(await readdir(join(root, 'ws', 'documents'))).toHaveLength(1);
  });

  it('refuses a file over the size limit on its size alone, before reading it', async () => {
    const wb = await workspace({ maxImportBytes: 1000 });
    const { importId, maxFileBytes } = await wb.api.beginImport();
    expect(maxFileBytes).toBe(1000);
    // No bytes are sent: the size the renderer knows before reading is enough.
    const { files } = await wb.api.addImportFiles({ importId, files: [{ fileKey: 'big', path: 'big.txt', fromFolder: false, size: 5_000_000, offset: 0, base64: '' }] });
    expect(files[0]).toMatchObject({
      status: 'error',
      message: 'big.txt is 4.8 MB, more than the 1000 bytes an article file may be (the limit is set with CORROBORATE_MAX_IMPORT_BYTES, or --max-bytes on the command line).',
    });
    expect(await wb.api.commitImport({ importId, replace: [] })).toMatchObject({ added: [], failed: [{ path: 'big.txt' }] });
  });

  it('imports HTML with scripts, handlers, javascript: links, iframes and SVG as inert text only', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'xss-pwned.html', bytes: await fixture('xss-pwned.html') }]);
    const opened = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(opened.text.split('\n\n')[0]).toBe('First paragraph survives.');
    expect(opened.text).toContain('link words stay as words.');
    expect(opened.text).not.toMatch(/__pwned='(?!escaped)/);
    expect(opened.meta.url).toBeNull();
  });

  it('reads a large file sent in pieces, and refuses a piece that does not follow', async () => {
    const wb = await workspace();
    const paragraph = 'Russell and Bottas crashed at Imola in 2021. '.repeat(20);
    const text = `Long article\n\n${Array.from({ length: 2000 }, () => paragraph).join('\n\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const { importId, staged } = await stage(wb, [{ path: 'long.txt', bytes }], 256 * 1024);
    expect(staged).toHaveLength(1);
    expect(staged[0]!.articles[0]).toMatchObject({ title: 'Long article', length: text.length, status: 'new' });
    await expect(
      wb.api.addImportFiles({ importId, files: [{ fileKey: 'x', path: 'x.txt', fromFolder: false, size: 10, offset: 4, base64: 'AAAA' }] }),
    ).rejects.toThrow(/x\.txt: a piece at byte 4 \(3 bytes\) does not follow the 0 of 10 bytes received/);
  });
});

describe('importing articles: folders, duplicates, cancelling', () => {
  it('reads only the article files of a folder and says why the others were skipped', async () => {
    const wb = await workspace();
    const folder = [
      'news/.hidden-notes.txt', 'news/.drafts/secret.txt', 'news/2021/bottas.html', 'news/2021/broken.jsonl', 'news/2021/hamilton.md',
      'news/notes.csv', 'news/photo.jpg', 'news/russell.txt',
    ];
    const files = await Promise.all(folder.map(async (path) => ({ path, bytes: await fixture(`folder/${path}`), fromFolder: true })));
    const { result } = await importFiles(wb, files);
    expect(result.added.map((a) => a.title)).toEqual(['Bottas responds', 'Hamilton backs Russell', 'Russell apologises']);
    expect(result.failed).toEqual([{ path: 'news/2021/broken.jsonl', message: expect.stringMatching(/^news\/2021\/broken\.jsonl, line 2, column 1: not valid JSON/) }]);
    expect(result.skipped).toEqual([
      { path: 'news/.hidden-notes.txt', message: 'news/.hidden-notes.txt is hidden, so it was left out.' },
      { path: 'news/.drafts/secret.txt', message: 'news/.drafts/secret.txt is hidden, so it was left out.' },
      { path: 'news/notes.csv', message: 'news/notes.csv: .csv files are not article files, so it was left out.' },
      { path: 'news/photo.jpg', message: 'news/photo.jpg: images (.jpg) are not article files, so it was left out.' },
    ]);
    const bottas = await wb.api.openDocument({ documentId: result.added[0]!.documentId });
    expect(bottas.meta).toMatchObject({ sourceFile: 'news/2021/bottas.html', author: 'Ana Writer' });
  });

  it('says a file is already in the workspace and does not store a second copy, also within one import', async () => {
    const wb = await workspace();
    const bytes = await fixture('folder/news/russell.txt');
    await importFiles(wb, [{ path: 'russell.txt', bytes }]);
    const { staged, result } = await importFiles(wb, [
      { path: 'copy-of-russell.txt', bytes },
      { path: 'hamilton.md', bytes: await fixture('folder/news/2021/hamilton.md') },
      { path: 'hamilton-again.md', bytes: await fixture('folder/news/2021/hamilton.md') },
    ]);
    expect(staged[0]!.articles[0]).toMatchObject({ status: 'duplicate', existing: { title: 'Russell apologises', annotationCount: 0 } });
    expect(staged[2]!.articles[0]).toMatchObject({ status: 'duplicate', existing: { documentId: null, title: 'Hamilton backs Russell' } });
    expect(result.duplicates).toEqual([
      { path: 'copy-of-russell.txt', title: 'Russell apologises', existingTitle: 'Russell apologises' },
      { path: 'hamilton-again.md', title: 'Hamilton backs Russell', existingTitle: 'Hamilton backs Russell' },
    ]);
    expect(await wb.api.listDocuments()).toHaveLength(2);
  });

  it('leaves the workspace untouched when an import is cancelled', async () => {
    const wb = await workspace();
    const before = await readFile(join(root, 'ws', 'workspace.json'), 'utf8');
    const { importId } = await stage(wb, [{ path: 'russell.txt', bytes: await fixture('folder/news/russell.txt') }]);
    expect(await wb.api.cancelImport({ importId })).toEqual({ cancelled: true });
    await expect(wb.api.commitImport({ importId, replace: [] })).rejects.toThrow(/This import is no longer open/);
    expect(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')).toBe(before);
    expect(await readdir(join(root, 'ws', 'documents'))).toEqual([]);
  });

  it('stores nothing of an import whose files cannot all be written, and says so', async () => {
    const wb = await workspace();
    await importFiles(wb, [{ path: 'russell.txt', bytes: await fixture('folder/news/russell.txt') }]);
    const before = await readFile(join(root, 'ws', 'workspace.json'), 'utf8');
    const textsBefore = await readdir(join(root, 'ws', 'documents'));
    const { importId } = await stage(wb, [
      { path: 'hamilton.md', bytes: await fixture('folder/news/2021/hamilton.md') },
      { path: 'bottas.html', bytes: await fixture('folder/news/2021/bottas.html') },
    ]);
    // A real fault: the annotations folder is replaced by a file, so writing any annotation file fails.
    const annotations = join(root, 'ws', 'annotations');
    await rm(annotations, { recursive: true });
    await writeFile(annotations, 'in the way');
    const failure = await wb.api.commitImport({ importId, replace: [] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkbenchError);
    expect((failure as WorkbenchError).message).toMatch(/^The import was not saved, so nothing was imported and the workspace is as it was: /);
    expect(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')).toBe(before);
    expect(await readdir(join(root, 'ws', 'documents'))).toEqual(textsBefore);
    expect((await wb.api.listDocuments()).map((d) => d.title)).toEqual(['Russell apologises']);
    // Once the fault is gone the same staged import can be committed.
    await rm(annotations);
    await mkdir(annotations);
    const retried = await wb.api.commitImport({ importId, replace: [] });
    expect(retried.added.map((a) => a.title)).toEqual(['Hamilton backs Russell', 'Bottas responds']);
    expect((await workspaceFileOnDisk()).documents).toHaveLength(3);
  });
});

describe('importing a new version of a document', () => {
  async function annotatedFirstVersion() {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'russell-apology.txt', bytes: await fixture('versions/v1/russell-apology.txt') }]);
    const documentId = result.added[0]!.documentId;
    const { text } = await wb.api.openDocument({ documentId });
    const mark = async (labelId: string, quote: string) => {
      const start = text.indexOf(quote);
      return wb.api.createAnnotation({ documentId, labelId, ranges: [{ start, end: start + quote.length }] });
    };
    const kept = await mark('claim', 'George Russell has apologised to Valtteri Bottas');
    const lost = await mark('quote', 'he was wrong to confront Bottas in the gravel trap');
    const link = await wb.api.createLink({ typeId: 'same', source: { documentId, annotationId: kept.id }, target: { documentId, annotationId: lost.id } });
    return { wb, documentId, kept, lost, link };
  }

  it('offers to replace it; without acceptance nothing changes', async () => {
    const { wb, documentId } = await annotatedFirstVersion();
    const before = await readFile(join(root, 'ws', 'workspace.json'), 'utf8');
    const { staged, result } = await importFiles(wb, [{ path: 'russell-apology.txt', bytes: await fixture('versions/v2/russell-apology.txt') }]);
    expect(staged[0]!.articles[0]).toMatchObject({ status: 'new-version', existing: { documentId, title: 'Russell apologises to Bottas', annotationCount: 2 } });
    expect(result).toMatchObject({ added: [], replaced: [], notReplaced: [{ path: 'russell-apology.txt', existingTitle: 'Russell apologises to Bottas' }] });
    expect(await readFile(join(root, 'ws', 'workspace.json'), 'utf8')).toBe(before);
  });

  it('replaces it when accepted: re-anchors what it can, flags the rest orphaned without moving it, and keeps links', async () => {
    const { wb, documentId, kept, lost, link } = await annotatedFirstVersion();
    const { result } = await importFiles(wb, [{ path: 'russell-apology.txt', bytes: await fixture('versions/v2/russell-apology.txt') }], true);
    expect(result.replaced).toEqual([{ documentId: expect.any(String), previousDocumentId: documentId, title: 'Russell apologises to Bottas', placed: 1, orphaned: 1 }]);
    const newId = result.replaced[0]!.documentId;
    const docs = await wb.api.listDocuments();
    expect(docs.map((d) => d.id)).toEqual([newId]);
    const opened = await wb.api.openDocument({ documentId: newId });
    expect(opened.text).toContain('Updated on Wednesday.');
    const placed = opened.annotations.find((a) => a.id === kept.id)!;
    expect(placed).toMatchObject({ orphaned: false, documentId: newId, contentHash: opened.meta.contentHash });
    expect(opened.text.slice(placed.fragments[0]!.start, placed.fragments[0]!.end)).toBe('George Russell has apologised to Valtteri Bottas');
    expect(placed.fragments[0]!.start).toBe(kept.fragments[0]!.start + 'Updated on Wednesday.\n\n'.length);
    const orphan = opened.annotations.find((a) => a.id === lost.id)!;
    // Orphaned: the old fragments and the hash of the text they were taken on, never a look-alike.
    expect(orphan).toMatchObject({ orphaned: true, documentId: newId, fragments: lost.fragments, contentHash: lost.contentHash });
    const links = await wb.api.listLinks({ documentId: newId });
    expect(links.map((l) => l.link.id)).toEqual([link.id]);
    expect(links[0]!.link.target).toEqual({ documentId: newId, annotationId: lost.id });
    // The previous version's files stay on disk, unlisted, so nothing saved is lost.
    expect(await readFile(join(root, 'ws', 'documents', `${documentId}.txt`), 'utf8')).toContain('gravel trap');
    // Reopened from disk, all of it holds.
    await wb.store.close();
    open = [];
    const again = await workspace();
    const reopened = await again.api.openDocument({ documentId: newId });
    expect(reopened.annotations.map((a) => [a.id, a.orphaned])).toEqual(expect.arrayContaining([[kept.id, false], [lost.id, true]]));
  });
});

describe('editing metadata after import', () => {
  it('changes title, outlet, date, URL and author durably, and works the date warning out again', async () => {
    const wb = await workspace();
    const { result } = await importFiles(wb, [{ path: 'russell.txt', bytes: await fixture('folder/news/russell.txt') }]);
    const documentId = result.added[0]!.documentId;
    const edited = await wb.api.updateDocumentMeta({ documentId, title: '  Russell   says sorry ', outlet: 'The Paddock', date: '2030-01-01', url: 'https://paddock.example/sorry', author: '' });
    expect(edited).toMatchObject({ title: 'Russell says sorry', outlet: 'The Paddock', date: '2030-01-01', url: 'https://paddock.example/sorry', author: null });
    expect(edited.dateWarning).toMatch(/^given as 2030-01-01, but that is in the future/);
    const fixed = await wb.api.updateDocumentMeta({ documentId, date: '2021-04-27T10:00:00Z' });
    expect(fixed).toMatchObject({ date: '2021-04-27', dateWarning: null, title: 'Russell says sorry' });
    await expect(wb.api.updateDocumentMeta({ documentId, title: '   ' })).rejects.toThrow('An article needs a title.');
    expect((await workspaceFileOnDisk()).documents[0]).toMatchObject({ title: 'Russell says sorry', date: '2021-04-27', outlet: 'The Paddock' });
  });

  it('opens a workspace written before documents had a date warning or author', async () => {
    const wb = await workspace();
    await importFiles(wb, [{ path: 'russell.txt', bytes: await fixture('folder/news/russell.txt') }]);
    await wb.store.close();
    open = [];
    const path = join(root, 'ws', 'workspace.json');
    const stored = JSON.parse(await readFile(path, 'utf8'));
    for (const doc of stored.documents) {
      delete doc.dateWarning;
      delete doc.author;
    }
    await writeFile(path, JSON.stringify(stored));
    const again = await workspace();
    expect(again.store.readOnlyReason).toBeNull();
    const [doc] = await again.api.listDocuments();
    const edited = await again.api.updateDocumentMeta({ documentId: doc!.id, outlet: 'Race Daily' });
    expect(edited).toMatchObject({ outlet: 'Race Daily', dateWarning: null });
  });
});
