import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { AnnotationFileSchema, LinkLayerFileSchema } from '../shared/model/workspace.js';
import { openWorkbench } from '../main/services/open-workbench.js';
import { violationsOf } from './support/axe-rules.js';
import { CURATION_AXE_RULES, disagreementCard, openAsCurator, shootCurateView, stopCuratorHosts } from './support/curation-steps.js';
import { ANA, BOB } from '../main/services/curation/curation.test-support.js';
import { openArticle } from './support/editor-steps.js';
import { shoot } from './support/screenshots.js';
import { expect, test } from './support/workbench-fixture.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const AGREED = 'Russell took out himself and the Mercedes of Valtteri Bottas';

test.afterEach(stopCuratorHosts);

/** Each annotator's layer of the Hamilton article, made through the services as them (each with their own app data, as on their own machine). */
async function seedLayers(workspaceDir: string, scratchDir: string): Promise<string> {
  type Span = [phrase: string, labelId: string, attributes?: Record<string, string>];
  let documentId = '';
  const annotate = async (who: typeof ANA, spans: Span[], link?: [number, number]) => {
    const workbench = await openWorkbench({ workspaceDir, env: { CORROBORATE_APP_DATA: join(scratchDir, who.email) }, ...who });
    await workbench.api.addSampleArticles();
    documentId = (await workbench.api.listDocuments()).find((d) => d.title === HAMILTON)!.id;
    const { text } = await workbench.api.openDocument({ documentId });
    const ids: string[] = [];
    for (const [phrase, labelId, attributes] of spans) {
      const start = text.indexOf(phrase);
      const made = await workbench.api.createAnnotation({ documentId, labelId, ranges: [{ start, end: start + phrase.length }] });
      if (attributes) await workbench.api.updateAnnotation({ documentId, annotationId: made.id, attributes });
      ids.push(made.id);
    }
    if (link) await workbench.api.createLink({ typeId: 'supports', source: { documentId, annotationId: ids[link[0]]! }, target: { documentId, annotationId: ids[link[1]]! } });
    await workbench.close();
  };
  await annotate(
    ANA,
    [
      ['Lewis Hamilton has offered words of encouragement', 'claim', { claimant: 'the outlet' }],
      [AGREED, 'fact'],
      ['Both drivers were out in the high-speed crash', 'fact'],
      ['it was Russell who took to social media to apologise', 'claim'],
      [APOLOGY, 'quote', { speaker: 'Russell' }],
    ],
    [0, 4],
  );
  await annotate(BOB, [
    ['Lewis Hamilton has offered words of encouragement for George Russell', 'claim', { claimant: 'Hamilton', verdict: 'true' }],
    [AGREED, 'fact'],
    ['it was Russell who took to social media to apologise for his behaviour', 'quote'],
    [APOLOGY, 'quote', { speaker: 'George Russell' }],
  ]);
  return documentId;
}

const card = disagreementCard;

