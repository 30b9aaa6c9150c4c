import type { Page } from '@playwright/test';
import { annotationPanel, expectAllSaved, openArticle } from './support/editor-steps.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

/** In the AP article on the left. */
const LAP_30 = '30th lap';
/** In the Italian GP article, compared on the right. */
const LAP_32 = 'lap 32';
const IN_COMPARED = '.compare-pane .article-text';

const pane = (page: Page) => page.getByRole('region', { name: 'Compared article' });
const prompt = (page: Page) => page.getByRole('dialog', { name: 'Choose the link type' });
const linkBar = (page: Page) => page.locator('.link-status');

/** Opens side by side with the article titled like `title` on the right. */
async function compareWith(page: Page, title: RegExp) {
  await page.getByRole('button', { name: 'Side by side' }).click();
  const option = (await pane(page).getByRole('option', { name: title }).textContent())!;
  await pane(page).getByLabel('Compare with').selectOption({ label: option });
  await expect(pane(page).getByRole('heading', { level: 2, name: title })).toBeVisible();
}

test('the compared article is a full annotation surface: label, resize, delete and undo by keys there', async ({ page, workbench }) => {
  await openArticle(page, 'George Russell and Valtteri Bottas had a horrific crash');
  await compareWith(page, /seeing red after the Italian GP/);

  // Select in the right pane and press the fact key: the fact is made there, not on the left.
  expect(await selectWithMouse(page, LAP_32, 0, IN_COMPARED)).toBe(LAP_32);
  await page.keyboard.press('3');
  await expect(pane(page).locator('.annotation-focused')).toHaveText(LAP_32);
  await expect(page.locator('.reader .annotation')).toHaveCount(0);
  await expectAllSaved(page);
  // The side panel follows the pane being worked in.
  await expect(annotationPanel(page).locator('.panel-scope')).toContainText('In the compared article: ');
  await expect(annotationPanel(page).getByRole('button', { name: `Fact: ${LAP_32}` })).toBeVisible();

  // Resize its end by one character and back, relabel it as a claim, then delete it: all by keys in the pane.
  await page.keyboard.press('{');
  await expect(pane(page).locator('.annotation-focused')).toHaveText(LAP_32.slice(0, -1));
  await page.keyboard.press('}');
  await expect(pane(page).locator('.annotation-focused')).toHaveText(LAP_32);
  await page.keyboard.press('1');
  await expect(pane(page).locator('.annotation.label-claim')).toHaveText(LAP_32);
  await expectAllSaved(page);
  await page.keyboard.press('Delete');
  await expect(pane(page).locator('.annotation')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(pane(page).locator('.annotation.label-claim')).toHaveText(LAP_32);
  await expectAllSaved(page);

  const stored = await workbench.storedAnnotations();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.labelId).toBe('claim');
  expect(stored[0]!.fragments.map((f) => f.exact)).toEqual([LAP_32]);

  // Back in the left pane, the keys act there again, and the side panel shows the left article.
  expect(await selectWithMouse(page, LAP_30)).toBe(LAP_30);
  await page.keyboard.press('3');
  await expect(page.locator('.reader .annotation-focused')).toHaveText(LAP_30);
  await expect(annotationPanel(page).locator('.panel-scope')).toHaveCount(0);
  await expect(annotationPanel(page).getByRole('button', { name: `Fact: ${LAP_30}` })).toBeVisible();
  await expectAllSaved(page);
});

