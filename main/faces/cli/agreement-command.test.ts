import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../shared/api/contract/agreement.js';
import { anaId, bobId, twoLayers } from '../../services/agreement/agreement.test-support.js';
import { makeTempDir } from '../../storage/test-support.js';
import { runCliCapturing as run } from './cli.test-support.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('agreement-cli'));
  workspaceDir = join(root, 'ws');
  await twoLayers(root, workspaceDir);
});
afterEach(async () => {
  await remove();
});

describe('corroborate agreement', () => {
  it('prints the report as JSON, every figure with how it was computed', async () => {
    const result = await run('agreement', '--workspace', workspaceDir, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(report.annotators.map((a) => a.id)).toEqual([anaId, bobId]);
    // See twoLayers: exact 4/6, overlap 1, links 1.
    expect(report.overall.spans.overall.f1Exact.value).toBeCloseTo(4 / 6, 10);
    expect(report.overall.spans.overall.f1Overlap.value).toBe(1);
    expect(report.overall.links!.f1.value).toBe(1);
    expect(report.overall.spans.overall.unitizingAlpha.method).toMatch(/^Krippendorff’s αu \(unitizing\), character level, any label/);
    expect(report.byDocument).toHaveLength(2);
  });

  it('prints readable tables without --json, and keeps to the articles asked for', async () => {
    const full = JSON.parse((await run('agreement', '--workspace', workspaceDir, '--json')).stdout) as AgreementReport;
    const result = await run('agreement', '--workspace', workspaceDir, '--documents', full.byDocument[0]!.documentId);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Agreement of 2 annotators (Ana López, Bob Stone) over 1 article all of them coded');
    // The first article: Ana's quote and claim, Bob's quote and shorter claim: exact 1 of 2 each → 0.5; overlap 1.
    expect(result.stdout).toMatch(/\n {2}every label +0\.500 +1\.000 +-?\d\.\d{3}\n/);
    expect(result.stdout).toContain('How these are computed');
    expect(result.stdout).toMatch(/Links +α +F1\n {2}cross-document links +— +—/);
  });

  it('says why it cannot compare, naming the workspace, and wrong usage exits 2', async () => {
    const unknown = await run('agreement', '--workspace', workspaceDir, '--annotators', `${anaId},nobody-123456`);
    expect(unknown).toMatchObject({ code: 1, stderr: `${workspaceDir}: There is no layer of the annotator "nobody-123456" in this workspace.\n` });
    expect(await run('agreement', '--workspace', workspaceDir, '--annotators', anaId)).toMatchObject({ code: 2 });
    expect(await run('agreement')).toMatchObject({ code: 2, stderr: expect.stringContaining('agreement needs --workspace DIR') });
    expect((await run('--help')).stdout).toContain('agreement --workspace DIR [--json] [--annotators ID,…] [--documents ID,…]');
    const missing = await run('agreement', '--workspace', join(root, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(join(root, 'nope'));
  });
});
