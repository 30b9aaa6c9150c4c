import { expect, phraseBox, selectWithMouse, test } from './support/workbench-fixture.js';
import { annotationPanel, expectAllSaved, openArticle } from './support/editor-steps.js';

const HAMILTON = 'Hamilton offers words of support for Russell';

test('overlapping and nested spans: each is kept, and clicking where they overlap offers the choice', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  // Each label is saved (the highlight has its id) before the next drag, as a person sees it land.
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote[data-annotation-id]')).not.toHaveCount(0);
  await selectWithMouse(page, 'proudest day,” he wrote on Monday');
  await page.keyboard.press('1');
  await expect(page.locator('.article-text .annotation.label-claim[data-annotation-id]')).not.toHaveCount(0);
  await selectWithMouse(page, 'proudest');
  await page.keyboard.press('3');
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('proudest');
  await expectAllSaved(page);
  expect((await workbench.storedAnnotations()).map((a) => [a.labelId, a.fragments.map((f) => f.exact)]).sort()).toEqual([
    ['claim', ['proudest day,” he wrote on Monday']],
    ['fact', ['proudest']],
    ['quote', ['Yesterday wasn’t my proudest day,']],
  ]);
  // All three paint over "proudest"; each keeps its own extent.
  const painted = async (label: string) => (await page.locator(`.article-text .annotation.label-${label}`).allTextContents()).join('');
  expect(await painted('quote')).toBe('Yesterday wasn’t my proudest day,');
  expect(await painted('claim')).toBe('proudest day,” he wrote on Monday');
  expect(await painted('fact')).toBe('proudest');

  // Click on "proudest": a chooser lists all three, innermost first.
  await page.locator('.article-text .annotation.label-fact').click();
  const chooser = page.getByRole('dialog', { name: 'Choose an annotation' });
  await expect(chooser.getByRole('button')).toHaveCount(3);
  await expect(chooser.getByRole('button').first()).toContainText('Fact');
  await chooser.getByRole('button', { name: /Claim/ }).click();
  await expect(chooser).toBeHidden();
  expect((await page.locator('.article-text .annotation-focused').allTextContents()).join('')).toBe('proudest day,” he wrote on Monday');
  await expect(page.getByRole('region', { name: 'Annotation details' }).getByRole('combobox', { name: 'Label' })).toHaveValue('claim');

  // Clicking where only one span is focuses it directly.
  await page.locator('.article-text .annotation.label-claim', { hasText: 'Monday' }).last().click({ position: { x: 5, y: 5 } });
  await expect(chooser).toBeHidden();
});

test('a quote interrupted by "he wrote" is one annotation with two pieces', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('+');
  await expect(page.locator('.article-text .pending-piece')).toHaveText('Yesterday wasn’t my proudest day,');
  await selectWithMouse(page, 'I knew it would be one of our best opportunities');
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(2);
  await expectAllSaved(page);
  const stored = await workbench.storedAnnotations();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.fragments.map((f) => f.exact)).toEqual(['Yesterday wasn’t my proudest day,', 'I knew it would be one of our best opportunities']);
  await expect(page.locator('.article-text .pending-piece')).toHaveCount(0);
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(2);
  await expect(annotationPanel(page).getByRole('button', { name: /^Quote: Yesterday wasn’t my proudest day, … I knew it would be/ })).toBeVisible();
  await page.reload();
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(2);
});

test('selections snap to whole words unless Alt is held', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  expect(await selectWithMouse(page, 'esterday wasn’t my proud')).toBe('esterday wasn’t my proud');
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote[data-annotation-id]')).toHaveText('Yesterday wasn’t my proudest');
  await selectWithMouse(page, 'ffered words of encourag');
  await page.keyboard.press('Alt+1');
  await expect(page.locator('.article-text .annotation.label-claim')).toHaveText('ffered words of encourag');
  await expectAllSaved(page);
  expect((await workbench.storedAnnotations()).map((a) => a.fragments[0]!.exact).sort()).toEqual([
    'Yesterday wasn’t my proudest',
    'ffered words of encourag',
  ]);
});

