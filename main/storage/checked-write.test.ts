import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompleteWriteError, writeAllBytes } from './checked-write.js';
import { mountTmpfsOrSkip } from './test-support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A handle whose every write takes at most `step` bytes (0: none), recording what it got. */
function shortWritingHandle(step: number): { handle: FileHandle; received: () => Buffer } {
  const parts: Buffer[] = [];
  const handle = {
    write: async (buffer: Uint8Array, offset: number, length: number) => {
      const taken = Math.min(step, length);
      parts.push(Buffer.from(buffer.subarray(offset, offset + taken)));
      return { bytesWritten: taken, buffer };
    },
  } as unknown as FileHandle;
  return { handle, received: () => Buffer.concat(parts) };
}

describe('writeAllBytes', () => {
  it('keeps writing after short writes until every byte is written, in order', async () => {
    const { handle, received } = shortWritingHandle(3);
    const text = 'Mayor Li said 😢 "We will rebuild."';
    expect(await writeAllBytes(handle, text, 'x.json')).toBe(Buffer.byteLength(text));
    expect(received().toString('utf8')).toBe(text);
  });

  it('fails, naming the file, when a write makes no progress', async () => {
    const { handle } = shortWritingHandle(0);
    const error = await writeAllBytes(handle, 'abc', '/data/x.json').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncompleteWriteError);
    expect((error as Error).message).toBe('/data/x.json: only 0 of 3 bytes could be written');
  });

  it('a full disk: where one write stops short without an error, writeAllBytes fails with ENOSPC (a real 16 KB tmpfs)', async (context) => {
    const disk = await mountTmpfsOrSkip('size=16k', cleanups, context);
    const data = Buffer.alloc(64 * 1024, 'x');
    const plain = await open(join(disk, 'plain'), 'w');
    const { bytesWritten } = await plain.write(data, 0, data.length);
    await plain.close();
    expect(bytesWritten).toBe(16 * 1024); // the fault: a short write, no error
    await unlink(join(disk, 'plain'));

    const path = join(disk, 'checked');
    const checked = await open(path, 'w');
    const error = await writeAllBytes(checked, data, path).catch((caught: NodeJS.ErrnoException) => caught);
    await checked.close();
    expect(error).toMatchObject({ code: 'ENOSPC', path });
    expect((await readFile(path)).length).toBe(16 * 1024); // what fit; callers write to a temp file and remove it
    console.info('ENOSPC was real: a 16 KB tmpfs');
  });
});