test('a curator settles every disagreement of two layers by keys alone, marks the article curated, and the curated layer holds exactly the choices', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  const documentId = await seedLayers(workspaceDir, scratchDir);
  const { pageErrors } = await openAsCurator(page, workspaceDir, scratchDir);
  await openArticle(page, HAMILTON);

  // c opens Curate for the open article; the first disagreement has the focus.
  await page.keyboard.press('c');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Curate “${HAMILTON}”`);
  await expect(page.getByRole('heading', { name: 'Disagreement 1 of 5: span (to decide)' })).toBeFocused();
  await expect(page.getByText('Merged ahead: 2 of 5 places')).toBeVisible();
  const columns = card(page).getByRole('list', { name: 'Each annotator’s version' }).locator('> li');
  await expect(columns.nth(0)).toContainText('Ana López');
  await expect(columns.nth(1).locator('mark.curation-span')).toHaveText(['Lewis Hamilton has offered words of encouragement', ' for George Russell']);
  await expect(columns.nth(1).locator('.curation-context .curation-differs')).toHaveText(' for George Russell');
  // Each version shows the attribute values taking it brings in (those that differ emphasised).
  await expect(columns.nth(0).locator('.curation-values > div')).toHaveText(['claimantthe outlet', 'verdict—']);
  await expect(columns.nth(1).locator('.curation-values > div')).toHaveText(['claimantHamilton', 'verdicttrue']);
  await expect(columns.nth(1).locator('.curation-values .curation-differs')).toHaveCount(2);
  await shootCurateView(page, 'curation', 'the Curate view');
  // m says how many are left while some are.
  await page.keyboard.press('m');
  await expect(page.getByRole('status').filter({ hasText: '5 disagreements are left to decide before this article can be marked curated.' })).toBeVisible();

  // The policy, by keyboard: back to it, Majority, Apply.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('radio', { name: /Unanimous/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Majority/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Apply policy' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Merged ahead: 2 of 5 places')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  // 2: Bob's longer claim.
  await page.keyboard.press('2');
  await expect(page.getByRole('heading', { name: 'Disagreement 2 of 5: span (to decide)' })).toBeFocused();
  await expect(card(page)).toContainText('Both drivers were out in the high-speed crash');
  // 0: Ana's fact nobody else marked is left out.
  await page.keyboard.press('0');
  await expect(page.getByRole('heading', { name: 'Disagreement 3 of 5: span (to decide)' })).toBeFocused();
  // e: the curator's own version: Ana's span, its end moved a word at a time, relabelled a quote.
  await page.keyboard.press('e');
  const editor = page.getByRole('form', { name: 'Edit the span' });
  await expect(editor.getByRole('heading', { name: 'Edit the span' })).toBeFocused();
  for (let word = 0; word < 3; word++) await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(editor.locator('mark.curation-span')).toHaveText('it was Russell who took to social media to apologise for his behaviour');
  await page.keyboard.press('2');
  await expect(editor.getByLabel('Label')).toHaveValue('quote');
  await shoot(page, 'curation-edit-1280x800');
  expect(await violationsOf(page, CURATION_AXE_RULES), 'the span editor').toEqual([]);
  await page.keyboard.press('Enter');
  // 1: Ana's speaker for the apology both marked alike.
  await expect(page.getByRole('heading', { name: 'Disagreement 4 of 5: attribute values (to decide)' })).toBeFocused();
  await expect(card(page)).toContainText('speaker differ');
  await page.keyboard.press('1');
  // 1: Ana's link from her claim to the apology, now that both are curated.
  await expect(page.getByRole('heading', { name: 'Disagreement 5 of 5: link (to decide)' })).toBeFocused();
  await expect(columns.nth(0)).toContainText('Supports: first → second');
  await expect(columns.nth(1)).toContainText('No link.');
  await page.keyboard.press('1');

  // None left: Mark curated has the focus.
  const mark = page.getByRole('button', { name: 'Mark curated', exact: true });
  await expect(mark).toBeFocused();
  await expect(page.getByText(/5 done · 0 left · 4 in the curated layer/)).toBeVisible();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'curation-none-left-1920x1080');
  expect(await violationsOf(page, CURATION_AXE_RULES), 'the Curate view with nothing left').toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  // Back to the edited span: edited again (from the edit kept), kept with Ctrl+Enter from the label list; the focus is back on the card, so j works at once.
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(page.getByRole('heading', { name: 'Disagreement 3 of 5: span (decided)' })).toBeFocused();
  await page.keyboard.press('e');
  await expect(editor.getByRole('heading', { name: 'Edit the span' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(editor.getByLabel('Label')).toBeFocused();
  await expect(editor.getByLabel('Label')).toHaveValue('quote');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Disagreement 3 of 5: span (decided)' })).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { name: 'Disagreement 4 of 5: attribute values (decided)' })).toBeFocused();
  // m marks it curated. Undo and redo reach it too.
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Curated', exact: true })).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(mark).toBeEnabled();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('button', { name: 'Curated', exact: true })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(HAMILTON) })).toContainText('✓ Curated');

  // The curated layer, through the layer chooser: exactly the choices made.
  const expected = [
    ['Lewis Hamilton has offered words of encouragement for George Russell', 'claim', { claimant: 'Hamilton', verdict: 'true' }],
    [AGREED, 'fact', {}],
    ['it was Russell who took to social media to apologise for his behaviour', 'quote', {}],
    [APOLOGY, 'quote', { speaker: 'Russell' }],
  ];
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Article' }).click();
  await page.getByLabel('Layer').selectOption({ label: 'Curated (read-only)' });
  await expect(page.locator('.article-text .annotation')).toHaveText(expected.map(([text]) => text as string));

  // And on disk: the curated layer's annotations, its one link, the decisions and the status.
  const file = AnnotationFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'annotations', documentId, 'curated.json'), 'utf8')));
  expect(file.annotations.map((a) => [a.fragments.map((f) => f.exact).join(''), a.labelId, a.attributes])).toEqual(expected);
  expect(file.annotations.every((a) => a.annotator === 'curated' && a.author === 'Editor')).toBe(true);
  const links = LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')));
  expect(links.links.map((l) => [l.typeId, file.annotations.find((a) => a.id === l.source.annotationId)?.labelId, file.annotations.find((a) => a.id === l.target.annotationId)?.fragments[0]!.exact])).toEqual([
    ['supports', 'claim', APOLOGY],
  ]);
  expect(links.curation?.[documentId]?.decisions.map((d) => d.choice.kind)).toEqual(['annotator', 'none', 'annotator', 'annotator', 'edit']);
  expect(links.curation?.[documentId]?.decisions.filter((d) => d.choice.kind === 'annotator').map((d) => (d.choice as { annotator: string }).annotator)).toEqual([
    annotatorIdOf({ name: BOB.annotator, email: BOB.email }),
    annotatorIdOf({ name: ANA.annotator, email: ANA.email }),
    annotatorIdOf({ name: ANA.annotator, email: ANA.email }),
  ]);
  expect(links.documentStatus?.[documentId]?.status).toBe('done');

  // The export of the curated layer holds exactly the same (the dialog starts on it).
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('group', { name: 'Layers' }).getByLabel('Curated layer')).toBeChecked();
  await dialog.getByLabel('Format').selectOption('jsonl');
  const exported = join(scratchDir, 'curated-export');
  await dialog.getByLabel('Destination folder').fill(exported);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'Export summary' })).toContainText('The curated layer of 1 of 5 articles');
  // Its curation was marked done: no article is named as still being curated.
  await expect(dialog.getByRole('region', { name: 'Export summary' })).not.toContainText('still being curated');
  type ExportedLine = { documentId: string; layer?: string; spans: { id: string; annotator: string; text: string; labelId: string; attributes: object }[]; links: { typeId: string; role: string; spanId: string; otherSpanId: string }[] };
  const lines = (await readFile(join(exported, 'documents.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as ExportedLine);
  const hamilton = lines.find((line) => line.documentId === documentId)!;
  expect(hamilton.layer).toBe('curated');
  expect(hamilton.spans.map((span) => [span.text, span.labelId, span.attributes])).toEqual(expected);
  expect(hamilton.spans.every((span) => span.annotator === 'curated')).toBe(true);
  const spanText = (id: string) => hamilton.spans.find((span) => span.id === id)?.text;
  expect(hamilton.links.filter((l) => l.role === 'source').map((l) => [l.typeId, spanText(l.spanId), spanText(l.otherSpanId)])).toEqual([['supports', expected[0]![0], APOLOGY]]);
  expect(pageErrors).toEqual([]);
});
