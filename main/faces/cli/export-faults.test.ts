import { mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSnapshot } from '../../../shared/formats/test-fixtures.js';
import { fixtureWithoutAnnotations, readFolderBytes, workspaceHolding } from '../../services/exports/export.test-support.js';
import { mountTmpfsOrSkip } from '../../storage/test-support.js';
import { runCliCapturing as run, runCliProcess } from './cli.test-support.js';

// Faults a probe found in export and import, met as a user meets them: the command line (a child
// process where a real fault is involved), real folders, a real full disk.

let root: string;
let ws: string;
let other: string;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-export-faults-'));
  ws = join(root, 'ws');
  other = join(root, 'other');
  for (const dir of [ws, other]) {
    const { store } = await workspaceHolding(dir, buildFixtureSnapshot());
    await store.close();
  }
  // An article big enough that the whole native export cannot fit on the 16 KB disk.
  await writeFile(join(root, 'long-article.txt'), `Long article\n\n${'The council met again on Tuesday and the toll was revised. '.repeat(700)}\n`);
  expect(await run('import', '--workspace', ws, join(root, 'long-article.txt'))).toMatchObject({ code: 0 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SMALL_DOCUMENT = 'c0000000-0000-4000-8000-00000000000c';
/** What opening a workspace adds and closing removes. */
const TRANSIENT = ['workspace.lock'];

describe('export onto a full disk (a real 16 KB tmpfs)', () => {
  it('exits 1 saying the disk is full, leaves the earlier export byte for byte, and a new destination absent', async (context) => {
    const disk = await mountTmpfsOrSkip('size=16k', cleanups, context);
    const out = join(disk, 'export');
    const earlier = await runCliProcess('export', '--workspace', ws, '--format', 'native', '--out', out, '--documents', SMALL_DOCUMENT);
    expect(earlier).toMatchObject({ code: 0, stderr: '' });
    const before = await readFolderBytes(out);
    expect(JSON.parse((before.get('corroborate-workspace.json') as Buffer).toString('utf8')).documents).toHaveLength(1);

    const replacing = await runCliProcess('export', '--workspace', ws, '--format', 'native', '--out', out, '--force');
    expect(replacing.code).toBe(1);
    expect(replacing.stdout).toBe('');
    expect(replacing.stderr).toBe(`The export to ${out} could not be written whole: the disk is full (ENOSPC). ${out} was left exactly as it was.\n`);
    expect(await readFolderBytes(out)).toEqual(before);
    expect(await readdir(disk)).toEqual(['export']); // no temp folder left behind

    const fresh = join(disk, 'new', 'folders', 'fresh'); // the folders it would create go too
    const writingNew = await runCliProcess('export', '--workspace', ws, '--format', 'native', '--out', fresh);
    expect(writingNew).toMatchObject({ code: 1, stdout: '' });
    expect(writingNew.stderr).toBe(`The export to ${fresh} could not be written whole: the disk is full (ENOSPC). Nothing was written.\n`);
    expect(await readdir(disk)).toEqual(['export']);
    console.info('ENOSPC was real: a 16 KB tmpfs');
  });
});

describe('export never writes into a workspace, nor over anything but its own earlier export', () => {
  it('refuses every place inside any workspace, even with --force, naming it; both workspaces stay intact and pass check', async () => {
    const lockOnly = join(root, 'lock-only');
    await mkdir(lockOnly);
    await writeFile(join(lockOnly, 'workspace.lock'), '{}');
    const layoutOnly = join(root, 'layout-only'); // a workspace whose workspace.json is gone
    await mkdir(join(layoutOnly, 'documents'), { recursive: true });
    await mkdir(join(layoutOnly, 'annotations'));
    await symlink(join(other, '.backups'), join(root, 'backups-link'));
    const refused: Array<[string, string]> = [
      [join(ws, 'workspace.json'), `${join(ws, 'workspace.json')} is inside the Corroborate workspace ${ws}`],
      [join(ws, '.backups'), `${join(ws, '.backups')} is inside the Corroborate workspace ${ws}`],
      [join(ws, 'documents'), `${join(ws, 'documents')} is inside the Corroborate workspace ${ws}`],
      [join(ws, 'annotations', 'new'), `${join(ws, 'annotations', 'new')} is inside the Corroborate workspace ${ws}`],
      [join(ws, 'exports'), `${join(ws, 'exports')} is inside the Corroborate workspace ${ws}`],
      [ws, `${ws} holds the workspace itself`],
      [root, `${root} holds the workspace itself`],
      [other, `${other} is a Corroborate workspace`],
      [join(other, 'workspace.json'), `${join(other, 'workspace.json')} is inside the Corroborate workspace ${other}`],
      [join(other, '.backups'), `${join(other, '.backups')} is inside the Corroborate workspace ${other}`],
      [join(root, 'backups-link'), `${join(root, 'backups-link')} is inside the Corroborate workspace ${other}`],
      [join(root, 'backups-link', 'new'), `${join(root, 'backups-link', 'new')} is inside the Corroborate workspace ${other}`],
      [join(lockOnly, 'out'), `is inside the Corroborate workspace ${lockOnly}`],
      [layoutOnly, `${layoutOnly} is a Corroborate workspace`],
    ];
    const before = { ws: await readFolderBytes(ws), other: await readFolderBytes(other), root: (await readdir(root)).sort() };
    for (const [destination, message] of refused) {
      const result = await run('export', '--workspace', ws, '--format', 'csv', '--out', destination, '--force');
      expect(result, destination).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr, destination).toContain(message);
      expect(result.stderr, destination).toMatch(/never writes into a workspace|choose a folder outside it/);
    }
    expect(await readFolderBytes(ws, TRANSIENT)).toEqual(before.ws);
    expect(await readFolderBytes(other)).toEqual(before.other);
    expect((await readdir(root)).sort()).toEqual(before.root);
    for (const dir of [ws, other]) {
      expect(await run('check', '--workspace', dir), dir).toMatchObject({ code: 0 });
      expect(JSON.parse((await run('stats', '--workspace', dir, '--json')).stdout).documents, dir).toBeGreaterThanOrEqual(3);
    }
    // Below a workspace's exports/ folder is where exports go.
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', join(ws, 'exports', 'csv-1'))).toMatchObject({ code: 0 });
    expect(await run('export', '--workspace', other, '--format', 'csv', '--out', join(other, 'exports', 'csv-1'))).toMatchObject({ code: 0 });
  });

  it('refuses a folder or file that is not an export of ours, even with --force, and replaces only its own export', async () => {
    const notes = join(root, 'notes');
    await mkdir(notes);
    await writeFile(join(notes, 'notes.txt'), 'keep me');
    const report = join(root, 'report.csv');
    await writeFile(report, 'a,b\r\n');
    const notesRefused = await run('export', '--workspace', ws, '--format', 'csv', '--out', notes, '--force');
    expect(notesRefused).toMatchObject({ code: 1, stderr: `${notes} already exists and is not an export made by Corroborate (it has no .corroborate-export.json), so it is not replaced. Choose a new or empty folder.\n` });
    expect(await readFolderBytes(notes)).toEqual(new Map([['notes.txt', Buffer.from('keep me')]]));
    const fileRefused = await run('export', '--workspace', ws, '--format', 'csv', '--out', report, '--force');
    expect(fileRefused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${report} is a file, not a folder; an export never replaces a file.`) });
    expect(await readFile(report, 'utf8')).toBe('a,b\r\n');

    const out = join(root, 'own-export');
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', out)).toMatchObject({ code: 0 });
    expect((await readdir(out)).sort()).toEqual(['.corroborate-export.json', 'annotations.csv', 'documents.csv', 'links.csv']);
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', out)).toMatchObject({ code: 1, stderr: expect.stringContaining(`${out} already exists and is not empty (it holds an earlier export). Choose a new folder, or replace it (--force`) });
    expect(await run('export', '--workspace', ws, '--format', 'w3c', '--out', out, '--force')).toMatchObject({ code: 0 });
    expect((await readdir(out)).sort()).toEqual(['.corroborate-export.json', 'annotations.jsonld']);
    await writeFile(join(out, 'my-analysis.txt'), 'mine');
    const extraRefused = await run('export', '--workspace', ws, '--format', 'csv', '--out', out, '--force');
    expect(extraRefused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${out} holds ${join(out, 'my-analysis.txt')}, which is not part of the export Corroborate wrote there`) });
    expect(await readFile(join(out, 'my-analysis.txt'), 'utf8')).toBe('mine');
    await unlink(join(out, 'my-analysis.txt'));
  });
});