test('hovering a span shows its labels and attributes', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('2');
  const details = page.getByRole('region', { name: 'Annotation details' });
  await details.getByRole('textbox', { name: 'speaker' }).fill('George Russell');
  await details.getByRole('textbox', { name: 'speaker' }).press('Enter');
  await expectAllSaved(page);
  await expect(annotationPanel(page).getByRole('button', { name: /^Quote: Yesterday/ })).toContainText('speaker: George Russell');
  await page.locator('.article-text .annotation.label-quote').hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('Quote');
  await expect(tooltip).toContainText('speaker: George Russell');
  await page.mouse.move(5, 5);
  await expect(tooltip).toBeHidden();
  expect((await workbench.storedAnnotations())[0]!.attributes).toEqual({ speaker: 'George Russell' });
});

test('the side panel counts per label, filters by label, attribute value and text, and jumps to a span', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  const spans: [string, string][] = [
    ['Yesterday wasn’t my proudest day,', '2'],
    ['Russell took out himself', '1'],
    ['24 hours later', '3'],
    ['Follow us on Twitter', '3'],
  ];
  for (const [phrase, key] of spans) {
    await selectWithMouse(page, phrase);
    await page.keyboard.press(key);
    await expect(page.locator('.article-text .annotation-focused')).toHaveText(phrase);
  }
  const panel = annotationPanel(page);
  await expect(panel.getByLabel('Annotations per label')).toContainText('Claim 1');
  await expect(panel.getByLabel('Annotations per label')).toContainText('Quote 1');
  await expect(panel.getByLabel('Annotations per label')).toContainText('Fact 2');
  // In document order.
  await expect(panel.locator('.annotation-text')).toHaveText(['Russell took out himself', '24 hours later', 'Yesterday wasn’t my proudest day,', 'Follow us on Twitter']);

  // Give the claim a verdict, then filter by it.
  await panel.getByRole('button', { name: 'Claim: Russell took out himself' }).click();
  await panel.getByRole('combobox', { name: 'verdict' }).selectOption('misleading');
  await expectAllSaved(page);
  await panel.getByRole('searchbox', { name: 'Filter by attribute value' }).fill('misleading');
  await expect(panel.locator('.annotation-text')).toHaveText(['Russell took out himself']);
  await panel.getByRole('searchbox', { name: 'Filter by attribute value' }).fill('');
  await panel.getByRole('combobox', { name: 'Filter by label' }).selectOption('fact');
  await expect(panel.locator('.annotation-text')).toHaveText(['24 hours later', 'Follow us on Twitter']);
  await panel.getByRole('searchbox', { name: 'Filter by text' }).fill('twitter');
  await expect(panel.locator('.annotation-text')).toHaveText(['Follow us on Twitter']);

  // Clicking a listed span scrolls the article to it and focuses it.
  await page.locator('.reader').evaluate((reader) => reader.scrollTo(0, 0));
  await expect(page.locator('.article-text .annotation.label-fact', { hasText: 'Follow us' })).not.toBeInViewport();
  await panel.getByRole('button', { name: 'Fact: Follow us on Twitter' }).click();
  await expect(page.locator('.article-text .annotation-focused')).toHaveText('Follow us on Twitter');
  await expect(page.locator('.article-text .annotation-focused')).toBeInViewport();
  expect((await workbench.storedAnnotations()).find((a) => a.labelId === 'claim')!.attributes).toEqual({ verdict: 'misleading' });
});

test('a save that lands while the mouse is held down does not lose the selection being dragged', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await selectWithMouse(page, 'words of encouragement');
  await page.keyboard.press('1');
  // Press at the start of the next phrase, in the same paragraph, and hold while the label is saved
  // (its highlight turns from pending to saved there).
  const box = await phraseBox(page, 'following the Williams');
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await expectAllSaved(page);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toBe('following the Williams');
  await page.keyboard.press('3');
  await expectAllSaved(page);
  expect((await workbench.storedAnnotations()).map((a) => [a.labelId, a.fragments.map((f) => f.exact)]).sort()).toEqual([
    ['claim', ['words of encouragement']],
    ['fact', ['following the Williams']],
  ]);
});
