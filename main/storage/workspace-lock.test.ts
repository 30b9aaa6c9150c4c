import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentProcessIdentity } from './process-identity.js';
import { makeTempDir, spawnTestChild, watchChild } from './test-support.js';
import { WORKSPACE_LOCK_FILE_NAME, WorkspaceLock, WorkspaceLockedError, type WorkspaceLockInfo } from './workspace-lock.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function workspace(): Promise<string> {
  const { dir, remove } = await makeTempDir('lock');
  cleanups.push(remove);
  return dir;
}

type LockEvent = { event: string; pid: number; message?: string; heldByPid?: number | null };

async function startHolder(dir: string, holder: string, waitForGo = false) {
  const child = await spawnTestChild('lock-holder.ts', [dir, holder, ...(waitForGo ? ['--wait-for-go'] : [])]);
  cleanups.push(async () => child.kill('SIGKILL'));
  const watched = watchChild(child);
  const next = async (event: string): Promise<LockEvent> =>
    JSON.parse(await watched.nextLine((line) => (JSON.parse(line) as LockEvent).event === event)) as LockEvent;
  const outcome = async (): Promise<LockEvent> =>
    JSON.parse(await watched.nextLine((line) => /"(acquired|locked)"/.test(line))) as LockEvent;
  return { child, watched, next, outcome, send: (command: string) => child.stdin.write(`${command}\n`) };
}

const lockFileOf = (dir: string) => join(dir, WORKSPACE_LOCK_FILE_NAME);
const readLockInfo = async (dir: string) => JSON.parse(await readFile(lockFileOf(dir), 'utf8')) as WorkspaceLockInfo;
const SINCE = /since \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/;

describe('WorkspaceLock (docs/GUARANTEES.md D9)', () => {
  it('tells a second process that the workspace is open elsewhere, and by whom', async () => {
    const dir = await workspace();
    const first = await startHolder(dir, 'browser host');
    const acquired = await first.outcome();
    expect(acquired.event).toBe('acquired');
    expect(await readLockInfo(dir)).toMatchObject({ pid: first.child.pid, holder: 'browser host' });

    const second = await startHolder(dir, 'desktop app');
    const refused = await second.outcome();
    expect(refused.event).toBe('locked');
    expect(refused.heldByPid).toBe(first.child.pid);
    expect(refused.message).toMatch(new RegExp(`^This workspace is open elsewhere \\(browser host, pid ${first.child.pid}, ${SINCE.source}`));

    // Released on close: the next process gets it.
    first.send('release');
    await first.next('released');
    await expect(readdir(dir)).resolves.toEqual([]);
    const third = await startHolder(dir, 'cli');
    expect((await third.outcome()).event).toBe('acquired');
  });

  it('is released by process exit, and recovered after SIGKILL', async () => {
    const dir = await workspace();
    const exiting = await startHolder(dir, 'cli');
    expect((await exiting.outcome()).event).toBe('acquired');
    exiting.send('exit');
    await exiting.watched.exited;
    await expect(readdir(dir)).resolves.toEqual([]);

    const killed = await startHolder(dir, 'browser host');
    expect((await killed.outcome()).event).toBe('acquired');
    killed.child.kill('SIGKILL');
    await killed.watched.exited;
    expect((await readLockInfo(dir)).pid).toBe(killed.child.pid); // the stale lock is still there

    const next = await startHolder(dir, 'desktop app');
    expect((await next.outcome()).event).toBe('acquired');
    expect(await readLockInfo(dir)).toMatchObject({ pid: next.child.pid, holder: 'desktop app' });
  });

  it('lets exactly one of several processes recovering a stale lock at once take it', { timeout: 60_000 }, async () => {
    for (let round = 0; round < 4; round += 1) {
      const dir = await workspace();
      const killed = await startHolder(dir, 'browser host');
      expect((await killed.outcome()).event).toBe('acquired');
      killed.child.kill('SIGKILL');
      await killed.watched.exited;

      const racers = await Promise.all(Array.from({ length: 6 }, () => startHolder(dir, 'cli', true)));
      await Promise.all(racers.map((racer) => racer.next('waiting')));
      for (const racer of racers) racer.send('go');
      const outcomes = await Promise.all(racers.map((racer) => racer.outcome()));

      const winners = outcomes.filter((outcome) => outcome.event === 'acquired');
      expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
      const winner = winners[0]!;
      expect((await readLockInfo(dir)).pid).toBe(winner.pid);
      for (const loser of outcomes.filter((outcome) => outcome.event === 'locked')) {
        expect(loser.heldByPid).toBe(winner.pid);
      }
      expect(await readdir(dir)).toEqual([WORKSPACE_LOCK_FILE_NAME]); // no break or temp files left
      for (const racer of racers) racer.child.kill('SIGKILL');
      await Promise.all(racers.map((racer) => racer.watched.exited));
    }
  });

  it('recovers an unparseable lock file once it is not being written any more', async () => {
    const dir = await workspace();
    await writeFile(lockFileOf(dir), '{"pid": 12');
    const error = await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkspaceLockedError);
    expect((error as Error).message).toBe('This workspace is open elsewhere (its lock file could not be read)');

    const old = new Date(Date.now() - 60_000);
    await utimes(lockFileOf(dir), old, old);
    const lock = await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false });
    expect(await lock.isHeld()).toBe(true);
    await lock.release();
    expect(await lock.isHeld()).toBe(false);
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('treats a reused pid and a reboot as stale, and a lock from another host as held', async () => {
    const dir = await workspace();
    const me = await currentProcessIdentity();
    const lockOf = (changes: Partial<WorkspaceLockInfo>): string =>
      JSON.stringify({ ...me, holder: 'browser host', since: '2026-11-21T10:02:00.000Z', token: 'old', ...changes });

    // This test process is alive, but it is not the process that took this lock: it started later.
    if (me.startTicks !== null) {
      await writeFile(lockFileOf(dir), lockOf({ startTicks: String(Number(me.startTicks) - 1) }));
      await (await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false })).release();
    } else {
      console.warn('pid reuse detection not tested: /proc/<pid>/stat is not available here');
    }
    if (me.bootId !== null) {
      await writeFile(lockFileOf(dir), lockOf({ bootId: 'another-boot' }));
      await (await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false })).release();
    } else {
      console.warn('reboot detection not tested: /proc/sys/kernel/random/boot_id is not available here');
    }

    await writeFile(lockFileOf(dir), lockOf({ hostname: 'newsroom-laptop-7', pid: 1234 }));
    const error = await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkspaceLockedError);
    expect((error as Error).message).toMatch(/^This workspace is open elsewhere \(browser host on newsroom-laptop-7, pid 1234, since 2026-11-21 \d\d:\d\d\)$/);
    expect((error as WorkspaceLockedError).heldBy?.hostname).toBe('newsroom-laptop-7');
  });

  it('does not remove a lock that is no longer its own', async () => {
    const dir = await workspace();
    const lock = await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false });
    const someoneElse = (await readFile(lockFileOf(dir), 'utf8')).replace(lock.info.token, 'another-token');
    await writeFile(lockFileOf(dir), someoneElse);
    expect(await lock.isHeld()).toBe(false);
    await lock.release();
    expect(await readFile(lockFileOf(dir), 'utf8')).toBe(someoneElse);
  });
});
