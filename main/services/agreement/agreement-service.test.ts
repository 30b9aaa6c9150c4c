import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../storage/test-support.js';
import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { OpenWorkbench } from '../open-workbench.js';
import { AgreementService } from './agreement-service.js';
import { ANA, anaId, BOB, bobId, CALL, CLAIM, mark, openAs as openAsIn, readyReport, twoLayers as twoLayersIn } from './agreement.test-support.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
const open: OpenWorkbench[] = [];
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('agreement'));
  workspaceDir = join(root, 'ws');
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.close();
  await remove();
});

async function openAs(who: typeof ANA): Promise<OpenWorkbench> {
  const workbench = await openAsIn(root, workspaceDir, who);
  open.push(workbench);
  return workbench;
}

const twoLayers = () => twoLayersIn(root, workspaceDir);

describe('the agreement service', () => {
  it('computes the agreement of two annotators’ layers in the background, and keeps it until the files change', async () => {
    const { first } = await twoLayers();
    const bob = await openAs(BOB);
    const { report, computedAt } = await readyReport(bob.api);
    expect(report.annotators).toEqual([
      { id: anaId, name: 'Ana López' },
      { id: bobId, name: 'Bob Stone' },
    ]);
    expect(report.overall.documents).toBe(2);
    expect(report.overall.spans.overall.f1Exact.value).toBeCloseTo(4 / 6, 10);
    expect(report.overall.spans.overall.f1Overlap.value).toBe(1);
    expect(report.overall.links!.f1.value).toBe(1);
    expect(report.overall.clusters!.muc.value).toBe(1);
    expect(report.overall.spans.overall.f1Exact.method).toContain('between Ana López and Bob Stone, 2 articles: 3 spans and 3, 2 matched');

    // Kept: asked again, the same report, not computed again.
    expect(await bob.api.getAgreement({})).toMatchObject({ status: 'ready', computedAt });
    // An edit changes the files: the next report counts it.
    await mark(bob.api, first, 'Tensions flared up', 'fact');
    const { report: after, computedAt: later } = await readyReport(bob.api);
    expect(later).not.toBe(computedAt);
    expect(after.overall.spans.overall.f1Exact.value).toBeCloseTo(4 / 7, 10);
  });

  it('lists the disagreements behind a figure, with the place and each annotator’s version', async () => {
    const { first } = await twoLayers();
    const bob = await openAs(BOB);
    const { report } = await readyReport(bob.api);
    const claim = report.overall.spans.byLabel.find((l) => l.labelId === 'claim')!.figures.f1Exact;
    const list = await bob.api.listDisagreements({ cell: claim.cell });
    expect(list.total).toBe(1);
    const [boundary] = list.items;
    expect(boundary).toMatchObject({ kind: 'boundary-differs', place: { documentId: first, quote: CLAIM } });
    expect(boundary!.choices.map((c) => c.choice)).toEqual([`Claim “${CLAIM}”`, `Claim “${CLAIM.slice(8)}”`]);
    expect((await bob.api.listDisagreements({ cell: report.overall.links!.f1.cell })).total).toBe(0);
  });

  it('refuses a scope it cannot compare, saying why', async () => {
    const ana = await openAs(ANA);
    await ana.api.addSampleArticles();
    const [first] = (await ana.api.listDocuments()).map((d) => d.id);
    await mark(ana.api, first!, CALL, 'quote');
    await expect(readyReport(ana.api)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('at least two annotators') });
    await expect(ana.api.getAgreement({ annotators: [anaId, 'nobody-123456'] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'There is no layer of the annotator "nobody-123456" in this workspace.',
    });
  });

  it('caches what it read in the app-data folder for the next session, and works when that cache cannot be written', async () => {
    await twoLayers();
    let bob = await openAs(BOB);
    const { report } = await readyReport(bob.api);
    await bob.close();
    open.splice(open.indexOf(bob), 1);
    const cacheDir = join(root, `appdata-${BOB.email}`, 'agreement-cache');
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.cache'))).toHaveLength(1);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.parts')), 'the parts cache next to it').toHaveLength(1);
    expect(await filesUnder(workspaceDir), 'nothing of the cache is in the workspace').not.toContainEqual(expect.stringMatching(/cache/));

    const partsFile = join(cacheDir, (await readdir(cacheDir)).find((name) => name.endsWith('.parts'))!);
    bob = await openAs(BOB);
    expect((await readyReport(bob.api)).report, 'the next session, from the cache').toEqual(report);
    await bob.close();
    open.splice(open.indexOf(bob), 1);

    // The parts cache is what the next session uses: parts saying the first article has 7 orphaned annotations are believed.
    const bytes = await readFile(partsFile, 'latin1');
    const newline = bytes.indexOf('\n');
    const body = JSON.parse(bytes.slice(newline + 1)) as { articles: unknown[][] };
    body.articles[0]![6] = 7;
    const told = JSON.stringify(body).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const header = { ...(JSON.parse(bytes.slice(0, newline)) as object), sha256: createHash('sha256').update(told, 'latin1').digest('hex') };
    await writeFile(partsFile, `${JSON.stringify(header)}\n${told}`, 'latin1');
    bob = await openAs(BOB);
    expect((await readyReport(bob.api)).report.notes, 'the parts cache used').toContain('7 annotations that lost their place in a changed text were left out.');
    await bob.close();
    open.splice(open.indexOf(bob), 1);

    // Ana's app-data folder holds a file where the cache folder would be: nothing can be cached, the report is the same.
    await mkdir(join(root, `appdata-${ANA.email}`), { recursive: true });
    await writeFile(join(root, `appdata-${ANA.email}`, 'agreement-cache'), 'not a folder');
    const ana = await openAs(ANA);
    const fromAna = (await readyReport(ana.api)).report;
    expect(fromAna.overall).toEqual(report.overall);
    await ana.close();
    open.splice(open.indexOf(ana), 1);
  });

  it('caches nothing when its cache folder would be inside the workspace', async () => {
    await twoLayers();
    const bob = await openAs(BOB);
    const { report } = await readyReport(bob.api);
    const service = new AgreementService(bob.store, undefined, join(workspaceDir, 'agreement-cache'));
    try {
      expect((await readyReport(service.api() as WorkbenchApi)).report).toEqual(report);
    } finally {
      await service.stop();
    }
    expect(await filesUnder(workspaceDir), 'nothing of the cache is in the workspace').not.toContainEqual(expect.stringMatching(/cache/));
  });
});

/** Every file under `dir`, relative. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String);
}
