import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

const CLAIM = 'Hamilton has offered words of encouragement';
const QUOTE = 'Yesterday wasn’t my proudest day,';

test('a one-way link says its direction in words while choosing and in the list, and can be reversed (undoably)', async ({ page, workbench }) => {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Hamilton offers words of support/ }).click();
  const saved = () => expect(page.locator('.save-status')).toHaveText('All changes saved');
  expect(await selectWithMouse(page, CLAIM)).toBe(CLAIM);
  await page.keyboard.press('1');
  await saved();
  expect(await selectWithMouse(page, QUOTE)).toBe(QUOTE);
  await page.keyboard.press('2');
  await saved();

  // From the claim (focused by j), l, then the quote (k back is the claim; j is the quote).
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText(CLAIM);
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-focused')).toHaveText(QUOTE);
  const chooser = page.getByRole('group', { name: 'Choose the link type' });
  await expect(chooser.locator('.link-direction-hint')).toContainText(`“Hamilton has offered words of…” supports “${QUOTE}”`);
  await page.keyboard.press('3');
  await saved();
  const reading = page.getByRole('region', { name: 'Links' }).locator('.link-reading');
  await expect(reading).toContainText(`“Hamilton has offered words of…” supports “${QUOTE}”`);

  await reading.getByRole('button', { name: 'Reverse' }).click();
  await saved();
  await expect(reading).toContainText(`“${QUOTE}” supports “Hamilton has offered words of…”`);
  const stored = async () => {
    const workspace = { links: await workbench.storedLinks() };
    const annotations = await workbench.storedAnnotations();
    return annotations.find((a) => a.id === workspace.links[0]!.source.annotationId)!.fragments[0]!.exact;
  };
  expect(await stored()).toBe(QUOTE);

  await page.keyboard.press('Control+z');
  await saved();
  await expect(reading).toContainText(`“Hamilton has offered words of…” supports “${QUOTE}”`);
  expect(await stored()).toBe(CLAIM);
});
