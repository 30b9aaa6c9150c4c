import { chmod, chown, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model/workspace.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { DurableJsonFile } from './durable-json-file.js';
import {
  annotationFileOptions,
  highestSequence,
  isRootOnLinux,
  makeTempDir,
  mountTmpfs,
  runCommand,
  sampleAnnotationFile,
  spawnTestChild,
  watchChild,
} from './test-support.js';

// docs/GUARANTEES.md D8: ENOSPC, EROFS and EACCES leave the old file intact, surface the error with its
// errno, keep the edits in memory, and a retry after the fault is cleared succeeds. The faults are
// real where this process may make them (root with CAP_SYS_ADMIN for mounts, setpriv for a second
// user); elsewhere they are injected, and the test says why on stderr.

const run = runCommand;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A real DurableJsonFile behind a switch that makes its writes fail with `code`, for injected faults. */
function injectableFault(file: DurableJsonFile<AnnotationFile>, code: string) {
  let failing = false;
  return {
    target: {
      read: () => file.read(),
      write: async (data: AnnotationFile) => {
        const encodedFirst = file.codec.encode(data, file.path); // fail after the same work a real write does
        if (failing) throw Object.assign(new Error(`${code}: injected fault, write ${file.path}`), { code, encodedFirst });
        await file.write(data);
      },
    },
    setFailing: (value: boolean) => {
      failing = value;
    },
  };
}

/**
 * The scenario every fault goes through: a saved file, then a save that fails, then checks, then
 * the fault is cleared and a retry saves the edits kept in memory.
 */
async function expectFaultHandled(options: {
  dir: string;
  code: string;
  startFault: () => Promise<void>;
  clearFault: () => Promise<void>;
  target?: (file: DurableJsonFile<AnnotationFile>) => { read(): Promise<AnnotationFile | null>; write(data: AnnotationFile): Promise<void> };
}): Promise<void> {
  const path = join(options.dir, 'doc-1.json');
  const file = new DurableJsonFile(path, annotationFileOptions);
  await file.read();
  const writer = new CoalescingWriter(options.target?.(file) ?? file);
  await writer.write(sampleAnnotationFile(5));
  const before = await readFile(path);

  await options.startFault();
  const edits = sampleAnnotationFile(200, 1); // about 100 KB: more than the 64 KB tmpfs holds
  const error = await writer.write(edits).then(
    () => null,
    (caught: unknown) => caught as NodeJS.ErrnoException,
  );
  expect(error?.code).toBe(options.code);
  expect(error?.message).toContain(options.code);
  expect(writer.status).toMatchObject({ kind: 'failed', error: { code: options.code } });
  expect(writer.unsavedData).toEqual(edits);
  expect((await readFile(path)).equals(before)).toBe(true);
  expect(await readdir(options.dir)).toEqual(['doc-1.json']); // no temp file left behind

  await options.clearFault();
  await writer.retry();
  expect(writer.status).toEqual({ kind: 'saved' });
  expect(writer.hasUnsavedData).toBe(false);
  expect(highestSequence(JSON.parse(await readFile(path, 'utf8')) as AnnotationFile)).toBe(200);
}

describe('write faults (docs/GUARANTEES.md D8)', () => {
  it('ENOSPC: a full disk', async () => {
    const mounted = await mountTmpfs('size=64k', cleanups);
    if ('dir' in mounted) {
      await expectFaultHandled({
        dir: mounted.dir,
        code: 'ENOSPC',
        startFault: async () => undefined, // the 100 KB save does not fit in 64 KB
        clearFault: async () => void (await run('mount', ['-o', 'remount,size=1m', mounted.dir])),
      });
      console.info('ENOSPC was real: a 64 KB tmpfs');
      return;
    }
    console.warn(`ENOSPC is injected, not real: ${mounted.unavailable}`);
    await injectedScenario('ENOSPC');
  });

  it('EROFS: a read-only file system', async () => {
    const mounted = await mountTmpfs('size=1m', cleanups);
    if ('dir' in mounted) {
      await expectFaultHandled({
        dir: mounted.dir,
        code: 'EROFS',
        startFault: async () => void (await run('mount', ['-o', 'remount,ro', mounted.dir])),
        clearFault: async () => void (await run('mount', ['-o', 'remount,rw', mounted.dir])),
      });
      console.info('EROFS was real: a tmpfs remounted read-only');
      return;
    }
    console.warn(`EROFS is injected, not real: ${mounted.unavailable}`);
    await injectedScenario('EROFS');
  });

  it('EACCES: a folder the user may not write, in a child process run as nobody', async () => {
    const unavailable = await setprivUnavailable();
    if (unavailable !== null) {
      console.warn(`EACCES is injected, not real: ${unavailable}`);
      await injectedScenario('EACCES');
      return;
    }
    const { dir, remove } = await makeTempDir('eacces');
    cleanups.push(remove);
    await chmod(dir, 0o755); // nobody may read and enter, not create files
    const path = join(dir, 'doc-1.json');
    await writeFile(path, JSON.stringify(sampleAnnotationFile(5)), { mode: 0o644 });
    const before = await readFile(path);

    const child = await spawnTestChild('fault-writer.ts', [path], ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    const watched = watchChild(child);
    cleanups.push(async () => child.kill('SIGKILL'));
    const events = (): Array<Record<string, unknown>> => watched.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    await watched.nextLine((line) => line.includes('"failed"'));
    expect(events()).toEqual([
      { event: 'opened', uid: 65534, highest: 5 },
      expect.objectContaining({ event: 'failed', code: 'EACCES', status: 'failed', unsavedHighest: 107 }),
    ]);
    expect(String(events()[1]?.message)).toContain('EACCES');
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['doc-1.json']);

    await chown(dir, 65534, 65534); // the fault is cleared: the folder is now the user's
    child.stdin.write('retry\n');
    await watched.nextLine((line) => line.includes('"saved"'));
    expect(events()[2]).toEqual({ event: 'saved', uid: 65534, unsaved: false });
    child.stdin.end();
    expect((await watched.exited).code).toBe(0);
    expect(highestSequence(JSON.parse(await readFile(path, 'utf8')) as AnnotationFile)).toBe(107);
    console.info('EACCES was real: a child run as uid 65534 by setpriv');
  });
});

async function setprivUnavailable(): Promise<string | null> {
  if (!isRootOnLinux) return `not running as root on Linux (uid ${process.getuid?.() ?? 'n/a'}, ${process.platform})`;
  try {
    await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    return null;
  } catch (error) {
    return `setpriv cannot switch to uid 65534: ${String((error as { stderr?: string }).stderr ?? error).trim()}`;
  }
}

async function injectedScenario(code: string): Promise<void> {
  const { dir, remove } = await makeTempDir(`injected-${code}`);
  cleanups.push(remove);
  let fault: ReturnType<typeof injectableFault> | undefined;
  await expectFaultHandled({
    dir,
    code,
    target: (file) => (fault = injectableFault(file, code)).target,
    startFault: async () => fault?.setFailing(true),
    clearFault: async () => fault?.setFailing(false),
  });
}
