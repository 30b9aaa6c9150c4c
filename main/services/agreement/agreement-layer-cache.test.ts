import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { makeTempDir, mountTmpfsOrSkip, runCommand } from '../../storage/test-support.js';
import { agreementCacheFile } from './agreement-layer-cache.js';
import { AgreementLayerFiles } from './agreement-layer-files.js';
import { annotationFileText, HASH, storedAnnotation } from './agreement.test-support.js';

let dir: string;
let remove: () => Promise<void>;
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  ({ dir, remove } = await makeTempDir('agreement-layer-cache'));
  await mkdir(join(dir, 'ws', 'd1'), { recursive: true });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await remove();
});

const meta = { id: 'd1', title: 'One', length: 500, contentHash: HASH } as DocumentMeta;
/** Ana's file of d1 with claims of a quote that is not ASCII, three kinds of attribute values. */
const fileOf = (spans: [string, number, number][]) =>
  annotationFileText(
    spans.map(([id, start, end]) =>
      storedAnnotation(id, start, end, {
        fragments: [{ start, end, exact: `é${'x'.repeat(end - start - 1)}`, prefix: 'p', suffix: 's' }],
        attributes: { verdict: 'true', score: 2, checked: true },
      }),
    ),
  );

/** A session of agreement: layer files with the cache of the workspace in `dir/ws`, in `cacheDir` (why a cache file is ignored, into `ignored`). */
function session(cacheDir = join(dir, 'app-data', 'agreement-cache'), ignored: string[] = []) {
  return new AgreementLayerFiles({ file: agreementCacheFile(cacheDir, join(dir, 'ws')), workspaceDir: join(dir, 'ws'), onIgnored: (why) => ignored.push(why) });
}

/** One read as the worker does it: the cache loaded first, dropped after. */
async function readWith(files: AgreementLayerFiles, path: string) {
  await files.useCache();
  try {
    return await files.read(path, meta, 'ana');
  } finally {
    files.doneReading();
  }
}

describe('the agreement cache', () => {
  it('gives a new session the files an earlier one read, the same annotations, without parsing them', async () => {
    const path = join(dir, 'ws', 'd1', 'ana.json');
    await writeFile(path, fileOf([['a1', 0, 10], ['a2', 20, 45]]));
    const first = session();
    const read = await readWith(first, path);
    expect(first.counts).toEqual({ parsed: 1, fromCache: 0 });
    await first.saveCache();

    const second = session();
    expect(await readWith(second, path)).toEqual(read);
    expect(second.counts).toEqual({ parsed: 0, fromCache: 1 });
    const cacheFile = agreementCacheFile(join(dir, 'app-data', 'agreement-cache'), join(dir, 'ws'));
    expect(cacheFile.startsWith(join(dir, 'ws')), 'the cache is outside the workspace').toBe(false);
    expect(await readFile(cacheFile, 'latin1')).not.toContain('a note');
  });

  it('reads a file again when it changed, even rewritten in place with its size and modification time put back', async () => {
    const path = join(dir, 'ws', 'd1', 'ana.json');
    await writeFile(path, fileOf([['a1', 0, 10]]));
    const first = session();
    await readWith(first, path);
    await first.saveCache();
    const before = await stat(path);
    // Same size, same inode, same modification time: only the status change time tells.
    await writeFile(path, fileOf([['a1', 0, 10]]).replace('"end": 10', '"end": 19'));
    await utimes(path, before.atime, before.mtime);
    expect((await stat(path)).size).toBe(before.size);

    const second = session();
    const read = (await readWith(second, path)) as { fragments: { end: number }[] }[];
    expect(read[0]!.fragments[0]!.end).toBe(19);
    expect(second.counts).toEqual({ parsed: 1, fromCache: 0 });
  });

  it('ignores a damaged cache file, or one of another workspace, and reads the annotation files instead', async () => {
    const path = join(dir, 'ws', 'd1', 'ana.json');
    await writeFile(path, fileOf([['a1', 0, 10], ['a2', 20, 45]]));
    const first = session();
    const expected = await readWith(first, path);
    await first.saveCache();
    const cacheFile = agreementCacheFile(join(dir, 'app-data', 'agreement-cache'), join(dir, 'ws'));
    const good = await readFile(cacheFile, 'latin1');

    // A changed offset that still parses: the checksum tells.
    const damaged = [
      { text: good.replace(/,20,45,/, ',20,44,'), why: 'checksum' },
      { text: good.slice(0, good.length - 30), why: 'checksum' },
      { text: 'not a cache', why: 'no header' },
      { text: `${good.slice(0, good.indexOf('\n')).replace(join(dir, 'ws'), '/elsewhere')}${good.slice(good.indexOf('\n'))}`, why: 'the cache of /elsewhere' },
      { text: '', why: 'no header' },
    ];
    for (const { text, why } of damaged) {
      await writeFile(cacheFile, text, 'latin1');
      const ignored: string[] = [];
      const again = session(undefined, ignored);
      expect(await readWith(again, path)).toEqual(expected);
      expect(again.counts).toEqual({ parsed: 1, fromCache: 0 });
      expect(ignored.join(' ')).toContain(why);
    }
  });

  it('keeps agreement working when the cache cannot be written: the folder is a file', async () => {
    const path = join(dir, 'ws', 'd1', 'ana.json');
    await writeFile(path, fileOf([['a1', 0, 10]]));
    await writeFile(join(dir, 'not-a-folder'), 'a file');
    const blocked = session(join(dir, 'not-a-folder', 'agreement-cache'));
    const read = await readWith(blocked, path);
    await expect(blocked.saveCache()).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await blocked.read(path, meta, 'ana'), 'what was read is still held').toBe(read);
  });

  it('keeps agreement working when the cache cannot be written: on a read-only file system', async (context) => {
    const path = join(dir, 'ws', 'd1', 'ana.json');
    await writeFile(path, fileOf([['a1', 0, 10]]));
    const mounted = await mountTmpfsOrSkip('size=1m', cleanups, context);
    await runCommand('mount', ['-o', 'remount,ro', mounted]);
    const readOnly = session(mounted);
    const read = await readWith(readOnly, path);
    await expect(readOnly.saveCache()).rejects.toThrow(/EROFS/);
    expect(await readOnly.read(path, meta, 'ana'), 'what was read is still held').toBe(read);
  });
});
