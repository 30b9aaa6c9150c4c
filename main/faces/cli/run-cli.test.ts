import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCapturing } from './cli.test-support.js';
import { CLI_COMMANDS } from './run-cli.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const seedsDir = join(root, 'fixtures', 'seeds');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = runCliCapturing;

describe('corroborate CLI', () => {
  it('prints help, and refuses unknown commands and missing arguments with exit code 2', async () => {
    expect(await run('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('import --workspace DIR PATH...') });
    expect((await run()).code).toBe(2);
    expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') });
    expect(await run('import', 'a.txt')).toMatchObject({ code: 2, stderr: expect.stringContaining('import needs --workspace DIR') });
    expect(await run('import', '--workspace', dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one FILE') });
    expect(await run('stats', '--workspace', dir, '--colour')).toMatchObject({ code: 2 });
  });

  it('imports the seed articles and reports stats as JSON', async () => {
    const seeds = (await readdir(seedsDir)).map((f) => join(seedsDir, f));
    const ws = join(dir, 'ws');
    const imported = await run('import', '--workspace', ws, ...seeds);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining(`Imported 5 articles into ${ws}`) });
    const again = await run('import', '--workspace', ws, seeds[0]!);
    expect(again.stdout).toContain('already in the workspace');
    expect(again.stdout).toContain(`Imported 0 articles into ${ws}; 1 already present.`);
    const stats = await run('stats', '--workspace', ws, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({
      documents: 5,
      annotations: 0,
      annotationsByLabel: { claim: 0, quote: 0, fact: 0 },
      links: 0,
      linksByType: { same: 0, paraphrase: 0, supports: 0, contradicts: 0 },
      annotationsByAnnotator: {},
      documentsDoneByAnnotator: {},
    });
    expect((await run('stats', '--workspace', ws)).stdout).toContain('Documents:   5');
  });

  it('names the bad file and imports nothing when any file is bad', async () => {
    const good = join(seedsDir, (await readdir(seedsDir))[0]!);
    const cases: [string, Buffer | string, RegExp][] = [
      ['binary.txt', Buffer.from([0x47, 0x00, 0x01, 0x02]), /binary\.txt is not a text file/],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /latin1\.txt is not valid UTF-8/],
      ['blank.txt', '  \n\n ', /blank\.txt contains only whitespace/],
      ['report.pdf', '%PDF-1.4', /report\.pdf: PDF documents \(\.pdf\) cannot be imported/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      await writeFile(file, content);
      const ws = join(dir, `ws-${name}`);
      const result = await run('import', '--workspace', ws, good, file);
      expect(result.code, name).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(await readdir(dir)).not.toContain(`ws-${name}`);
    }
    const missing = await run('import', '--workspace', join(dir, 'ws'), join(dir, 'nope.txt'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('nope.txt: no such file') });
  });

  it('runs as a command with real exit codes', () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'import', '--workspace', join(dir, 'ws'), join(seedsDir, '000_68d59631ab4d7e7c.txt')], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const stats = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'stats', '--workspace', join(dir, 'ws'), '--json'], { cwd: root, encoding: 'utf8' });
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout).documents).toBe(1);
    const missing = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'stats', '--workspace', join(dir, 'nonexistent')], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`${join(dir, 'nonexistent')} is not a Corroborate workspace (the folder does not exist). Only commands that write, such as import, create a workspace.\n`);
    const bad = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'import'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('import needs --workspace DIR');
  });
});

