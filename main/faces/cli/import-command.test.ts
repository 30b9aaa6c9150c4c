import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceFileSchema } from '../../../shared/model/workspace.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { runCli } from './run-cli.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'import');
let dir: string;
let ws: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-import-cli-'));
  ws = join(dir, 'ws');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

async function titles(): Promise<string[]> {
  const workspace = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(ws, 'workspace.json'), 'utf8')));
  return workspace.documents.map((d) => d.title);
}

describe('corroborate import', () => {
  it('imports a folder recursively; one bad file imports nothing, unless --skip-errors', async () => {
    const folder = join(FIXTURES, 'folder', 'news');
    const refused = await run('import', '--workspace', ws, folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^news\/2021\/broken\.jsonl, line 2, column 1: not valid JSON: .*\nNothing was imported: 1 file cannot be imported \(use --skip-errors to import the others\)\.\n$/);
    expect(await readdir(dir)).not.toContain('ws');

    const imported = await run('import', '--workspace', ws, '--skip-errors', folder);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Skipped news/.hidden-notes.txt is hidden, so it was left out.\n');
    expect(imported.stdout).toContain('Skipped news/photo.jpg: images (.jpg) are not article files, so it was left out.\n');
    expect(imported.stdout).toContain(`Imported 3 articles into ${ws}; 1 file not imported; 3 files skipped.\n`);
    expect(imported.stderr).toMatch(/news\/2021\/broken\.jsonl, line 2/);
    expect(await titles()).toEqual(['Bottas responds', 'Hamilton backs Russell', 'Russell apologises']);
  });

  it('imports every format named on the command line, and corpora all or nothing', async () => {
    const cases = join(FIXTURES, 'cases');
    const result = await run('import', '--workspace', ws, join(cases, 'corpus.json'), join(cases, 'corpus.jsonl'), join(cases, 'utf16be.txt'), join(FIXTURES, 'article-with-metadata.html'), join(FIXTURES, 'article-with-front-matter.md'));
    expect(result).toMatchObject({ code: 0, stdout: `Imported 7 articles into ${ws}.\n` });
    const bad = await run('import', '--workspace', ws, join(cases, 'no-text.json'));
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('no-text.json, line 3, column 3: record 2 has no "text" field') });
    expect(await titles()).toHaveLength(7);
  });

  it('reports a new version and imports nothing for it, or replaces it with --replace, orphaning what cannot be placed', async () => {
    const v1 = join(dir, 'v1');
    await cp(join(FIXTURES, 'versions', 'v1'), v1, { recursive: true });
    expect((await run('import', '--workspace', ws, join(v1, 'russell-apology.txt'))).code).toBe(0);
    const workbench = await openWorkbench({ workspaceDir: ws });
    const [doc] = await workbench.api.listDocuments();
    const { text } = await workbench.api.openDocument({ documentId: doc!.id });
    const quote = 'he was wrong to confront Bottas';
    await workbench.api.createAnnotation({ documentId: doc!.id, labelId: 'quote', ranges: [{ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length }] });
    await workbench.store.close();

    const v2 = join(FIXTURES, 'versions', 'v2', 'russell-apology.txt');
    const offered = await run('import', '--workspace', ws, v2);
    expect(offered).toMatchObject({
      code: 0,
      stdout: `russell-apology.txt: "Russell apologises to Bottas" is a new version of "Russell apologises to Bottas"; nothing imported for it (use --replace to replace the document).\nImported 0 articles into ${ws}; 1 new version not replaced.\n`,
    });
    const replaced = await run('import', '--workspace', ws, '--replace', v2);
    expect(replaced.stdout).toBe(`Replaced "Russell apologises to Bottas" with its new version: 0 annotations placed, 1 orphaned.\nImported 0 articles into ${ws}; replaced 1.\n`);
    const stats = JSON.parse((await run('stats', '--workspace', ws, '--json')).stdout);
    expect(stats).toMatchObject({ documents: 1, annotations: 1 });
    expect((await run('check', '--workspace', ws)).code).toBe(0);
  });

  it('refuses a file over --max-bytes before reading it, and a bad limit as wrong usage', async () => {
    const file = join(FIXTURES, 'folder', 'news', 'russell.txt');
    expect(await run('import', '--workspace', ws, '--max-bytes', '50', file)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('russell.txt is 104 bytes, more than the 50 bytes an article file may be'),
    });
    expect(await run('import', '--workspace', ws, '--max-bytes', 'lots', file)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-bytes must be a size in bytes such as 52428800 or 50MB, not "lots".'),
    });
    const env = await runCli(['import', '--workspace', ws, file], { stdout: () => {}, stderr: () => {}, env: { CORROBORATE_MAX_IMPORT_BYTES: '10' } });
    expect(env).toBe(1);
  });
});
