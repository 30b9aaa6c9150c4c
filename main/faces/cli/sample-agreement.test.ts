import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../shared/api/contract/agreement.js';
import { makeTempDir } from '../../storage/test-support.js';
import { runCliCapturing as run } from './cli.test-support.js';

// The five sample articles as two people annotated them on their own (fixtures/two-annotators):
// imported through the CLI as each, then compared. The figures are what the closing note of the
// agreement work reports; a change to a measure or to the alignment that moves them shows here.

const fixtures = resolve(import.meta.dirname, '../../../fixtures');
let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;

beforeAll(async () => {
  ({ dir: root, remove } = await makeTempDir('sample-agreement'));
  workspaceDir = join(root, 'pair');
  expect(await run('import', '--workspace', workspaceDir, join(fixtures, 'seeds'))).toMatchObject({ code: 0 });
  for (const [file, name] of [
    ['ana-reyes.w3c.json', 'Ana Reyes'],
    ['ben-okafor.w3c.json', 'Ben Okafor'],
  ] as const) {
    const imported = await run('import-annotations', '--workspace', workspaceDir, '--format', 'w3c', join(fixtures, 'two-annotators', file), '--annotator', name);
    expect(imported).toMatchObject({ code: 0 });
  }
}, 120_000);
afterAll(async () => {
  await remove();
});

describe('agreement of the sample articles annotated by two people', () => {
  it('imports both layers whole and gives the figures of every measure', { timeout: 120_000 }, async () => {
    const stats = JSON.parse((await run('stats', '--workspace', workspaceDir, '--json')).stdout) as { annotations: number; links: number };
    expect(stats).toMatchObject({ annotations: 118 + 121, links: 65 + 74 });

    const result = await run('agreement', '--workspace', workspaceDir, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(report.annotators.map((a) => a.name)).toEqual(['Ana Reyes', 'Ben Okafor']);
    const { overall } = report;
    expect(overall.documents).toBe(5);
    const value = (figure: { value: number | null }) => figure.value;
    expect(value(overall.spans.overall.f1Exact)).toBeCloseTo(0.552, 3);
    expect(value(overall.spans.overall.f1Overlap)).toBeCloseTo(0.77, 3);
    expect(value(overall.spans.overall.unitizingAlpha)).toBeCloseTo(0.921, 3);
    const attribute = (name: string) => overall.attributes.find((a) => `${a.labelId}.${a.attribute}` === name)!.figure;
    expect(value(attribute('claim.claimant'))).toBeCloseTo(0.077, 3);
    expect(value(attribute('quote.verbatim'))).toBeCloseTo(0.478, 3);
    expect(value(overall.links!.alpha)).toBeCloseTo(0.359, 3);
    expect(value(overall.links!.f1)).toBeCloseTo(0.532, 3);
    expect(value(overall.clusters!.conll)).toBeCloseTo(0.799, 3);
    expect(report.byDocument.map((d) => d.f1Exact)).toHaveLength(5);
  });
});