describe('a workspace that does not exist', () => {
  // What each command is given; every command of the CLI must be listed, so a new one is checked too.
  const argsOf: Record<string, (ws: string) => string[]> = {
    import: (ws) => ['--workspace', ws, join(seedsDir, '000_68d59631ab4d7e7c.txt')],
    stats: (ws) => ['--workspace', ws, '--json'],
    check: (ws) => ['--workspace', ws],
    restore: (ws) => ['--workspace', ws, 'workspace.json'],
    export: (ws) => ['--workspace', ws, '--format', 'jsonl', '--out', join(dir, 'export-out')],
    'import-annotations': (ws) => ['--workspace', ws, '--format', 'w3c', join(seedsDir, '000_68d59631ab4d7e7c.txt')],
    'import-workspace': (ws) => ['--workspace', ws, join(dir, 'corroborate-workspace.json')],
    share: (ws) => ['--workspace', ws, '--remote', 'http://127.0.0.1:9/team.git', '--annotator', 'Ann'],
    join: (ws) => ['--remote', 'http://127.0.0.1:9/team.git', '--workspace', ws],
    sync: (ws) => ['--workspace', ws, '--annotator', 'Ann'],
    history: (ws) => ['--workspace', ws, '--document', 'Flood'],
    agreement: (ws) => ['--workspace', ws],
  };
  /** The commands that write a new workspace, and so may create its folder. */
  const creators = new Set(['import', 'import-workspace', 'join']);

  it('is created only by commands that write; every other command says it is not there and exits 1', async () => {
    expect(Object.keys(argsOf).sort()).toEqual(CLI_COMMANDS.map((c) => c.name).sort());
    for (const command of CLI_COMMANDS.filter((c) => !creators.has(c.name))) {
      for (const [what, prepare] of [
        ['missing', async () => undefined],
        ['empty', (ws: string) => mkdir(ws)],
      ] as const) {
        const ws = join(dir, `ws-${command.name}-${what}`);
        await prepare(ws);
        const result = await run(command.name, ...argsOf[command.name]!(ws));
        expect(result.code, `${command.name} on a ${what} folder`).toBe(1);
        expect(result.stderr, command.name).toMatch(/is not a Corroborate workspace|workspace\.json: it cannot be read \(ENOENT\)/);
        expect(await readdir(dir), command.name).toEqual(what === 'missing' ? [] : [`ws-${command.name}-${what}`]);
        if (what === 'empty') expect(await readdir(ws), command.name).toEqual([]);
        await rm(ws, { recursive: true, force: true });
      }
    }
    const imported = await run('import', ...argsOf.import!(join(dir, 'new-ws')));
    expect(imported.code).toBe(0);
    expect(await readdir(join(dir, 'new-ws'))).toContain('workspace.json');
  });
});

describe('corroborate check and restore', () => {
  it('reports a sound workspace, then names each broken file and exits 1 without changing it', async () => {
    const seeds = (await readdir(seedsDir)).map((f) => join(seedsDir, f));
    const ws = join(dir, 'ws');
    await run('import', '--workspace', ws, ...seeds);
    expect(await run('check', '--workspace', ws)).toMatchObject({ code: 0, stdout: expect.stringContaining('every file reads and validates') });

    const docs = await readdir(join(ws, 'documents'));
    await writeFile(join(ws, 'documents', docs[0]!), 'edited behind our back');
    const layer = join(ws, 'annotations', (await readdir(join(ws, 'annotations')))[1]!, 'owner.json');
    await writeFile(layer, '{"truncated": ');
    const checked = await run('check', '--workspace', ws);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${join(ws, 'documents', docs[0]!)}: the text of`);
    expect(checked.stderr).toContain(layer);
    expect(checked.stderr).toContain('2 problems found; no file was changed.');
    expect(await readFile(layer, 'utf8')).toBe('{"truncated": ');
  });

  it('restores workspace.json from its newest valid backup', async () => {
    const seeds = (await readdir(seedsDir)).map((f) => join(seedsDir, f));
    const ws = join(dir, 'ws');
    // Two imports: an import is one change, so the newest backup is the workspace before the second.
    await run('import', '--workspace', ws, ...seeds.slice(0, 4));
    await run('import', '--workspace', ws, seeds[4]!);
    await writeFile(join(ws, 'workspace.json'), '');
    expect((await run('check', '--workspace', ws)).code).toBe(1);
    const restored = await run('restore', '--workspace', ws, 'workspace.json');
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringContaining('Restored workspace.json from the backup') });
    expect((await run('check', '--workspace', ws)).code).toBe(0);
    expect(JSON.parse((await run('stats', '--workspace', ws, '--json')).stdout).documents).toBe(4);
  });
});

describe('the documented entry points', () => {
  it('npm run corroborate runs the CLI', () => {
    const result = spawnSync('npm', ['run', '--silent', 'corroborate', '--', '--help'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: corroborate <command>');
  });
});
