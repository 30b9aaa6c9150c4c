import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { importPlainText } from '../shared/import/plain-text.js';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { LinkLayerFileSchema } from '../shared/model/workspace.js';
import { openWorkbench } from '../main/services/open-workbench.js';
import { disagreementCard, openAsCurator, shootCurateView, stopCuratorHosts } from './support/curation-steps.js';
import { ANA, BOB } from '../main/services/curation/curation.test-support.js';
import { shoot } from './support/screenshots.js';
import { expect, test } from './support/workbench-fixture.js';

// Two outlets carry the same quote. Ana links her span of it in one to hers in the other as
// "supports", Bob as "same". A curator curates the first article (the link waits for the second),
// then the second, settles the link there by keys alone, and the curated export carries exactly it.

const QUOTE = 'we will cut taxes by 5 %';
const FIRST = 'Minister promises cuts';
const SECOND = 'Reuters: a 5 % cut';
const ARTICLES = [
  importPlainText('minister.txt', `${FIRST}\n\nThe minister said “${QUOTE}” on Monday, to applause from the benches.\n`),
  importPlainText('reuters.txt', `${SECOND}\n\nReuters quoted the minister: “${QUOTE}”. Others in the room heard 3 %.\n`),
];

test.afterEach(stopCuratorHosts);

/** Each annotator's layers of both articles, made through the services as them (each with their own app data). Returns the articles' ids. */
async function seedLayers(workspaceDir: string, scratchDir: string): Promise<string[]> {
  const ids: string[] = [];
  const annotate = async (who: typeof ANA, typeId: string, extra: string | null) => {
    const workbench = await openWorkbench({ workspaceDir, env: { CORROBORATE_APP_DATA: join(scratchDir, who.email) }, ...who });
    ids.length = 0;
    for (const article of ARTICLES) {
      const added = await workbench.service.addArticle(article);
      ids.push('added' in added ? added.added.id : added.alreadyPresent.id);
    }
    const ends = [];
    for (const [n, article] of ARTICLES.entries()) {
      const start = article.text.indexOf(QUOTE);
      const made = await workbench.api.createAnnotation({ documentId: ids[n]!, labelId: 'quote', ranges: [{ start, end: start + QUOTE.length }] });
      ends.push({ documentId: ids[n]!, annotationId: made.id });
    }
    if (extra) {
      const start = ARTICLES[0]!.text.indexOf(extra);
      await workbench.api.createAnnotation({ documentId: ids[0]!, labelId: 'claim', ranges: [{ start, end: start + extra.length }] });
    }
    await workbench.api.createLink({ typeId, source: ends[0]!, target: ends[1]! });
    await workbench.close();
  };
  await annotate(ANA, 'supports', 'The minister said');
  await annotate(BOB, 'same', null);
  return [...ids];
}

