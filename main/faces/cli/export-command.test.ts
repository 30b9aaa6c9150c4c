import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFixtureSnapshot } from '../../../shared/formats/test-fixtures.js';
import { fixtureWithoutAnnotations, workspaceHolding } from '../../services/exports/export.test-support.js';
import { runCliCapturing } from './cli.test-support.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-export-cli-'));
  const { store } = await workspaceHolding(join(dir, 'ws'), buildFixtureSnapshot());
  await store.close();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = runCliCapturing;

describe('corroborate export', () => {
  it('exports every format into a new folder and says what it wrote', async () => {
    for (const format of ['native', 'jsonl', 'w3c', 'w3c-jsonl', 'brat', 'csv', 'labelstudio', 'doccano', 'conll-coref']) {
      const out = join(dir, `out-${format}`);
      const result = await run('export', '--workspace', join(dir, 'ws'), '--format', format, '--out', out);
      expect(result, format).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`as ${format} (offsets: `);
      expect(result.stdout).toContain(`into ${out}:`);
      expect((await readdir(out)).length).toBeGreaterThan(0);
    }
  });

  it('refuses a folder not ours even with --force, an earlier export unless --force, and a missing workspace, with exit 1; wrong usage exits 2', async () => {
    const ws = join(dir, 'ws');
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'keep me');
    const refused = await run('export', '--workspace', ws, '--format', 'w3c', '--out', out, '--force');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${out} already exists and is not an export made by Corroborate`) });
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    const earlier = join(dir, 'earlier');
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', earlier)).toMatchObject({ code: 0 });
    expect(await run('export', '--workspace', ws, '--format', 'w3c', '--out', earlier)).toMatchObject({ code: 1, stderr: expect.stringContaining(`${earlier} already exists and is not empty`) });
    const forced = await run('export', '--workspace', ws, '--format', 'w3c', '--out', earlier, '--force');
    expect(forced.code).toBe(0);
    expect((await readdir(earlier)).sort()).toEqual(['.corroborate-export.json', 'annotations.jsonld']);

    const missing = await run('export', '--workspace', join(dir, 'nope'), '--format', 'w3c', '--out', join(dir, 'x'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining(`${join(dir, 'nope')} is not a Corroborate workspace`) });
    expect(await readdir(dir)).not.toContain('nope');
    expect(await run('export', '--workspace', ws, '--format', 'pdf', '--out', out)).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown export format "pdf"') });
    expect(await run('export', '--workspace', ws, '--format', 'brat')).toMatchObject({ code: 2, stderr: expect.stringContaining('export needs --out DIR') });
  });

  it('prints the summary as JSON with --json, and left-out items on stderr', async () => {
    const result = await run('export', '--workspace', join(dir, 'ws'), '--format', 'brat', '--out', join(dir, 'b'), '--json', '--labels', 'quote');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'brat', annotations: 5, links: 1, leftOut: [] });
  });

  it('runs as a command: npm run corroborate -- export … exits 0, and 1 on failure', () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'export', '--workspace', join(dir, 'ws'), '--format', 'doccano', '--out', join(dir, 'd')], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    const again = spawnSync(tsx, ['main/faces/cli/cli-command.ts', 'export', '--workspace', join(dir, 'ws'), '--format', 'doccano', '--out', join(dir, 'd')], { cwd: root, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists and is not empty');
  });
});

describe('corroborate import-workspace and import-annotations', () => {
  it('recreates a native export in a new folder, then adds W3C and brat annotations onto matching articles', async () => {
    await run('export', '--workspace', join(dir, 'ws'), '--format', 'native', '--out', join(dir, 'native'));
    const recreated = await run('import-workspace', '--workspace', join(dir, 'copy'), join(dir, 'native', 'corroborate-workspace.json'));
    expect(recreated).toMatchObject({ code: 0, stdout: expect.stringContaining('Recreated 3 documents, 16 annotations and 7 links') });

    const { store } = await workspaceHolding(join(dir, 'bare'), fixtureWithoutAnnotations());
    await store.close();
    await run('export', '--workspace', join(dir, 'ws'), '--format', 'w3c', '--out', join(dir, 'w3c'));
    const w3c = await run('import-annotations', '--workspace', join(dir, 'bare'), '--format', 'w3c', join(dir, 'w3c', 'annotations.jsonld'));
    expect(w3c).toMatchObject({ code: 0, stdout: 'Imported 16 annotations and 7 links into 3 documents.\n' });
    await run('export', '--workspace', join(dir, 'ws'), '--format', 'brat', '--out', join(dir, 'brat'));
    const brat = await run('import-annotations', '--workspace', join(dir, 'bare'), '--format', 'brat', join(dir, 'brat'));
    expect(brat).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 0 annotations and 0 links into 0 documents (23 already there') });
  });

  it('lists every problem with file and line and exits 1, importing nothing', async () => {
    await run('export', '--workspace', join(dir, 'ws'), '--format', 'w3c-jsonl', '--out', join(dir, 'w3c'));
    const file = join(dir, 'w3c', 'annotations.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"urn:corroborate:label:quote"', '"urn:corroborate:label:opinion"').replace('"value":"Quote"', '"value":"Opinion"'));
    const { store } = await workspaceHolding(join(dir, 'bare'), fixtureWithoutAnnotations());
    await store.close();
    const result = await run('import-annotations', '--workspace', join(dir, 'bare'), '--format', 'w3c', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file}:2 \\(urn:uuid:a1000000-0000-4000-8000-000000000002\\): its label is missing or unknown; skipped`));
    expect(result.stderr).toContain('nothing was imported');
    expect(await run('import-annotations', '--workspace', join(dir, 'bare'), '--format', 'native', file)).toMatchObject({ code: 2, stderr: expect.stringContaining('import-workspace') });
  });
});
