import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type AnnotationFile } from '../../shared/model/workspace.js';
import { DurableJsonFile } from './durable-json-file.js';
import { UnsavableDataError } from './json-file-codec.js';
import { StoreFileError, StoreWriteRefusedError } from './store-file-error.js';
import { annotationFileOptions, makeTempDir, sampleAnnotation, sampleAnnotationFile } from './test-support.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempFile(name = 'doc-1.json'): Promise<string> {
  const { dir, remove } = await makeTempDir('json-file');
  cleanups.push(remove);
  return join(dir, name);
}

describe('DurableJsonFile with lowdb', () => {
  it('round-trips data through a real Low and a second adapter', async () => {
    const path = await tempFile();
    const db = new Low(new DurableJsonFile(path, annotationFileOptions), sampleAnnotationFile(0));
    await db.read();
    expect(db.data.annotations).toEqual([]);
    db.data.annotations.push(sampleAnnotation(1), sampleAnnotation(2));
    await db.write();
    await db.update((data) => {
      data.annotations[0]!.note = 'Changed: ünïcödé ✓ 😀';
    });

    const reopened = new Low(new DurableJsonFile(path, annotationFileOptions), sampleAnnotationFile(0));
    await reopened.read();
    expect(reopened.data).toEqual(db.data);
    expect(reopened.data.annotations[0]?.note).toBe('Changed: ünïcödé ✓ 😀');
  });

  it('saves the same data as byte-identical files, whatever the key order in memory', async () => {
    const path = await tempFile();
    const file = new DurableJsonFile(path, annotationFileOptions);
    await file.read();
    const data = sampleAnnotationFile(3);
    await file.write(data);
    const first = await readFile(path);
    await file.write(data);
    expect((await readFile(path)).equals(first)).toBe(true);

    // The same data built with keys in reverse order serialises to the same bytes.
    const reversed = reverseKeys(data) as AnnotationFile;
    await file.write(reversed);
    expect((await readFile(path)).equals(first)).toBe(true);

    const text = first.toString('utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith(`{\n  "schemaVersion": ${CURRENT_SCHEMA_VERSION},\n  "documentId": "doc-1",`)).toBe(true);
    expect(text).toContain('\n      "id": "a-1",\n');
  });

  it('creates a missing file on the first write and leaves no temp files', async () => {
    const path = await tempFile();
    const file = new DurableJsonFile(path, annotationFileOptions);
    expect(await file.read()).toBeNull();
    expect(file.state.kind).toBe('new');
    await file.write(sampleAnnotationFile(1));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(sampleAnnotationFile(1));
    expect(await readdir(join(path, '..'))).toEqual(['doc-1.json']);
  });

  it('refuses to write data that would not open again', async () => {
    const path = await tempFile();
    const file = new DurableJsonFile(path, annotationFileOptions);
    await file.read();
    const bad = { ...sampleAnnotationFile(1), contentHash: 'md5:nope' };
    await expect(file.write(bad)).rejects.toThrow(UnsavableDataError);
    await expect(file.write(bad)).rejects.toThrow(/contentHash/);
    await expect(readdir(join(path, '..'))).resolves.toEqual([]);
  });

  it('refuses a write before read when the file exists, and one over a file that appeared since', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify(sampleAnnotationFile(2)));
    const before = await readFile(path);
    const unread = new DurableJsonFile(path, annotationFileOptions);
    await expect(unread.write(sampleAnnotationFile(0))).rejects.toThrow(/has not been read yet/);

    const otherPath = await tempFile();
    const appeared = new DurableJsonFile(otherPath, annotationFileOptions);
    expect(await appeared.read()).toBeNull();
    await writeFile(otherPath, JSON.stringify(sampleAnnotationFile(2)));
    await expect(appeared.write(sampleAnnotationFile(0))).rejects.toThrow(StoreWriteRefusedError);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect((await readFile(otherPath)).equals(before)).toBe(true);
  });
});

