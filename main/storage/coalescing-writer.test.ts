import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model/workspace.js';
import { CoalescingWriter, type SaveStatus } from './coalescing-writer.js';
import { DurableJsonFile } from './durable-json-file.js';
import { annotationFileOptions, highestSequence, makeTempDir, sampleAnnotationFile } from './test-support.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A real DurableJsonFile whose writes wait at a gate the test opens, recording what reached disk. */
async function gatedFile() {
  const { dir, remove } = await makeTempDir('coalesce');
  cleanups.push(remove);
  const path = join(dir, 'doc-1.json');
  const file = new DurableJsonFile(path, annotationFileOptions);
  await file.read();
  const written: number[] = [];
  const gates: Array<() => void> = [];
  const target = {
    read: () => file.read(),
    write: async (data: AnnotationFile) => {
      const snapshot = structuredClone(data);
      await new Promise<void>((open) => gates.push(open));
      await file.write(snapshot);
      written.push(highestSequence(snapshot));
    },
  };
  const writeStarted = async (): Promise<void> => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  const openNextGate = async (): Promise<void> => {
    await writeStarted();
    gates.shift()?.();
  };
  return { dir, path, file, target, written, writeStarted, openNextGate };
}

const onDisk = async (path: string): Promise<number> =>
  highestSequence(JSON.parse(await readFile(path, 'utf8')) as AnnotationFile);

describe('CoalescingWriter', () => {
  it('collapses writes requested during a write into one write of the latest data', async () => {
    const { path, target, written, writeStarted, openNextGate } = await gatedFile();
    const writer = new CoalescingWriter(target);
    const settled: string[] = [];
    const save = (n: number) =>
      writer.write(sampleAnnotationFile(n)).then(async () => {
        settled.push(`${n} saved, disk has ${await onDisk(path)}`);
      });
    const saves = [save(1)];
    await writeStarted(); // 1 is in flight
    saves.push(save(2), save(3), save(4));
    await openNextGate(); // the write of 1
    await saves[0];
    expect(settled).toEqual(['1 saved, disk has 1']);
    await openNextGate(); // one write for 2, 3 and 4
    await Promise.all(saves);
    expect(written).toEqual([1, 4]); // 2 and 3 were never written on their own
    expect(settled.slice(1).sort()).toEqual(['2 saved, disk has 4', '3 saved, disk has 4', '4 saved, disk has 4']);
    expect(writer.status).toEqual({ kind: 'saved' });
    expect(writer.hasUnsavedData).toBe(false);
  });

  it('resolves a caller only once bytes including its data are on disk', async () => {
    const { path, target, openNextGate } = await gatedFile();
    const writer = new CoalescingWriter(target);
    let resolved = false;
    const save = writer.write(sampleAnnotationFile(7)).then(() => {
      resolved = true;
    });
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false);
    expect(writer.status.kind).toBe('saving');
    await openNextGate();
    await save;
    expect(await onDisk(path)).toBe(7);
  });

  it('keeps the data after a real failed write, rejects its callers, and saves it on retry', async () => {
    const { dir, remove } = await makeTempDir('coalesce-fail');
    cleanups.push(remove);
    const folder = join(dir, 'annotations');
    await mkdir(folder);
    const file = new DurableJsonFile(join(folder, 'doc-1.json'), annotationFileOptions);
    await file.read();
    const statuses: SaveStatus['kind'][] = [];
    const writer = new CoalescingWriter(file, { onStatus: (status) => statuses.push(status.kind) });
    await writer.write(sampleAnnotationFile(1));

    await rm(folder, { recursive: true }); // the folder vanishes (unplugged drive, sync client…)
    const failed = writer.write(sampleAnnotationFile(2));
    await expect(failed).rejects.toMatchObject({ code: 'ENOENT' });
    expect(writer.status).toMatchObject({ kind: 'failed', error: { code: 'ENOENT' } });
    expect(writer.unsavedData).toEqual(sampleAnnotationFile(2));
    expect(writer.hasUnsavedData).toBe(true);
    await expect(writer.flush()).rejects.toMatchObject({ code: 'ENOENT' });

    await mkdir(folder);
    await writer.retry();
    expect(await onDisk(join(folder, 'doc-1.json'))).toBe(2);
    expect(writer.status).toEqual({ kind: 'saved' });
    expect(writer.unsavedData).toBeUndefined();
    expect(statuses).toEqual(['saving', 'saved', 'saving', 'failed', 'saving', 'failed', 'saving', 'saved']);
  });

  it('saves newer data after a failure with the next write', async () => {
    const { dir, remove } = await makeTempDir('coalesce-next');
    cleanups.push(remove);
    const folder = join(dir, 'annotations');
    await mkdir(folder);
    const file = new DurableJsonFile(join(folder, 'doc-1.json'), annotationFileOptions);
    await file.read();
    const writer = new CoalescingWriter(file);
    await rm(folder, { recursive: true });
    await expect(writer.write(sampleAnnotationFile(1))).rejects.toThrow();
    await mkdir(folder);
    await writer.write(sampleAnnotationFile(3));
    expect(await onDisk(join(folder, 'doc-1.json'))).toBe(3);
    expect(writer.hasUnsavedData).toBe(false);
  });

  it('flush waits for the write in flight and the one queued behind it', async () => {
    const { path, target, writeStarted, openNextGate } = await gatedFile();
    const writer = new CoalescingWriter(target);
    void writer.write(sampleAnnotationFile(1));
    await writeStarted();
    void writer.write(sampleAnnotationFile(2));
    let flushed = false;
    const flush = writer.flush().then(() => {
      flushed = true;
    });
    await openNextGate();
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    await openNextGate();
    await flush;
    expect(await onDisk(path)).toBe(2);
  });

  it('makes lowdb writes coalesced and durable', async () => {
    const { dir, remove } = await makeTempDir('coalesce-low');
    cleanups.push(remove);
    const path = join(dir, 'doc-1.json');
    const db = new Low(new CoalescingWriter(new DurableJsonFile(path, annotationFileOptions)), sampleAnnotationFile(0));
    await db.read();
    const writes: Array<Promise<void>> = [];
    for (let n = 1; n <= 50; n += 1) {
      db.data.annotations.push(sampleAnnotationFile(1, n).annotations[0]!);
      writes.push(db.write());
    }
    await Promise.all(writes);
    const stored = JSON.parse(await readFile(path, 'utf8')) as AnnotationFile;
    expect(stored.annotations).toHaveLength(50);
    expect(highestSequence(stored)).toBe(50);
  });
});