test('after l, a click on a span in the compared pane asks for the type right there, and its number key makes the link', async ({ page, workbench }) => {
  await openArticle(page, 'George Russell and Valtteri Bottas had a horrific crash');
  await compareWith(page, /seeing red after the Italian GP/);
  expect(await selectWithMouse(page, LAP_32, 0, IN_COMPARED)).toBe(LAP_32);
  await page.keyboard.press('3');
  await expectAllSaved(page);

  // Scroll the compared span far down its pane, so a prompt at the top of the pane would be out of sight.
  expect(await selectWithMouse(page, LAP_30)).toBe(LAP_30);
  await page.keyboard.press('3');
  await expectAllSaved(page);
  await page.keyboard.press('l');
  await expect(linkBar(page)).toContainText(`Linking from “${LAP_30}”`);

  const target = pane(page).locator('.annotation').filter({ hasText: LAP_32 });
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await target.click();
  await expect(prompt(page)).toBeVisible();
  await expect(prompt(page).getByRole('button').first()).toBeFocused();
  // The prompt is next to the click and wholly inside the window.
  const promptBox = (await prompt(page).boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(promptBox.x).toBeGreaterThanOrEqual(0);
  expect(promptBox.y).toBeGreaterThanOrEqual(0);
  expect(promptBox.x + promptBox.width).toBeLessThanOrEqual(viewport.width);
  expect(promptBox.y + promptBox.height).toBeLessThanOrEqual(viewport.height);
  expect(Math.abs(promptBox.y - (box.y + box.height / 2))).toBeLessThan(promptBox.height + 40);
  await expect(prompt(page)).toContainText(`Link “${LAP_30}” with “${LAP_32}”`);
  await expect(prompt(page).getByRole('button', { name: /Supports/ })).toContainText(`“${LAP_30}” supports “${LAP_32}”`);

  await page.keyboard.press('4');
  await expect(prompt(page)).toHaveCount(0);
  await expect(linkBar(page)).toHaveCount(0);
  await expectAllSaved(page);
  const between = pane(page).getByLabel('Links between the two articles');
  await expect(between.getByRole('listitem')).toContainText('Contradicts');
  const links = await workbench.storedLinks();
  expect(links).toHaveLength(1);
  expect(links[0]!.typeId).toBe('contradicts');

  // The other way round, from the compared pane: l there, click on the left, swap, then 3 (supports).
  await target.click();
  await page.keyboard.press('l');
  await expect(linkBar(page)).toContainText(`Linking from “${LAP_32}”`);
  await page.locator('.reader .annotation').filter({ hasText: LAP_30 }).click();
  await expect(prompt(page).getByRole('button', { name: /Supports/ })).toContainText(`“${LAP_32}” supports “${LAP_30}”`);
  await page.keyboard.press('s');
  await expect(prompt(page).getByRole('button', { name: /Supports/ })).toContainText(`“${LAP_30}” supports “${LAP_32}”`);
  await page.keyboard.press('3');
  await expectAllSaved(page);
  const supports = (await workbench.storedLinks()).find((l) => l.typeId === 'supports')!;
  const annotations = await workbench.storedAnnotations();
  const textOf = (id: string) => annotations.find((a) => a.id === id)!.fragments[0]!.exact;
  expect(textOf(supports.source.annotationId)).toBe(LAP_30);
  expect(textOf(supports.target.annotationId)).toBe(LAP_32);
});

test('a link being made stays announced across articles; Escape clears a selection before it cancels the link', async ({ page, workbench: _ }) => {
  await openArticle(page, 'George Russell and Valtteri Bottas had a horrific crash');
  expect(await selectWithMouse(page, LAP_30)).toBe(LAP_30);
  await page.keyboard.press('3');
  await expectAllSaved(page);
  await page.keyboard.press('l');
  await expect(linkBar(page)).toContainText(`Linking from “${LAP_30}”`);

  // Another article: the bar is still there, saying where the link starts.
  await openArticle(page, 'seeing red after the Italian GP');
  await expect(linkBar(page)).toContainText(`Linking from “${LAP_30}” (George Russell and Valtteri…)`);

  // Escape with text selected clears the selection only.
  expect(await selectWithMouse(page, LAP_32)).toBe(LAP_32);
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe('');
  await expect(linkBar(page)).toBeVisible();

  // With nothing else to clear, Escape cancels the link, and says so.
  await page.keyboard.press('Escape');
  await expect(linkBar(page)).toHaveCount(0);
  await expect(page.locator('.notice')).toHaveText('Linking cancelled.');

  // The bar's own way out.
  await openArticle(page, 'George Russell and Valtteri Bottas had a horrific crash');
  await page.locator('.reader .annotation').filter({ hasText: LAP_30 }).click();
  await page.keyboard.press('l');
  await linkBar(page).getByRole('button', { name: 'Cancel linking' }).click();
  await expect(linkBar(page)).toHaveCount(0);
});
