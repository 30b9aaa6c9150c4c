import { join } from 'node:path';
import type { AgreementReport, AgreementScope, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';

/** Two annotators of the agreement tests. */
export const ANA = { annotator: 'Ana López', email: 'ana@example.org' };
export const BOB = { annotator: 'Bob Stone', email: 'bob@example.org' };
export const anaId = annotatorIdOf({ name: ANA.annotator, email: ANA.email });
export const bobId = annotatorIdOf({ name: BOB.annotator, email: BOB.email });

/** Opens `workspaceDir` as someone (each with their own app-data folder under `root`, as on their own machine). */
export async function openAs(root: string, workspaceDir: string, who: { annotator: string; email: string }): Promise<OpenWorkbench> {
  const env = { CORROBORATE_APP_DATA: join(root, `appdata-${who.email}`) };
  return openWorkbench({ workspaceDir, env, samplesDir: join(process.cwd(), 'fixtures', 'seeds'), ...who });
}

/** Asks for the agreement until it is ready, as the view does. */
export async function readyReport(api: WorkbenchApi, scope: AgreementScope = {}): Promise<{ report: AgreementReport; computedAt: string }> {
  for (let i = 0; i < 300; i++) {
    const state = await api.getAgreement(scope);
    if (state.status === 'ready') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the agreement was not ready in 15 s');
}

/** Marks the first occurrence of `phrase` in an article (from its `cut`-th character). */
export async function mark(api: WorkbenchApi, documentId: string, phrase: string, labelId: string, cut = 0) {
  const { text } = await api.openDocument({ documentId });
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`${phrase} is not in ${documentId}`);
  return api.createAnnotation({ documentId, labelId, ranges: [{ start: start + cut, end: start + phrase.length }] });
}

/** A phrase of the first sample article Ana and Bob both mark as a quote. */
export const CALL = 'I did give him a phone call';
/** A claim of the first sample article: Ana marks all of it, Bob from its second word. */
export const CLAIM = 'Russell claims he has yet to get closure with Bottas';

/**
 * The sample articles, with Ana's and Bob's layers: each marks the same quote in the first article
 * and links it as `same` to the same quote of the second; Ana marks a claim that Bob marks from its
 * second word. So, exact: Ana 3 spans, Bob 3, 2 matched → F1 = 4/6; overlap: 3 matched → 1; the
 * links match → link F1 = 1. Both are closed again.
 */
export async function twoLayers(root: string, workspaceDir: string): Promise<{ first: string; second: string }> {
  const ana = await openAs(root, workspaceDir, ANA);
  await ana.api.addSampleArticles();
  const [first, second] = (await ana.api.listDocuments()).map((d) => d.id) as [string, string];
  const secondText = (await ana.api.openDocument({ documentId: second })).text;
  const otherQuote = secondText.slice(secondText.indexOf('“') + 1, secondText.indexOf('”'));
  const annotate = async (who: OpenWorkbench, cut: number) => {
    const a = await mark(who.api, first, CALL, 'quote');
    const b = await mark(who.api, second, otherQuote, 'quote');
    await mark(who.api, first, CLAIM, 'claim', cut);
    await who.api.createLink({ typeId: 'same', source: { documentId: first, annotationId: a.id }, target: { documentId: second, annotationId: b.id } });
    await who.close();
  };
  await annotate(ana, 0);
  await annotate(await openAs(root, workspaceDir, BOB), 8);
  return { first, second };
}

/** The content hash of the text of the annotation files `annotationFileText` writes (article d1). */
export const HASH = `sha256:${'a'.repeat(64)}`;

/** Ana's claim from `start` to `end` in article d1 as the store writes it, with a verdict, a note and times (`extra` replaces fields). */
export const storedAnnotation = (id: string, start: number, end: number, extra: Record<string, unknown> = {}) => ({
  id,
  documentId: 'd1',
  labelId: 'claim',
  fragments: [{ start, end, exact: 'x'.repeat(end - start), prefix: 'p', suffix: 's' }],
  contentHash: HASH,
  attributes: { verdict: 'true' },
  note: 'a note',
  author: 'Ana',
  annotator: 'ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  orphaned: false,
  ...extra,
});

/** The text of Ana's annotation file of article d1 holding `annotations` (`overrides` replaces fields), indented as the store writes it. */
export const annotationFileText = (annotations: unknown[], overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ schemaVersion: 2, documentId: 'd1', annotator: 'ana', contentHash: HASH, annotations, ...overrides }, null, 2);
