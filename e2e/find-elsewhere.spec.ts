import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';

const PIECES = ['I knew it would be one of our best opportunities', 'sometimes you take risks', 'I have to take responsibility for that'];

test('a discontinuous quote is found piece by piece in the other outlets and annotated there with every piece', async ({ page, workbench }) => {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Hamilton offers words of support/);
  // Three pieces collected with +, finished with the quote key.
  for (const piece of PIECES.slice(0, 2)) {
    expect(await selectWithMouse(page, piece)).toBe(piece);
    await page.keyboard.press('+');
  }
  expect(await selectWithMouse(page, PIECES[2]!)).toBe(PIECES[2]);
  await page.keyboard.press('2');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  const links = page.getByRole('region', { name: 'Links' });
  await links.getByRole('button', { name: 'Find in other articles' }).click();
  const sightings = links.getByLabel('In other articles').getByRole('listitem');
  await expect(sightings).toHaveCount(2);
  await expect(sightings.first()).toContainText(PIECES.join(' … '));
  await expect(sightings.first()).toContainText('same wording');
  await links.getByRole('button', { name: 'Annotate and link as same' }).first().click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(links.locator('.link-list > li')).toHaveCount(1);
  await expect(sightings).toHaveCount(1);

  const stored = await readStoredAnnotations(workbench.workspaceDir);
  const made = stored.filter((a) => a.fragments.length === 3);
  expect(made).toHaveLength(2);
  for (const annotation of made) expect(annotation.fragments.map((f) => f.exact)).toEqual(PIECES);
  expect(new Set(made.map((a) => a.documentId)).size).toBe(2);
});
