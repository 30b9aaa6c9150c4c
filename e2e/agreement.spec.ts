import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { annotatorIdOf } from '../shared/model/annotator.js';
import type { Label } from '../shared/model/label-schema.js';
import { TEST_EDITOR } from '../tools/host-process/browser-host-process.js';
import { violationsOf } from './support/axe-rules.js';
import { labelWithMouse, openArticle } from './support/editor-steps.js';
import { shoot } from './support/screenshots.js';
import { expect, test } from './support/workbench-fixture.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const BOBS_CLAIM = 'Lewis Hamilton has offered words of encouragement for George Russell';
const EDITORS_CLAIM = 'words of encouragement for George Russell';
const CRASH = 'Both drivers were out in the high-speed crash';
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };
/** What the screenshots are checked for besides being looked at: text contrast, names matching the visible text. */
const AXE_RULES = ['color-contrast', 'label-content-name-mismatch'];

test('the agreement of two annotators’ layers, a figure’s disagreements, and the article opened there with both layers', async ({ page, workbench }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // A claim's verdict made a scale in the label dialog: agreement then compares it as ordinal data.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const labels = page.getByRole('dialog', { name: 'Labels' });
  await labels.getByRole('checkbox', { name: 'Options are a scale, lowest first' }).first().check();
  await shoot(page, 'label-dialog-scale-1280x800');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'label-dialog-scale-1920x1080');
  await page.setViewportSize({ width: 1280, height: 800 });
  await labels.getByRole('button', { name: 'Save labels' }).click();
  await expect(labels).toBeHidden();
  const schema = JSON.parse(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8')) as { labels: Label[] };
  expect(schema.labels.find((l) => l.id === 'claim')!.attributes.find((a) => a.name === 'verdict')).toMatchObject({ type: 'choice', ordered: true });

  // The Editor's layer: the apology as a quote, the end of Hamilton's claim, the crash as a fact.
  await openArticle(page, HAMILTON);
  await labelWithMouse(page, APOLOGY, '2');
  await labelWithMouse(page, EDITORS_CLAIM, '1');
  await labelWithMouse(page, CRASH, '3');

  // Bob's layer, made in the same app as Bob (another person says who they are): the apology, and all of the claim.
  await page.getByRole('banner').getByRole('button', { name: /^You: Editor/ }).click();
  const identity = page.getByRole('dialog', { name: 'Your name' });
  await identity.getByLabel('Name').fill(BOB.name);
  await identity.getByLabel('Email (optional)').fill(BOB.email);
  await identity.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: /^You: Bob Stone/ })).toBeVisible();
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  await labelWithMouse(page, APOLOGY, '2');
  await labelWithMouse(page, BOBS_CLAIM, '1');
  const stored = await workbench.storedAnnotations();
  expect(stored.filter((a) => a.annotator === annotatorIdOf(TEST_EDITOR))).toHaveLength(3);
  expect(stored.filter((a) => a.annotator === annotatorIdOf(BOB))).toHaveLength(2);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Agreement' }).click();
  const view = page.getByRole('region', { name: 'Agreement', exact: true });
  const figure = (name: string) => view.getByRole('button', { name: new RegExp(`^${name}: `) });
  // Worked out by hand. One article both coded. Every label: the Editor has 3 spans, Bob 2.
  // Exact: only the apology matches → F1 = 2·1 / (3 + 2) = 0.400. Overlap: the claims share
  // "words of encouragement for George Russell" → 2·2 / 5 = 0.800. Quote: 1 of 1 each → 1.000;
  // Claim: exact 0.000, overlap 1.000; Fact: only the Editor's → 0.000. No links: undefined.
  await expect(figure('F1 exact, Every label')).toHaveText('0.400');
  await expect(figure('F1 overlap, Every label')).toHaveText('0.800');
  await expect(figure('F1 exact, Quote')).toHaveText('1.000');
  await expect(figure('F1 exact, Claim')).toHaveText('0.000');
  await expect(figure('F1 overlap, Claim')).toHaveText('1.000');
  await expect(figure('F1 exact, Fact')).toHaveText('0.000');
  // αu of Quote: both marked exactly the same characters and nothing else → no observed disagreement → 1.
  await expect(figure('αu, Quote')).toHaveText('1.000');
  await expect(figure('α of links')).toHaveText('—');
  await expect(view).toContainText('Bob Stone and Editor — 1 article coded by all');
  await expect(figure('F1 exact, Every label')).toHaveAttribute('title', /^Pairwise F1, exact match .*, every label, between Bob Stone and Editor, 1 article: 2 spans and 3, 1 matched\.$/);
  await expect(view.getByRole('heading', { name: 'How these are computed' })).toBeVisible();
  const articles = view.getByRole('region', { name: 'Agreement per article' });
  await expect(articles.getByRole('row').filter({ hasText: HAMILTON })).toContainText('0.4000.800');
  await expect(view.getByRole('row', { name: /^Claim · verdict/ })).toContainText('ordinal');
  await shoot(page, 'agreement-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the agreement view').toEqual([]);
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'serious or critical violations').toEqual([]);

  // By keyboard: Enter on a figure lists its disagreements, in document order; Escape goes back to the figure.
  await figure('F1 exact, Every label').focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('region', { name: 'F1 exact, Every label: 0.400' });
  await expect(list.getByRole('heading', { name: 'F1 exact, Every label: 0.400' })).toBeFocused();
  await expect(list.getByRole('status')).toHaveText('2 places where Bob Stone and Editor differ.');
  const places = list.getByRole('listitem');
  await expect(places).toHaveCount(2);
  await expect(places.nth(0)).toContainText('Marked with the same label, but from or to different characters.');
  await expect(places.nth(0).getByRole('definition')).toHaveText([`Claim “${BOBS_CLAIM}”`, `Claim “${EDITORS_CLAIM}”`]);
  await expect(places.nth(1)).toContainText('Not marked by Bob Stone.');
  await expect(places.nth(1).getByRole('definition')).toHaveText(['nothing here', `Fact “${CRASH}”`]);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(figure('F1 exact, Every label')).toBeFocused();

  // The same figures for the one pair and for the article.
  const subject = view.getByLabel('Figures for');
  await subject.selectOption({ label: 'Bob Stone × Editor' });
  await expect(figure('F1 overlap, Every label')).toHaveText('0.800');
  await subject.selectOption({ label: HAMILTON });
  await expect(figure('F1 exact, Every label')).toHaveText('0.400');
  await expect(view.getByRole('region', { name: 'Agreement per article' })).toHaveCount(0);

  await figure('F1 exact, Every label').click();
  await expect(places).toHaveCount(2);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'agreement-disagreements-1920x1080');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, 'agreement-disagreements-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the disagreements of a figure').toEqual([]);

  // The claim's place opens the article with every layer compared, the place outlined and focused.
  await places.nth(0).getByRole('button', { name: /^Open “Hamilton offers/ }).click();
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('compare');
  const compare = page.getByRole('region', { name: 'Compare layers' });
  await expect(compare.getByRole('list', { name: 'Annotators' })).toContainText('Bob Stone (you) — 2 annotations');
  await expect(compare.getByRole('list', { name: 'Annotators' })).toContainText('Editor — 3 annotations');
  await expect(compare.locator('.compare-place')).toHaveText([/^Lewis Hamilton has offered /, /words of encouragement for George Russell/]);
  await expect(compare.locator('.compare-place').first()).toBeFocused();
  await expect(compare.getByRole('row').filter({ hasText: BOBS_CLAIM })).toHaveClass(/compare-row-place/);
  await expect(page.getByText('The place chosen in Agreement is outlined.')).toBeVisible();
  await shoot(page, 'agreement-place-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the article at a disagreement').toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'agreement-1920x1080-place');
});
