import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANA, BOB, LAYERED_IDS } from '../../../shared/formats/layered-test-fixtures.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import { layeredWorkspace } from '../../services/exports/export.test-support.js';
import { runCliCapturing as run } from './cli.test-support.js';

let dir: string;
let ws: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-export-layers-cli-'));
  ws = join(dir, 'ws');
  await layeredWorkspace(ws);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const asAna = ['--annotator', ANA.name, '--email', ANA.email];
const spansOf = async (out: string) =>
  (await readFile(join(out, 'documents.jsonl'), 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line).spans as Array<{ id: string; annotator?: string }>);

describe('corroborate export --layer', () => {
  it('exports my layer by default, another annotator’s by id, every layer, or the curated layer with a fallback', async () => {
    const mine = await run('export', '--workspace', ws, '--format', 'jsonl', '--out', join(dir, 'mine'), ...asAna);
    expect(mine).toMatchObject({ code: 0, stderr: '' });
    expect(mine.stdout).toContain('Ana López’s layer.');
    expect((await spansOf(join(dir, 'mine'))).map((s) => s.length)).toEqual([10, 4, 2]);

    expect(await run('export', '--workspace', ws, '--format', 'jsonl', '--out', join(dir, 'bob'), '--layer', BOB.id, ...asAna)).toMatchObject({ code: 0 });
    expect((await spansOf(join(dir, 'bob'))).map((spans) => spans.map((s) => s.id))).toEqual([[LAYERED_IDS.bobClaim, LAYERED_IDS.bobFact], [], [LAYERED_IDS.bobPoliceFact]]);

    const all = await run('export', '--workspace', ws, '--format', 'jsonl', '--out', join(dir, 'all'), '--layer', 'all');
    expect(all.stdout).toContain('Every annotator’s layer (3: Ana López, Bob Stone, Curated)');
    expect(new Set((await spansOf(join(dir, 'all'))).flat().map((s) => s.annotator))).toEqual(new Set([ANA.id, BOB.id, CURATED_ANNOTATOR]));

    const curated = await run('export', '--workspace', ws, '--format', 'jsonl', '--out', join(dir, 'curated'), '--layer', 'curated', '--fallback', BOB.id, ...asAna);
    expect(curated).toMatchObject({ code: 0, stdout: expect.stringContaining('The curated layer of 1 of 3 articles; Bob Stone’s layer of the others.') });
    expect((await spansOf(join(dir, 'curated'))).map((spans) => spans.map((s) => s.annotator))).toEqual([[CURATED_ANNOTATOR, CURATED_ANNOTATOR], [], [BOB.id]]);
  });

  it('refuses an unknown annotator listing the workspace’s, every layer in doccano, and a --fallback without --layer curated', async () => {
    const unknown = await run('export', '--workspace', ws, '--format', 'csv', '--out', join(dir, 'x'), '--layer', 'carol-123456', ...asAna);
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: `There is no annotator "carol-123456" in ${ws}; its annotators are: ${ANA.id} (Ana López), ${BOB.id} (Bob Stone), curated (Curated).\n`,
    });
    const doccano = await run('export', '--workspace', ws, '--format', 'doccano', '--out', join(dir, 'x'), '--layer', 'all');
    expect(doccano).toMatchObject({ code: 1, stderr: expect.stringMatching(/^doccano’s JSONL has no annotator: .*Choose one annotator’s layer .* or the curated layer\.\n$/) });
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', join(dir, 'x'), '--fallback', BOB.id)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--fallback goes with --layer curated'),
    });
    expect(await run('export', '--workspace', ws, '--format', 'csv', '--out', join(dir, 'x'), '--layer', 'Bob Stone')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--layer "Bob Stone" is not an annotator id'),
    });
    const help = await run('--help');
    expect(help.stdout).toContain('[--layer curated|all|ANNOTATOR_ID] [--fallback ANNOTATOR_ID]');
  });
});
