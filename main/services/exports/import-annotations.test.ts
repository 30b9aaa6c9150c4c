import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenWorkbench } from '../open-workbench.js';
import { fixtureWithoutAnnotations, fixtureWorkspace, workspaceHolding } from './export.test-support.js';
import { exportToFolder } from './export-to-folder.js';

let root: string;
const open: OpenWorkbench[] = [];
let target: OpenWorkbench;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-import-'));
  const original = await fixtureWorkspace(join(root, 'original'));
  open.push(original);
  await exportToFolder(original.store, { format: 'w3c-jsonl', destination: join(root, 'w3c') });
  await exportToFolder(original.store, { format: 'brat', destination: join(root, 'brat') });
  target = await workspaceHolding(join(root, 'target'), fixtureWithoutAnnotations());
  open.push(target);
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

/** The target workspace's annotation files, byte for byte. */
async function annotationFiles(): Promise<string[]> {
  const dir = join(root, 'target', 'annotations');
  return Promise.all((await readdir(dir)).filter((n) => n.endsWith('.json')).sort().map((n) => readFile(join(dir, n), 'utf8')));
}

describe('importing annotations is all or nothing, with every mismatch reported', () => {
  it('W3C: a TextPositionSelector that does not give its quote is reported with file, line and annotation; nothing is imported', async () => {
    const file = join(root, 'w3c', 'annotations.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const third = JSON.parse(lines[2]!);
    third.target.selector[1].start += 1;
    lines[2] = JSON.stringify(third);
    await writeFile(file, lines.join('\n'));
    const before = await annotationFiles();
    const result = await target.service.importAnnotations({ format: 'w3c', path: file });
    expect(result.imported).toBe(false);
    expect(result.annotationsAdded).toBe(0);
    expect(result.problems[0]).toMatchObject({ file, line: 3, itemId: third.id });
    expect(result.problems[0]!.reason).toMatch(/its TextPositionSelector \d+–\d+ gives ".*", not the quote "confirmed 3 deaths 😢"/);
    expect(await annotationFiles()).toEqual(before);
    expect(target.store.linkLayer.links).toEqual([]);
  });

  it('brat: a T line whose text does not match its offsets is reported with file and line; nothing is imported', async () => {
    const folder = join(root, 'brat');
    const ann = (await readdir(folder)).find((n) => n.startsWith('flood-in-riverton') && n.endsWith('.ann'))!;
    const lines = (await readFile(join(folder, ann), 'utf8')).split('\n');
    lines[1] = lines[1]!.replace(/\t[^\t]*$/, '\tWe will rebuild!');
    await writeFile(join(folder, ann), lines.join('\n'));
    const before = await annotationFiles();
    const result = await target.service.importAnnotations({ format: 'brat', path: folder });
    expect(result.imported).toBe(false);
    expect(result.problems).toContainEqual({
      file: join(folder, ann),
      line: 2,
      itemId: 'T2',
      reason: 'the offsets give "We will rebuild." but the line says "We will rebuild!"; skipped',
    });
    expect(await annotationFiles()).toEqual(before);
  });

  it('brat: a .txt that differs from the workspace text, or matches no article, is refused naming it', async () => {
    const folder = join(root, 'brat-changed');
    await cp(join(root, 'brat'), folder, { recursive: true });
    const txt = (await readdir(folder)).find((n) => n.startsWith('flood-in-riverton') && n.endsWith('.txt'))!;
    await writeFile(join(folder, txt), (await readFile(join(folder, txt), 'utf8')).replace('Mayor', 'Mayor '));
    await writeFile(join(folder, 'stranger.txt'), 'An article this workspace does not have.');
    await writeFile(join(folder, 'stranger.ann'), 'T1\tfact 0 2\tAn\n');
    const result = await target.service.importAnnotations({ format: 'brat', path: folder });
    expect(result.imported).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ file: join(folder, txt), reason: expect.stringContaining('its text differs') }));
    expect(result.problems).toContainEqual(expect.objectContaining({ file: join(folder, 'stranger.txt'), reason: expect.stringContaining('no document of the workspace has this text') }));
    expect(target.store.linkLayer.links).toEqual([]);
  });

  it('refuses what is not JSON or not a folder, naming the path', async () => {
    await writeFile(join(root, 'garbage.jsonld'), '{ not json');
    const garbage = await target.service.importAnnotations({ format: 'w3c', path: join(root, 'garbage.jsonld') });
    expect(garbage).toMatchObject({ imported: false, problems: [expect.objectContaining({ file: join(root, 'garbage.jsonld') })] });
    await expect(target.service.importAnnotations({ format: 'brat', path: join(root, 'garbage.jsonld') })).rejects.toThrow(
      `${join(root, 'garbage.jsonld')}: a brat import is a folder`,
    );
    await expect(target.service.importAnnotations({ format: 'w3c', path: join(root, 'missing.jsonl') })).rejects.toThrow('missing.jsonl: no such file');
  });
});