describe('importing a file with nothing to import is an error naming it', () => {
  const deepArrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;

  it.each([
    ['an empty file', '', 'the file is empty (0 bytes); there is nothing to import'],
    ['white space only', '\ufeff \n\t\n', 'the file holds only white space; there is nothing to import'],
    ['100,000 nested arrays', deepArrays, 'it nests arrays or objects more than 100 levels deep'],
    ['100,000 nested objects', deepObjects, 'it nests arrays or objects more than 100 levels deep'],
    ['a deeply nested line of JSON Lines', `{"type":"Annotation"}\n${deepArrays}\n`, 'it nests arrays or objects more than 100 levels deep'],
    ['an empty list', '[]', 'it holds no annotations (an empty list or collection); there is nothing to import'],
    ['an empty collection', '{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[]}}', 'it holds no annotations'],
  ])('W3C: %s', async (_name, content, reason) => {
    const bare = join(root, `bare-w3c-${Math.random().toString(36).slice(2)}`);
    const { store } = await workspaceHolding(bare, fixtureWithoutAnnotations());
    await store.close();
    const file = join(root, 'input.jsonld');
    await writeFile(file, content);
    // The deepest input runs in its own process, as a user runs it: a stack overflow would show there.
    const runner = content === deepArrays ? runCliProcess : run;
    const result = await runner('import-annotations', '--workspace', bare, '--format', 'w3c', file);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(`${file}`);
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('nothing was imported');
    expect(JSON.parse((await run('stats', '--workspace', bare, '--json')).stdout).annotations).toBe(0);
  });

  it.each([
    ['empty .ann files', ''],
    ['.ann files of white space only', '\n  \n\t\n'],
  ])('brat: %s', async (_name, ann) => {
    const folder = join(root, `brat-${Math.random().toString(36).slice(2)}`);
    expect(await run('export', '--workspace', other, '--format', 'brat', '--out', folder)).toMatchObject({ code: 0 });
    for (const name of await readdir(folder)) {
      if (name.endsWith('.ann')) await writeFile(join(folder, name), ann);
      if (name.endsWith('.tsv') || name.startsWith('.')) await unlink(join(folder, name));
    }
    const bare = join(root, `bare-brat-${Math.random().toString(36).slice(2)}`);
    const { store } = await workspaceHolding(bare, fixtureWithoutAnnotations());
    await store.close();
    const result = await run('import-annotations', '--workspace', bare, '--format', 'brat', folder);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(`${folder}: its .ann files hold no annotations and no links; there is nothing to import`);
    expect(JSON.parse((await run('stats', '--workspace', bare, '--json')).stdout).annotations).toBe(0);
  });

  it.each([
    ['an empty file', '', 'the file is empty (0 bytes); there is nothing to import'],
    ['white space only', '  \n', 'the file holds only white space; there is nothing to import'],
    ['100,000 nested arrays', deepArrays, 'it nests arrays or objects more than 100 levels deep'],
    ['100,000 nested objects', deepObjects, 'it nests arrays or objects more than 100 levels deep'],
    [
      'an export without documents',
      JSON.stringify({ format: 'corroborate-native', schemaVersion: buildFixtureSnapshot().schemaVersion, labels: [], linkTypes: [], documents: [], links: [] }),
      'it holds no documents; there is nothing to recreate',
    ],
  ])('native: %s', async (_name, content, reason) => {
    const file = join(root, 'native-input.json');
    await writeFile(file, content);
    const target = join(root, `recreated-${Math.random().toString(36).slice(2)}`);
    const runner = content === deepArrays ? runCliProcess : run;
    const result = await runner('import-workspace', '--workspace', target, file);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(`${file}: ${reason}`);
    expect(result.stderr).toContain('Nothing was imported.');
    expect(await readdir(root)).not.toContain(target.slice(root.length + 1));
  });
});
