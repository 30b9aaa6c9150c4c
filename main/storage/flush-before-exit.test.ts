import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model/workspace.js';
import { highestSequence, makeTempDir, spawnTestChild, watchChild } from './test-support.js';

describe('flushBeforeExit (docs/GUARANTEES.md D3)', () => {
  it('on SIGTERM saves every edit, even unacknowledged ones, then exits 143 and releases the lock', async () => {
    const { dir, remove } = await makeTempDir('signal');
    try {
      for (let round = 0; round < 5; round += 1) {
        const child = await spawnTestChild('signal-flusher.ts', [dir]);
        const watched = watchChild(child);
        await watched.nextLine((line) => line === 'ready');
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 100));
        child.kill('SIGTERM');
        const last = await watched.nextLine((line) => line.startsWith('last-edit '));
        const exit = await watched.exited;
        expect(exit, watched.stderr()).toEqual({ code: 143, signal: null });
        const lastEdit = Number(last.split(' ')[1]);
        expect(lastEdit).toBeGreaterThan(0);
        const saved = JSON.parse(await readFile(join(dir, 'doc-1.json'), 'utf8')) as AnnotationFile;
        expect(highestSequence(saved)).toBe(lastEdit);
        expect(await readdir(dir)).toEqual(['doc-1.json']); // lock released by the exit handler
      }
    } finally {
      await remove();
    }
  });
});