/** Opens an article from the article list by keyboard (its entry focused, Enter), then Curate with c. */
async function curateArticle(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await page.keyboard.press('c');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Curate “${title}”`);
}

const card = disagreementCard;

test('a link across two articles waits for the second, is settled there by a key, and the curated export holds exactly the choice', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  const [first, second] = await seedLayers(workspaceDir, scratchDir);
  const { pageErrors } = await openAsCurator(page, workspaceDir, scratchDir);

  // The first article: Ana's extra claim left out (0); nothing else is left there, so it is marked curated,
  // though its link to the second article waits for that one.
  await curateArticle(page, FIRST);
  await expect(page.getByRole('heading', { name: 'Disagreement 1 of 2: span (to decide)' })).toBeFocused();
  await page.keyboard.press('0');
  const mark = page.getByRole('button', { name: 'Mark curated', exact: true });
  await expect(mark).toBeFocused();
  await expect(page.getByText(/1 done · 0 left · 1 link waits for another article/)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Curated', exact: true })).toBeDisabled();
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { name: 'Disagreement 2 of 2: link across articles (waiting for the other article)' })).toBeFocused();
  await expect(card(page)).toContainText(`in “${SECOND}”`);
  await expect(card(page).getByRole('note')).toContainText(`Curate “${SECOND}” first`);
  await shoot(page, 'cross-links-waiting-1280x800');
  // A key cannot settle it yet: the notice says why, it stays waiting, and nothing is written.
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: `Curate “${SECOND}” first: this link’s span there “${QUOTE}” is not in its curated layer yet.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Disagreement 2 of 2: link across articles \(waiting/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  expect(LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8'))).crossCuration).toBeUndefined();

  // The second article: the same link, now to decide, with both ends quoted and each annotator's version.
  await curateArticle(page, SECOND);
  await expect(page.getByRole('heading', { name: 'Disagreement 1 of 1: link across articles (to decide)' })).toBeFocused();
  await expect(card(page).locator('.curation-ends')).toContainText('in this article');
  await expect(card(page).locator('.curation-ends')).toContainText(`in “${FIRST}”`);
  await expect(card(page).locator('.curation-ends q')).toHaveText([QUOTE, QUOTE]);
  const columns = card(page).getByRole('list', { name: 'Each annotator’s version' }).locator('> li');
  // The ends are in code-unit order of their [document id, unit id] keys, so by document id: Ana linked
  // the first article's span to the second's, "first → second" when the first article's end comes first.
  const firstArticleFirst = JSON.stringify([first]).slice(0, -1) < JSON.stringify([second]).slice(0, -1);
  await expect(card(page).locator('.curation-ends dt').first()).toContainText(firstArticleFirst ? `in “${FIRST}”` : 'in this article');
  await expect(columns.nth(0)).toContainText(`Supports: ${firstArticleFirst ? 'first → second' : 'second → first'}`);
  await expect(columns.nth(1)).toContainText('Same');
  await shootCurateView(page, 'cross-links', 'the Curate view with a link across articles');

  // 1 takes Ana's link; undo takes it back; 2 takes Bob's.
  await page.keyboard.press('1');
  await expect(page.getByText(/1 done · 0 left/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { name: 'Disagreement 1 of 1: link across articles (to decide)' })).toBeVisible();
  await expect(page.getByText(/0 done · 1 left/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark curated', exact: true })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  // The first article, curated while the link waited: the link is open there too now, but holds back only
  // the second; 2 settles it from here, and the first stays curated.
  await curateArticle(page, FIRST);
  await expect(page.getByText(/1 done · 0 left · 1 link waits for another article · \d+ in the curated layer · ✓ Done/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Disagreement 2 of 2: link across articles (to decide)' })).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.getByText(/2 done · 0 left · \d+ in the curated layer · ✓ Done/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(FIRST) })).toContainText('✓ Curated');

  // The second article: nothing left, Mark curated has the focus.
  await curateArticle(page, SECOND);
  await expect(mark).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Curated', exact: true })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  // Seen decided from the first article too.
  await curateArticle(page, FIRST);
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { name: 'Disagreement 2 of 2: link across articles (decided)' })).toBeFocused();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'cross-links-decided-1920x1080');
  await page.setViewportSize({ width: 1280, height: 800 });

  // On disk: one curated link across the two articles, Bob's type, its decision kept once.
  const file = LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')));
  expect(file.links.map((l) => [l.typeId, [l.source.documentId, l.target.documentId].sort()])).toEqual([['same', [first, second].sort()]]);
  expect(file.crossCuration?.decisions.map((d) => d.choice)).toEqual([{ kind: 'annotator', annotator: annotatorIdOf({ name: BOB.annotator, email: BOB.email }) }]);
  expect([file.documentStatus?.[first!]?.status, file.documentStatus?.[second!]?.status]).toEqual(['done', 'done']);

  // The export dialog, by keyboard: the curated layer holds exactly that link across the articles.
  await page.getByRole('button', { name: 'Export…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('group', { name: 'Layers' }).getByLabel('Curated layer')).toBeChecked();
  await dialog.getByLabel('Format').focus();
  await dialog.getByLabel('Format').selectOption('jsonl');
  const exported = join(scratchDir, 'curated-export');
  await dialog.getByLabel('Destination folder').fill(exported);
  await dialog.getByRole('button', { name: 'Export', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('region', { name: 'Export summary' })).toContainText('The curated layer of every article');
  // Its curation was marked done: no article is named as still being curated.
  await expect(dialog.getByRole('region', { name: 'Export summary' })).not.toContainText('still being curated');
  type ExportedLine = { documentId: string; layer?: string; spans: { id: string; text: string }[]; links: { typeId: string; role: string; spanId: string; otherDocumentId: string; otherSpanId: string }[] };
  const lines = (await readFile(join(exported, 'documents.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as ExportedLine);
  const byId = new Map(lines.map((line) => [line.documentId, line]));
  const spanText = (documentId: string, id: string) => byId.get(documentId)?.spans.find((s) => s.id === id)?.text;
  const links = lines.flatMap((line) => line.links.filter((l) => l.role === 'source').map((l) => [l.typeId, line.documentId, spanText(line.documentId, l.spanId), l.otherDocumentId, spanText(l.otherDocumentId, l.otherSpanId)]));
  expect(links).toHaveLength(1);
  expect(links[0]![0]).toBe('same');
  expect([links[0]![1], links[0]![3]].sort()).toEqual([first, second].sort());
  expect([links[0]![2], links[0]![4]]).toEqual([QUOTE, QUOTE]);
  expect(lines.map((line) => [line.layer, line.spans.map((s) => s.text)])).toEqual([
    ['curated', [QUOTE]],
    ['curated', [QUOTE]],
  ]);
  expect(pageErrors).toEqual([]);
});
