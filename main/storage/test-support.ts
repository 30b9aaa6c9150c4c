import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { TestContext } from 'vitest';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, type AnnotationFile } from '../../shared/model/workspace.js';
import type { DurableJsonFileOptions } from './durable-json-file.js';
import { migrateWorkspaceFile } from './workspace-migrations.js';

// Shared by the storage tests and their child processes; not part of the storage API.

/** The repository root, where child processes run. */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder of the scripts the tests run as child processes. */
export const TEST_CHILDREN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'test-children');

/** Options for a `DurableJsonFile` of one document's annotations, as the workspace store uses it. */
export const annotationFileOptions: DurableJsonFileOptions<AnnotationFile> = {
  schema: AnnotationFileSchema,
  versioning: { currentVersion: CURRENT_SCHEMA_VERSION, migrate: migrateWorkspaceFile },
  keyOrder: ['schemaVersion', 'id', 'documentId'],
};

/** A content hash in the stored format. */
export const SAMPLE_HASH = `sha256:${'ab'.repeat(32)}`;

/** An annotation file with `count` annotations numbered from `firstSequence`. */
export function sampleAnnotationFile(count: number, firstSequence = 1, documentId = 'doc-1'): AnnotationFile {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documentId,
    annotator: 'owner',
    contentHash: SAMPLE_HASH,
    annotations: Array.from({ length: count }, (_, index) => sampleAnnotation(firstSequence + index, documentId)),
  };
}

/** One annotation whose id carries a sequence number (`a-<n>`). */
export function sampleAnnotation(sequence: number, documentId = 'doc-1'): AnnotationFile['annotations'][number] {
  const start = (sequence * 37) % 40_000;
  return {
    id: `a-${sequence}`,
    documentId,
    labelId: ['claim', 'quote', 'fact'][sequence % 3] ?? 'claim',
    fragments: [{ start, end: start + 42, exact: `the quoted words of edit ${sequence} in the text`, prefix: 'said that ', suffix: ' on Monday' }],
    contentHash: SAMPLE_HASH,
    attributes: { confidence: sequence % 5, checked: sequence % 2 === 0, source: 'wire' },
    note: `Edit ${sequence}: cross-checked against the agency copy.`,
    author: 'editor@example.org',
    annotator: 'owner',
    createdAt: '2026-11-21T10:02:00.000Z',
    updatedAt: '2026-11-21T10:02:00.000Z',
    orphaned: false,
  };
}

/** The highest `a-<n>` sequence number among a file's annotations (0 when there are none). */
export function highestSequence(file: AnnotationFile): number {
  return Math.max(0, ...file.annotations.map((annotation) => Number(annotation.id.slice(2))));
}

/** Runs a program to its end; rejects with its stderr when it fails. */
export const runCommand = promisify(execFile);

/** Creates a temp folder under the OS temp folder; returns it and a remover. */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `corroborate-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Whether this process may make real faults (mount a tmpfs, switch user): root on Linux. */
export const isRootOnLinux = process.platform === 'linux' && process.getuid?.() === 0;

/**
 * Mounts a tmpfs with `options` (`size=64k`: a disk that fills up) on a new temp folder, or says
 * why it cannot (not root, or mount refused). Unmounting and removing are pushed onto `cleanups`.
 */
export async function mountTmpfs(options: string, cleanups: Array<() => Promise<unknown>>): Promise<{ dir: string } | { unavailable: string }> {
  const { dir, remove } = await makeTempDir('fault');
  cleanups.push(remove);
  if (!isRootOnLinux) return { unavailable: `not running as root on Linux (uid ${process.getuid?.() ?? 'n/a'}, ${process.platform})` };
  try {
    await runCommand('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  } catch (error) {
    return { unavailable: `mount -t tmpfs failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}` };
  }
  cleanups.push(() => runCommand('umount', ['-l', dir]));
  return { dir };
}

/**
 * A real tmpfs as `mountTmpfs` mounts it, for a test that means nothing without one: where it
 * cannot be mounted, says why on stderr and skips the running test (`context`).
 */
export async function mountTmpfsOrSkip(options: string, cleanups: Array<() => Promise<unknown>>, context: Pick<TestContext, 'skip'>): Promise<string> {
  const mounted = await mountTmpfs(options, cleanups);
  if ('dir' in mounted) return mounted.dir;
  const reason = `a real tmpfs (${options}) is needed, and ${mounted.unavailable}`;
  console.warn(`Skipped: ${reason}`);
  return context.skip(reason);
}

const bundles = new Map<string, Promise<string>>();

/**
 * Where bundled test children go: one fixed folder per checkout, overwritten by each test run, so
 * nothing piles up, and a run in another checkout (other code) never starts this one's children.
 */
const BUNDLE_DIR = join(tmpdir(), 'corroborate-test-children', createHash('sha256').update(TEST_CHILDREN_DIR).digest('hex').slice(0, 12));

/**
 * Bundles a script of `test-children/` (with its imports) into one self-contained .mjs file in a
 * world-readable temp folder, once per test process: a bundled child starts in about 0.15 s where
 * `node --import tsx` takes about 0.8 s, which is what lets the kill test run dozens of children,
 * and it runs for any user (the EACCES test runs one as `nobody`).
 */
export function bundleTestChild(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (bundle === undefined) {
    bundle = (async () => {
      await mkdir(BUNDLE_DIR, { recursive: true, mode: 0o755 });
      const outfile = join(BUNDLE_DIR, script.replace(/\.ts$/, '.mjs'));
      // Test files run in parallel: build under a unique name, then rename into place atomically.
      const building = `${outfile}.${process.pid}.${Date.now()}.building.mjs`;
      await build({
        entryPoints: [join(TEST_CHILDREN_DIR, script)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: building,
        logLevel: 'warning',
        // Bundled CommonJS dependencies may call require(); give the ES module one.
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      });
      await chmod(building, 0o644);
      await rename(building, outfile);
      return outfile;
    })();
    bundles.set(script, bundle);
  }
  return bundle;
}

/**
 * Runs a script of `test-children/` in a new Node process, optionally through a wrapper command
 * (e.g. `setpriv`), with stdin, stdout and stderr piped.
 */
export async function spawnTestChild(
  script: string,
  args: string[],
  wrapper: string[] = [],
): Promise<ChildProcessWithoutNullStreams> {
  const command = [...wrapper, process.execPath, await bundleTestChild(script), ...args];
  const [program, ...rest] = command as [string, ...string[]];
  return spawn(program, rest, { cwd: REPOSITORY_ROOT, stdio: 'pipe' });
}

/** Collects a child's output by lines and resolves with its exit once it has ended. */
export function watchChild(child: ChildProcessWithoutNullStreams): {
  lines: string[];
  stderr: () => string;
  nextLine: (matching: (line: string) => boolean) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  let errors = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  let closed = false;
  void exited.then(() => {
    closed = true;
  });
  const nextLine = (matching: (line: string) => boolean): Promise<string> =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = (): void => {
        for (; seen < lines.length; seen += 1) {
          const line = lines[seen] ?? '';
          if (matching(line)) {
            listeners.delete(check);
            resolve(line);
            return;
          }
        }
        if (closed || child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          reject(new Error(`child ended without the expected line; stderr:\n${errors}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { lines, stderr: () => errors, nextLine, exited };
}
