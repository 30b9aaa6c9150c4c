import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model/workspace.js';
import { BackupRotation } from './backup-rotation.js';
import { DurableJsonFile } from './durable-json-file.js';
import { JsonFileCodec } from './json-file-codec.js';
import { annotationFileOptions, highestSequence, makeTempDir, sampleAnnotationFile } from './test-support.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function workspaceWithFile(): Promise<{ dir: string; path: string }> {
  const { dir, remove } = await makeTempDir('backups');
  cleanups.push(remove);
  await mkdir(join(dir, 'annotations'));
  return { dir, path: join(dir, 'annotations', 'doc-1.json') };
}

/** Local time on a fixed day, so day boundaries do not depend on when the test runs. */
const at = (day: number, hour: number): Date => new Date(2026, 2, 10 + day, hour, 0, 0);

/** Saves version n of the file through the adapter, then dates it `time` as if saved then. */
async function saveVersion(file: DurableJsonFile<AnnotationFile>, n: number, time: Date): Promise<void> {
  await file.write(sampleAnnotationFile(1, n));
  await utimes(file.path, time, time);
}

const sequencesOf = async (rotation: BackupRotation): Promise<number[]> =>
  Promise.all(
    (await rotation.list()).map(async (backup) => highestSequence(JSON.parse(await readFile(backup.path, 'utf8')) as AnnotationFile)),
  );

