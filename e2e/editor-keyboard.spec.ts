import { expect, test } from './support/workbench-fixture.js';
import { annotationPanel, expectAllSaved, focusedText, selectWithFind } from './support/editor-steps.js';

test('keyboard only: label, move between, relabel, resize, edit details, delete, undo and redo each', async ({ page, workbench }) => {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell and Valtteri Bottas');
  const stored = async () => (await workbench.storedAnnotations()).sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start);

  // Label two spans: select with the find bar, press the label key.
  expect(await selectWithFind(page, 'Russell claims he has yet')).toBe('Russell claims he has yet');
  await page.keyboard.press('1');
  await expect(page.locator('.article-text .annotation.label-claim')).toHaveText('Russell claims he has yet');
  expect(await selectWithFind(page, 'Tom Clarkson')).toBe('Tom Clarkson');
  await page.keyboard.press('3');
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('Tom Clarkson');
  await expectAllSaved(page);
  expect((await stored()).map((a) => [a.labelId, a.fragments[0]!.exact])).toEqual([
    ['claim', 'Russell claims he has yet'],
    ['fact', 'Tom Clarkson'],
  ]);

  // Move between annotations with j and k.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  expect(await focusedText(page)).toBe('Russell claims he has yet');
  await page.keyboard.press('j');
  expect(await focusedText(page)).toBe('Tom Clarkson');
  await page.keyboard.press('k');
  expect(await focusedText(page)).toBe('Russell claims he has yet');

  // Relabel the focused claim as a quote.
  await page.keyboard.press('2');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('Russell claims he has yet');
  await expectAllSaved(page);
  expect((await stored())[0]!.labelId).toBe('quote');

  // Resize with the keyboard: end one character left, start one character right.
  await page.keyboard.press('{');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('Russell claims he has ye');
  await page.keyboard.press(']');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('ussell claims he has ye');
  await expectAllSaved(page);
  expect((await stored())[0]!.fragments[0]!.exact).toBe('ussell claims he has ye');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('Russell claims he has yet');
  await expectAllSaved(page);
  expect((await stored())[0]!.fragments[0]!.exact).toBe('Russell claims he has yet');

  // Open the details with Enter and fill them in without the mouse.
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'Annotation details' });
  await expect(details.getByRole('combobox', { name: 'Label' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(details.getByRole('textbox', { name: 'speaker' })).toBeFocused();
  await page.keyboard.type('George Russell');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Needs a second source.');
  await page.keyboard.press('Escape');
  await expect(page.locator('.article-text')).toBeFocused();
  await expectAllSaved(page);
  await expect.poll(async () => {
    const [quote] = await stored();
    return [quote!.attributes, quote!.note];
  }).toEqual([{ speaker: 'George Russell', verbatim: true }, 'Needs a second source.']);
  const withDetails = (await stored())[0]!;

  // Undo the note, the box and the speaker, one step each; then redo all three.
  await page.keyboard.press('Control+z');
  await expect(details.getByRole('textbox', { name: 'Note' })).toHaveValue('');
  await page.keyboard.press('Control+z');
  await expect(details.getByRole('checkbox', { name: 'verbatim' })).not.toBeChecked();
  await page.keyboard.press('Control+z');
  await expect(details.getByRole('textbox', { name: 'speaker' })).toHaveValue('');
  await expectAllSaved(page);
  expect((await stored())[0]).toMatchObject({ attributes: {}, note: '' });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+z');
  await expect(details.getByRole('textbox', { name: 'Note' })).toHaveValue('Needs a second source.');
  await expectAllSaved(page);
  expect((await stored())[0]).toEqual(withDetails);

  // Delete it with the keyboard; undo brings it back with its id, attributes and note.
  await page.keyboard.press('Delete');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(0);
  await expectAllSaved(page);
  expect((await stored()).map((a) => a.labelId)).toEqual(['fact']);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('Russell claims he has yet');
  await expectAllSaved(page);
  expect((await stored())[0]).toEqual(withDetails);

  // Everything is on disk: a reload shows the same.
  await page.reload();
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText('Russell claims he has yet');
  await expect(annotationPanel(page).getByRole('button', { name: 'Quote: Russell claims he has yet' })).toContainText('speaker: George Russell');
});

test('undo and redo a new annotation; redo brings back the same one', async ({ page, workbench }) => {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell and Valtteri Bottas');
  await selectWithFind(page, 'horrific crash');
  await page.keyboard.press('3');
  await expectAllSaved(page);
  const [created] = await workbench.storedAnnotations();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  await expectAllSaved(page);
  expect(await workbench.storedAnnotations()).toEqual([]);
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('horrific crash');
  await expectAllSaved(page);
  expect(await workbench.storedAnnotations()).toEqual([created]);
});

test('? lists the shortcuts, label keys included', async ({ page, workbench }) => {
  expect(workbench.host.url).toContain('#token=');
  await page.locator('.article-text').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Label as claim/ })).toContainText('1');
  await expect(help.getByRole('row', { name: /Undo/ }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
