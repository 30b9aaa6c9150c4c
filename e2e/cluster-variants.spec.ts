import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

test('clusters keep their numbers, and punctuation-only differences can be ignored; a changed apostrophe is readable', async ({ page, workbench }) => {
  const links = page.getByRole('region', { name: 'Links' });
  const saved = () => expect(page.locator('.save-status')).toHaveText('All changes saved');
  const makeCluster = async (quote: string) => {
    expect(await selectWithMouse(page, quote)).toBe(quote);
    await page.keyboard.press('2');
    await saved();
    await links.getByRole('button', { name: 'Find in other articles' }).click();
    await links.getByRole('button', { name: 'Annotate and link as same' }).first().click();
    await saved();
  };
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await makeCluster('Yesterday wasn’t my proudest day,');
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Clusters' }).click();
  await expect(page.locator('.cluster-card h3')).toHaveText(['Cluster 1']);
  const first = page.locator('.cluster-card').first();
  const firstText = await first.locator('tbody').innerText();

  // A second cluster, made later, is Cluster 2; the first keeps its number and rows.
  await views.getByRole('button', { name: 'Article' }).click();
  await makeCluster('I have to take responsibility for that.');
  await views.getByRole('button', { name: 'Clusters' }).click();
  await expect(page.locator('.cluster-card h3')).toHaveText(['Cluster 1', 'Cluster 2']);
  expect(await page.locator('.cluster-card').first().locator('tbody').innerText()).toBe(firstText);

  // The curly/straight apostrophe is marked, readable (padded), and goes when punctuation is ignored.
  const marks = first.locator('mark.variant-added');
  await expect(marks).toHaveText(["[differs: ']"]);
  expect((await marks.first().boundingBox())!.width).toBeGreaterThan(8);
  await page.getByLabel(/Ignore punctuation differences/).check();
  await expect(first.locator('mark')).toHaveCount(0);
  await expect(first.locator('tbody')).toContainText("Yesterday wasn't my proudest day,");
  await page.getByLabel(/Ignore punctuation differences/).uncheck();
  await expect(marks).toHaveCount(1);
  expect((await workbench.storedAnnotations()).length).toBe(4);
});
