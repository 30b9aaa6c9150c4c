import type { Page } from '@playwright/test';
import { expect, test } from './support/workbench-fixture.js';
import { labelWithMouse } from './support/editor-steps.js';

const APOLOGY = 'Yesterday wasn’t my proudest day,';

async function openArticle(page: Page, title: RegExp) {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}


const linksPanel = (page: Page) => page.getByRole('region', { name: 'Links' });
const saved = (page: Page) => expect(page.locator('.save-status')).toHaveText('All changes saved');

test('the apology carried by three outlets becomes one cluster, with the apostrophe differences shown', async ({ page, workbench }) => {
  let clicks = 0;
  await openArticle(page, /Hamilton offers words of support/);
  clicks++;
  await labelWithMouse(page, APOLOGY, '2');
  await linksPanel(page).getByRole('button', { name: 'Find in other articles' }).click();
  clicks++;
  const sightings = linksPanel(page).getByLabel('In other articles').getByRole('listitem');
  await expect(sightings).toHaveCount(2);
  await expect(sightings.first()).toContainText("Yesterday wasn't my proudest day,");
  for (let i = 0; i < 2; i++) {
    await linksPanel(page).getByRole('button', { name: 'Annotate and link as same' }).first().click();
    clicks++;
    await saved(page);
  }
  await expect(linksPanel(page).getByRole('listitem')).toHaveCount(2);
  await expect(linksPanel(page).locator('.link-type-chip').first()).toContainText('Same');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Clusters' }).click();
  clicks++;
  const cluster = page.locator('.cluster-card');
  await expect(cluster).toHaveCount(1);
  await expect(cluster.getByRole('row')).toHaveCount(4); // header + three outlets
  await expect(cluster).toContainText('3 articles');
  // The first outlet's curly apostrophe is the reference; the two straight ones are marked as differing.
  await expect(cluster.getByRole('row').nth(1)).toContainText('Hamilton offers words of support');
  await expect(cluster.locator('mark.variant-added')).toHaveText(["[differs: ']", "[differs: ']"]);
  // Name it and give it a canonical text.
  await cluster.getByRole('button', { name: 'Name…' }).click();
  await cluster.getByLabel('Name').fill('Russell’s apology');
  await cluster.getByRole('button', { name: 'Save name' }).click();
  await expect(page.locator('.cluster-card h3')).toHaveText('Russell’s apology');

  // Click a row: the other article opens at the span.
  await page.locator('.cluster-card').getByRole('button', { name: /George Russell has issued an apology/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell has issued an apology');
  await expect(page.locator('.annotation-focused')).toHaveText("Yesterday wasn't my proudest day,");
  console.log(`[linking e2e] apology cluster built with ${clicks} clicks plus one selection and the key 2`);

  // Persistence after reload.
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Clusters' }).click();
  await expect(page.locator('.cluster-card h3')).toHaveText('Russell’s apology');
  expect((await workbench.storedAnnotations()).length).toBe(3);
});

test('lap 30 against lap 32 across two articles, as a contradiction listed in the table', async ({ page, workbench }) => {
  await openArticle(page, /George Russell and Valtteri Bottas had a horrific crash/);
  await labelWithMouse(page, '30th lap', '3');
  await page.keyboard.press('l');
  await expect(page.locator('.link-status')).toContainText('Linking from “30th lap”');
  await openArticle(page, /seeing red after the Italian GP/);
  await labelWithMouse(page, 'lap 32', '3');
  // The focused annotation is the new one; 4 is the fourth link type, contradicts.
  await page.keyboard.press('4');
  await saved(page);
  await expect(linksPanel(page).getByRole('listitem')).toHaveCount(1);
  await expect(linksPanel(page).getByRole('listitem')).toContainText('Contradicts');
  await expect(linksPanel(page).getByRole('listitem')).toContainText('30th lap');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Contradictions' }).click();
  const table = page.getByRole('table', { name: 'Contradictions' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('30th lap');
  await expect(table.getByRole('row').nth(1)).toContainText('lap 32');
  expect((await workbench.storedAnnotations()).map((a) => a.fragments[0]!.exact).sort()).toEqual(['30th lap', 'lap 32']);
  await page.locator('.contradictions-view').getByLabel('Filter').fill('italian');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.locator('.contradictions-view').getByLabel('Filter').fill('no such words');
  await expect(table.getByRole('row')).toHaveCount(1);
  await page.locator('.contradictions-view').getByLabel('Filter').fill('');
  await table.getByRole('button', { name: 'Span B' }).click();
  await expect(table.getByRole('columnheader', { name: 'Span B' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: '30th lap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('horrific crash');
  await expect(page.locator('.annotation-focused')).toHaveText('30th lap');
});

test('linking with the keyboard alone inside one article, then delete with its links and undo', async ({ page, workbench }) => {
  await openArticle(page, /Hamilton offers words of support/);
  await labelWithMouse(page, APOLOGY, '2');
  await labelWithMouse(page, 'George Russell following', '1');
  // Keyboard only from here: j/k move the focus, l starts a link, a number picks its type.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText('George Russell following');
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText(APOLOGY);
  await page.keyboard.press('3'); // supports
  await saved(page);
  await expect(linksPanel(page).getByRole('listitem')).toHaveCount(1);
  await expect(linksPanel(page).getByRole('listitem')).toContainText('← Supports');

  // The same link twice is refused with a message (an annotation cannot be its own target at all).
  await page.keyboard.press('k');
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await page.keyboard.press('3');
  await expect(page.getByText('These two annotations are already linked as "Supports".')).toBeVisible();

  // Delete the apology: its link goes with it, and undo brings both back.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText(APOLOGY);
  await page.keyboard.press('Delete');
  await expect(page.getByText('Deleted the quote and its 1 link. Ctrl+Z brings them back.')).toBeVisible();
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(0);
  await saved(page);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText(APOLOGY);
  await saved(page);
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: `Quote: ${APOLOGY}` }).click();
  await expect(linksPanel(page).getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: `Quote: ${APOLOGY}` }).click();
  await expect(linksPanel(page).getByRole('listitem')).toContainText('Supports');
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});

test('two articles side by side: each scrolls on its own, links between them are listed and made by a click and a number key', async ({ page, workbench }) => {
  const straight = "Yesterday wasn't my proudest day,";
  await openArticle(page, /seeing red after the Italian GP/);
  await labelWithMouse(page, straight, '2');
  await saved(page);
  await openArticle(page, /Hamilton offers words of support/);
  await labelWithMouse(page, APOLOGY, '2');
  await page.keyboard.press('l');

  await page.getByRole('button', { name: 'Side by side' }).click();
  const pane = page.getByRole('region', { name: 'Compared article' });
  await pane.getByLabel('Compare with').selectOption({ label: (await pane.getByRole('option', { name: /seeing red/ }).textContent())! });
  await expect(pane.getByRole('heading', { level: 2, name: /seeing red/ })).toBeVisible();
  await pane.locator('.article-text .annotation').filter({ hasText: straight }).click();
  await expect(page.getByRole('dialog', { name: 'Choose the link type' }).getByRole('button').first()).toBeFocused();
  await page.keyboard.press('1');
  await expect(page.getByRole('dialog', { name: 'Choose the link type' })).toHaveCount(0);
  await saved(page);
  const between = pane.getByLabel('Links between the two articles');
  await expect(between.getByRole('listitem')).toHaveCount(1);
  await expect(between.getByRole('listitem')).toContainText('Same');

  // The two panes scroll independently.
  const reader = page.locator('.reader');
  await reader.evaluate((el) => el.scrollTo(0, 0));
  const compared = pane.locator('.compare-article');
  await compared.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  expect(await reader.evaluate((el) => el.scrollTop)).toBe(0);
  expect(await compared.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Its header and the links between the two stay in sight while its article scrolls.
  await expect(pane.getByRole('button', { name: 'Close' })).toBeInViewport();
  await expect(pane.getByLabel('Links between the two articles')).toBeInViewport();

  // Clicking the listed link brings both spans into focus.
  await between.getByRole('button').click();
  await expect(page.locator('.reader .annotation-focused')).toHaveText(APOLOGY);
  await expect(pane.locator('.annotation-focused')).toHaveText(straight);
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});

test('link types are edited like labels, and a link carries a note', async ({ page, workbench }) => {
  await openArticle(page, /George Russell and Valtteri Bottas had a horrific crash/);
  await labelWithMouse(page, '30th lap', '3');
  await page.keyboard.press('l');
  await openArticle(page, /seeing red after the Italian GP/);
  await labelWithMouse(page, 'lap 32', '3');
  await page.keyboard.press('4');
  await saved(page);

  // A note on the link, saved when the field is left.
  const note = linksPanel(page).getByLabel(/Note on the link to/);
  await note.fill('AP says lap 31');
  await note.press('Enter');
  await saved(page);
  await page.reload();
  await page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', { name: 'Fact: lap 32' }).click();
  await expect(linksPanel(page).getByLabel(/Note on the link to/)).toHaveValue('AP says lap 31');

  // Rename "Contradicts" and add a type; the panel shows the new name at once.
  await page.getByRole('button', { name: 'Edit link types', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Link types' });
  await dialog.getByLabel('Name of Contradicts').fill('Conflicts with');
  await dialog.getByRole('button', { name: 'Add link type' }).click();
  await dialog.getByLabel('Name of New link type').fill('Attributed to');
  await dialog.getByRole('button', { name: 'Save link types' }).click();
  await expect(dialog).toBeHidden();
  await expect(linksPanel(page).locator('.link-type-chip')).toContainText('Conflicts with');

  // Removing a type in use asks first.
  await page.getByRole('button', { name: 'Edit link types', exact: true }).click();
  await dialog.getByRole('button', { name: 'Remove Conflicts with' }).click();
  await dialog.getByRole('button', { name: 'Save link types' }).click();
  await expect(dialog.getByRole('alert')).toContainText('deletes 1 links: tick the box to confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(linksPanel(page).getByRole('listitem')).toHaveCount(1);
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});
