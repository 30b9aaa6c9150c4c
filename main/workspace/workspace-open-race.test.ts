import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, spawnTestChild, watchChild } from '../storage/test-support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

type OpenEvent = { event: string; pid: number; name?: string; message?: string };

/** Starts `count` processes that each open `workspaceDir` once told to, all at the same moment. */
async function raceToOpen(workspaceDir: string, count: number): Promise<OpenEvent[]> {
  const openers = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = await spawnTestChild('workspace-opener.ts', [workspaceDir]);
      cleanups.push(async () => child.kill('SIGKILL'));
      const watched = watchChild(child);
      await watched.nextLine((line) => line.includes('"waiting"'));
      return { child, watched };
    }),
  );
  for (const { child } of openers) child.stdin.write('go\n');
  const outcomes = await Promise.all(
    openers.map(async ({ watched }) => JSON.parse(await watched.nextLine((line) => /"(opened|refused)"/.test(line))) as OpenEvent),
  );
  for (const { child } of openers) child.stdin.end();
  await Promise.all(openers.map(({ watched }) => watched.exited));
  return outcomes;
}

describe('starting many processes on one new workspace at once', () => {
  it('lets exactly one open it; every other says it is open elsewhere, naming the pid and since when', { timeout: 120_000 }, async () => {
    const { dir, remove } = await makeTempDir('open-race');
    cleanups.push(remove);
    const cases: Array<[string, (path: string) => Promise<unknown>]> = [
      ['a folder that does not exist', async () => undefined],
      ['an empty folder', (path) => mkdir(path)],
      ['a folder inside a folder that does not exist', async () => undefined],
    ];
    for (const [index, [what, prepare]] of cases.entries()) {
      const workspaceDir = index === 2 ? join(dir, 'parent', 'ws') : join(dir, `ws-${index}`);
      await prepare(workspaceDir);
      const outcomes = await raceToOpen(workspaceDir, 20);
      const opened = outcomes.filter((o) => o.event === 'opened');
      expect(opened, what).toHaveLength(1);
      for (const refused of outcomes.filter((o) => o.event === 'refused')) {
        expect(refused.message, what).toMatch(
          new RegExp(`^This workspace is open elsewhere \\(browser host, pid ${opened[0]!.pid}, since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\)`),
        );
      }
      // Every process has closed it: a sound workspace is left, without a lock.
      const left = await readdir(workspaceDir);
      expect(left, what).toContain('workspace.json');
      expect(left.filter((name) => name.startsWith('workspace.lock')), what).toEqual([]);
    }
  });
});
