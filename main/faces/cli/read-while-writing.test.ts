import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIVE_FILE_NAME, NativeExportSchema } from '../../../shared/formats/native-json.js';
import { runCliProcess } from './cli.test-support.js';

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** The busy annotator child and what it has acknowledged so far. */
interface Writer {
  child: ChildProcessWithoutNullStreams;
  acked: Set<string>;
  links: Set<string>;
  deleted: Set<string>;
  /** Resolves once the child prints a line starting with `word` (any line when absent). */
  printed(word?: string): Promise<void>;
  stderr(): string;
}

function startWriter(workspaceDir: string): Writer {
  const child = spawn(
    join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsx'),
    ['main/faces/cli/test-children/busy-annotator.ts', workspaceDir, join(REPOSITORY_ROOT, 'fixtures', 'seeds')],
    { cwd: REPOSITORY_ROOT, stdio: 'pipe' },
  );
  const writer = { child, acked: new Set<string>(), links: new Set<string>(), deleted: new Set<string>() };
  const waiting: { word: string | undefined; resolve: () => void }[] = [];
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [kind, id] = line.split(' ');
    if (kind === 'ack') writer.acked.add(id!);
    if (kind === 'link') writer.links.add(id!);
    if (kind === 'deleted') writer.deleted.add(id!);
    for (const w of waiting.filter((w) => w.word === undefined || w.word === kind)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    ...writer,
    printed: (word) =>
      new Promise((resolveWait, reject) => {
        waiting.push({ word, resolve: resolveWait });
        child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before printing "${word ?? 'a line'}": ${errors}`)));
      }),
    stderr: () => errors,
  };
}

let root: string;
let writer: Writer | null = null;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-read-while-writing-'));
});
afterEach(async () => {
  if (writer && writer.child.exitCode === null) {
    writer.child.stdin.end();
    await new Promise((done) => writer!.child.once('exit', done));
  }
  writer = null;
  await rm(root, { recursive: true, force: true });
});

describe('reading a workspace while the app writes it', () => {
  it('runs stats --json, check and export as their own processes while another holds the lock and writes; every exported annotation was acknowledged', async () => {
    const ws = join(root, 'ws');
    writer = startWriter(ws);
    await writer.printed('ready');
    while (writer.acked.size < 5) await writer.printed('ack');

    for (let round = 0; round < 2; round++) {
      const ackedBefore = writer.acked.size;
      const out = join(root, `export-${round}`);
      const [stats, exported, checked] = await Promise.all([
        runCliProcess('stats', '--workspace', ws, '--json'),
        runCliProcess('export', '--workspace', ws, '--format', 'native', '--out', out, '--json'),
        runCliProcess('check', '--workspace', ws),
      ]);
      expect(stats, 'stats').toMatchObject({ code: 0, stderr: '' });
      expect(exported, 'export').toMatchObject({ code: 0, stderr: '' });
      expect(checked, 'check').toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(stats.stdout)).toMatchObject({ documents: 5, annotations: expect.any(Number) });
      // The writer kept writing while they read.
      expect(writer.acked.size).toBeGreaterThan(ackedBefore);

      const file = NativeExportSchema.parse(JSON.parse(await readFile(join(out, NATIVE_FILE_NAME), 'utf8')));
      const annotations = file.documents.flatMap((d) => d.annotations);
      expect(annotations.length).toBeGreaterThan(0);
      // One more line: the edit in flight when the export read its file (renamed into place, not yet
      // acknowledged) is acknowledged before the writer prints anything else.
      await writer.printed();
      for (const annotation of annotations) expect(writer.acked.has(annotation.id), `annotation ${annotation.id} was acknowledged`).toBe(true);
      for (const link of file.links) {
        expect(writer.links.has(link.id), `link ${link.id} was acknowledged`).toBe(true);
        // One moment's state: a link's ends are there, or were deleted (the link goes with them just after).
        const present = new Set(annotations.map((a) => a.id));
        for (const end of [link.source, link.target]) expect(present.has(end.annotationId) || writer.deleted.has(end.annotationId)).toBe(true);
      }
    }
    writer.child.stdin.end();
    await writer.printed('closed');
  }, 120_000);
});