const valid = Buffer.from(JSON.stringify(sampleAnnotationFile(4), null, 2));
const corruptInputs: Array<{ name: string; bytes: Buffer; kind: StoreFileError['kind']; reason: RegExp }> = [
  { name: 'truncated', bytes: valid.subarray(0, Math.floor(valid.length * 0.6)), kind: 'unparseable', reason: /ends before its JSON is complete/ },
  { name: 'empty', bytes: Buffer.alloc(0), kind: 'unparseable', reason: /empty \(0 bytes\)/ },
  { name: 'NUL-filled', bytes: Buffer.alloc(4096), kind: 'unparseable', reason: /only NUL bytes \(4096\)/ },
  { name: 'NUL tail', bytes: Buffer.concat([valid.subarray(0, 100), Buffer.alloc(300)]), kind: 'unparseable', reason: /NUL bytes from byte 100 on/ },
  { name: '`null`', bytes: Buffer.from('null\n'), kind: 'invalid', reason: /holds `null`/ },
  { name: 'BOM-prefixed', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]), kind: 'unparseable', reason: /byte-order mark/ },
  { name: 'UTF-16', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid.toString(), 'utf16le')]), kind: 'unparseable', reason: /UTF-16/ },
  { name: 'not UTF-8', bytes: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), kind: 'unparseable', reason: /not UTF-8/ },
  { name: 'whitespace', bytes: Buffer.from('  \n\t\n'), kind: 'unparseable', reason: /only whitespace/ },
  { name: 'bad JSON', bytes: Buffer.from('{\n  "schemaVersion" 1\n}'), kind: 'unparseable', reason: /not valid JSON at line 2, column/ },
  {
    name: 'wrong schema',
    bytes: Buffer.from(JSON.stringify({ ...sampleAnnotationFile(1), documentId: 7, annotations: 'none' })),
    kind: 'invalid',
    reason: /documentId: .*; annotations: /,
  },
  { name: 'an array', bytes: Buffer.from('[1, 2]'), kind: 'invalid', reason: /does not hold what it should/ },
  {
    name: 'newer-version',
    bytes: Buffer.from(JSON.stringify({ ...sampleAnnotationFile(1), schemaVersion: 7, somethingNew: true })),
    kind: 'newer-version',
    reason: new RegExp(`newer version of Corroborate \\(schema version 7; this version reads up to ${CURRENT_SCHEMA_VERSION}\\)`),
  },
  {
    name: 'older version without a migration',
    bytes: Buffer.from(JSON.stringify({ ...sampleAnnotationFile(1), schemaVersion: 0 })),
    kind: 'invalid',
    reason: /schema version 0 is older than any/,
  },
];

describe('DurableJsonFile with a damaged file', () => {
  it.each(corruptInputs)('$name: a clear error naming the file, and the bytes survive a write', async ({ bytes, kind, reason }) => {
    const path = await tempFile('annotations-doc-1.json');
    await writeFile(path, bytes);
    const db = new Low(new DurableJsonFile(path, annotationFileOptions), sampleAnnotationFile(0));

    const error = await db.read().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StoreFileError);
    const storeError = error as StoreFileError;
    expect(storeError.file).toBe(path);
    expect(storeError.kind).toBe(kind);
    expect(storeError.reason).toMatch(reason);
    expect(storeError.message).toContain(path);
    expect(storeError.message).toMatch(reason);

    // lowdb kept its defaults; its next write must not replace the file.
    await expect(db.write()).rejects.toThrow(StoreWriteRefusedError);
    db.data.annotations.push(sampleAnnotation(99));
    await expect(db.update((data) => data.annotations.pop())).rejects.toThrow(/Not saving .*annotations-doc-1\.json/);
    expect((await readFile(path)).equals(bytes)).toBe(true);
    expect(await readdir(join(path, '..'))).toEqual(['annotations-doc-1.json']);
    expect((db.adapter as DurableJsonFile<AnnotationFile>).readOnly).toBe(kind === 'newer-version');
  });

  it('reports a file it may not read as unreadable and refuses to write it', async () => {
    const path = await tempFile();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path); // reading a folder fails with EISDIR for every user, root included
    const file = new DurableJsonFile(path, annotationFileOptions);
    await expect(file.read()).rejects.toMatchObject({ kind: 'unreadable', reason: /EISDIR/ });
    await expect(file.write(sampleAnnotationFile(1))).rejects.toThrow(StoreWriteRefusedError);
  });

  it('accepts writes again once a later read succeeds (after a repair or restore)', async () => {
    const path = await tempFile();
    await writeFile(path, '');
    const file = new DurableJsonFile(path, annotationFileOptions);
    await expect(file.read()).rejects.toThrow(StoreFileError);
    await writeFile(path, JSON.stringify(sampleAnnotationFile(1)));
    expect(await file.read()).toEqual(sampleAnnotationFile(1));
    await file.write(sampleAnnotationFile(2));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(sampleAnnotationFile(2));
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}
