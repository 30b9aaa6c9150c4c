import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport, AgreementScope, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { makeTempDir } from '../../storage/test-support.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';

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

const ANA = { annotator: 'Ana López', email: 'ana@example.org' };
const BOB = { annotator: 'Bob Stone', email: 'bob@example.org' };
const anaId = annotatorIdOf({ name: ANA.annotator, email: ANA.email });
const bobId = annotatorIdOf({ name: BOB.annotator, email: BOB.email });

/** Opens the workspace as someone (each with their own app-data folder, as on their own machine). */
async function openAs(who: { annotator: string; email: string }): Promise<OpenWorkbench> {
  const env = { CORROBORATE_APP_DATA: join(root, `appdata-${who.email}`) };
  const workbench = await openWorkbench({ workspaceDir, env, samplesDir: join(process.cwd(), 'fixtures', 'seeds'), ...who });
  open.push(workbench);
  return workbench;
}

async function close(workbench: OpenWorkbench): Promise<void> {
  open.splice(open.indexOf(workbench), 1);
  await workbench.close();
}

/** Asks for the agreement until it is ready, as the view does. */
async function readyReport(api: WorkbenchApi, scope: AgreementScope = {}): Promise<{ report: AgreementReport; computedAt: string }> {
  for (let i = 0; i < 300; i++) {
    const state = await api.getAgreement(scope);
    if (state.status === 'ready') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the agreement was not ready in 15 s');
}

/** Marks the first occurrence of `phrase` in an article. */
async function mark(api: WorkbenchApi, documentId: string, phrase: string, labelId: string, cut = 0) {
  const { text } = await api.openDocument({ documentId });
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`${phrase} is not in ${documentId}`);
  return api.createAnnotation({ documentId, labelId, ranges: [{ start: start + cut, end: start + phrase.length }] });
}

const CALL = 'I did give him a phone call';
const CLAIM = 'Russell claims he has yet to get closure with Bottas';

/**
 * Ana and Bob each mark the same quote in the first article and link it as `same` to the same
 * quote of the second; Ana marks a claim that Bob marks from its second word. So, exact: Ana 3
 * spans, Bob 3, 2 matched → F1 = 4/6; overlap: 3 matched → 1; the links match → link F1 = 1.
 */
async function twoLayers(): Promise<{ first: string; second: string }> {
  const ana = await openAs(ANA);
  await ana.api.addSampleArticles();
  const [first, second] = (await ana.api.listDocuments()).map((d) => d.id) as [string, string];
  const secondText = (await ana.api.openDocument({ documentId: second })).text;
  const otherQuote = secondText.slice(secondText.indexOf('“') + 1, secondText.indexOf('”'));
  const annotate = async (who: OpenWorkbench, cut: number) => {
    const a = await mark(who.api, first, CALL, 'quote');
    const b = await mark(who.api, second, otherQuote, 'quote');
    await mark(who.api, first, CLAIM, 'claim', cut);
    await who.api.createLink({ typeId: 'same', source: { documentId: first, annotationId: a.id }, target: { documentId: second, annotationId: b.id } });
    await close(who);
  };
  await annotate(ana, 0);
  await annotate(await openAs(BOB), 8);
  return { first, second };
}

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
});