describe('BackupRotation (docs/GUARANTEES.md D6)', () => {
  it('keeps the last N versions before each overwrite', async () => {
    const { dir, path } = await workspaceWithFile();
    const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir, keepRecent: 3 } });
    await file.read();
    for (let n = 1; n <= 10; n += 1) await saveVersion(file, n, at(0, 8 + n));
    const backups = await file.backups!.list();
    expect(backups.map((backup) => [backup.kind, backup.valid])).toEqual(Array(3).fill(['version', true]));
    expect(await sequencesOf(file.backups!)).toEqual([9, 8, 7]); // newest first; 10 is the file itself
    expect(backups.map((backup) => backup.time)).toEqual([at(0, 17), at(0, 16), at(0, 15)]);
    expect(file.backups!.directory).toBe(join(dir, '.backups', 'annotations', 'doc-1.json'));
  });

  it('keeps the last version of each day besides the recent ones, for keepDaily days', async () => {
    const daily = async (keepDaily: number): Promise<number[]> => {
      const { dir, path } = await workspaceWithFile();
      const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir, keepRecent: 2, keepDaily } });
      await file.read();
      for (let i = 0; i < 15; i += 1) await saveVersion(file, i, at(Math.floor(i / 3), 9 + (i % 3)));
      return sequencesOf(file.backups!);
    };
    // Versions 0–14, three a day over five days; backups hold 0–13.
    expect(await daily(30)).toEqual([13, 12, 11, 8, 5, 2]);
    expect(await daily(3)).toEqual([13, 12, 11, 8]);
  });

  it('does not keep versions that do not validate, nor the same bytes twice, nor versions closer than minIntervalMs', async () => {
    const { dir, path } = await workspaceWithFile();
    const codec = new JsonFileCodec(annotationFileOptions);
    const rotation = new BackupRotation({ workspaceDir: dir, file: path, validator: codec, minIntervalMs: 60_000 });
    expect(await rotation.preserveCurrent()).toEqual({ kept: false, reason: 'missing' });

    for (const bad of ['', 'null', '{"schemaVersion": 1, "documentId": "doc-1"}', '\u0000\u0000\u0000']) {
      await writeFile(path, bad);
      expect(await rotation.preserveCurrent()).toEqual({ kept: false, reason: 'invalid' });
    }
    expect(await rotation.list()).toEqual([]);

    await writeFile(path, codec.encode(sampleAnnotationFile(1), path));
    await utimes(path, at(0, 9), at(0, 9));
    expect(await rotation.preserveCurrent()).toMatchObject({ kept: true });
    // Within minIntervalMs of the newest backup the file is not even read; forced, it is, and the
    // same bytes are not kept twice.
    expect(await rotation.preserveCurrent()).toEqual({ kept: false, reason: 'too-recent' });
    expect(await rotation.preserveCurrent({ force: true })).toEqual({ kept: false, reason: 'same-as-newest' });
    await writeFile(path, codec.encode(sampleAnnotationFile(2), path));
    await utimes(path, new Date(at(0, 9).getTime() + 30_000), new Date(at(0, 9).getTime() + 30_000));
    expect(await rotation.preserveCurrent()).toEqual({ kept: false, reason: 'too-recent' });
    expect(await rotation.preserveCurrent({ force: true })).toMatchObject({ kept: true });
    expect(await sequencesOf(rotation)).toEqual([2, 1]);
  });

  it('lists a damaged backup as not valid, with the reason', async () => {
    const { dir, path } = await workspaceWithFile();
    const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir } });
    await file.read();
    await saveVersion(file, 1, at(0, 9));
    await saveVersion(file, 2, at(0, 10));
    const [backup] = await file.backups!.list();
    await writeFile(backup!.path, '{"schemaVersion": 1, "documentId": "doc-1", "contentHash": "sha25');
    const [listed] = await file.backups!.list();
    expect(listed).toMatchObject({ name: backup!.name, valid: false, problem: expect.stringMatching(/ends before its JSON is complete/) });
  });

  it('restores a backup durably, keeping the bytes it replaces first', async () => {
    const { dir, path } = await workspaceWithFile();
    const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir } });
    await file.read();
    for (let n = 1; n <= 4; n += 1) await saveVersion(file, n, at(0, 8 + n));
    const rotation = file.backups!;
    const oldest = (await rotation.list()).at(-1)!;
    expect(highestSequence(JSON.parse(await readFile(oldest.path, 'utf8')) as AnnotationFile)).toBe(1);
    const current = await readFile(path);

    await rotation.restore(oldest.name);
    expect((await readFile(path)).equals(await readFile(oldest.path))).toBe(true);
    const after = await rotation.list();
    expect(await Promise.all(after.map(async (backup) => (await readFile(backup.path)).equals(current)))).toContain(true);
    // The adapter reads the restored version and writes on from it.
    expect(highestSequence((await file.read())!)).toBe(1);
  });

  it('keeps unreadable bytes as an unreadable copy before restoring over them, and refuses a damaged backup', async () => {
    const { dir, path } = await workspaceWithFile();
    const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir, keepRecent: 1 } });
    await file.read();
    await saveVersion(file, 1, at(0, 9));
    await saveVersion(file, 2, at(0, 10));
    const rotation = file.backups!;
    const [good] = await rotation.list();

    const damaged = Buffer.from('{"schemaVersion": 1, "annotations": [ {"id": "a-2"');
    await writeFile(path, damaged);
    await expect(file.read()).rejects.toThrow(/ends before its JSON is complete/);
    await rotation.restore(good!.name);
    expect(highestSequence((await file.read())!)).toBe(1);
    const copies = (await rotation.list()).filter((backup) => backup.kind === 'unreadable-copy');
    expect(copies).toHaveLength(1);
    expect((await readFile(copies[0]!.path)).equals(damaged)).toBe(true);
    expect(copies[0]).toMatchObject({ valid: false });

    // Unreadable copies survive rotation; a damaged backup is never restored.
    await saveVersion(file, 3, at(0, 11));
    await saveVersion(file, 4, at(0, 12));
    expect((await rotation.list()).filter((backup) => backup.kind === 'unreadable-copy')).toHaveLength(1);
    const before = await readFile(path);
    await expect(rotation.restore(copies[0]!.name)).rejects.toThrow(/ends before its JSON is complete/);
    expect((await readFile(path)).equals(before)).toBe(true);
    await expect(rotation.restore('20260101T000000000Z-000000.json')).rejects.toThrow(/no backup called/);
  });

  it('rejects a file outside the workspace', async () => {
    const { dir } = await workspaceWithFile();
    const validator = new JsonFileCodec(annotationFileOptions);
    expect(() => new BackupRotation({ workspaceDir: dir, file: join(dir, '..', 'elsewhere.json'), validator })).toThrow(/not inside the workspace/);
  });
});
