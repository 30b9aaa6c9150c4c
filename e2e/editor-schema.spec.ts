import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkspaceFileSchema } from '../shared/model/workspace.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';
import { annotationPanel, expectAllSaved, openArticle } from './support/editor-steps.js';

const HAMILTON = 'Hamilton offers words of support for Russell';

test('edit the label schema: rename and recolour update every annotation; deleting a label in use asks first; undo restores', async ({
  page,
  workbench,
}) => {
  const storedLabels = async () =>
    WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8'))).labels;
  await openArticle(page, HAMILTON);
  await selectWithMouse(page, 'Russell took out himself');
  await page.keyboard.press('1');
  await expect(page.locator('.article-text .annotation.label-claim[data-annotation-id]')).toHaveText('Russell took out himself');
  await selectWithMouse(page, '24 hours later');
  await page.keyboard.press('3');
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('24 hours later');
  await expectAllSaved(page);
  const [before] = (await workbench.storedAnnotations()).filter((a) => a.labelId === 'fact');

  // Rename and recolour Claim, and give Fact a new attribute.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  let dialog = page.getByRole('dialog', { name: 'Labels' });
  const claim = dialog.getByRole('group', { name: 'Claim' });
  await claim.getByRole('textbox', { name: 'Name' }).fill('Assertion');
  await dialog.getByRole('group', { name: 'Assertion' }).getByLabel('Colour').fill('#ff0000');
  await dialog.getByRole('button', { name: 'Add attribute to Fact' }).click();
  const fact = dialog.getByRole('group', { name: 'Fact' });
  await fact.getByRole('textbox', { name: 'Attribute' }).last().fill('source');
  await dialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(dialog).toBeHidden();

  const renamed = page.locator('.article-text .annotation.label-claim');
  await expect(renamed).toHaveAttribute('title', 'Assertion');
  expect(await renamed.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(255, 0, 0, 0.28)');
  await expect(annotationPanel(page).getByRole('button', { name: 'Assertion: Russell took out himself' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Labels' })).toContainText('Assertion');
  expect((await storedLabels()).find((l) => l.id === 'claim')).toMatchObject({ name: 'Assertion', colour: '#ff0000' });
  await annotationPanel(page).getByRole('button', { name: 'Fact: 24 hours later' }).click();
  await expect(page.getByRole('region', { name: 'Annotation details' }).getByRole('textbox', { name: 'source' })).toBeVisible();

  // Delete Fact, which one annotation uses: the dialog asks first.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  dialog = page.getByRole('dialog', { name: 'Labels' });
  await dialog.getByRole('button', { name: 'Delete label Fact' }).click();
  await dialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Fact is used by 1 annotation');
  expect((await storedLabels()).map((l) => l.id)).toContain('fact');
  await dialog.getByRole('button', { name: 'Delete label and annotations' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveCount(0);
  await expect.poll(async () => (await storedLabels()).map((l) => l.id)).toEqual(['claim', 'quote']);
  expect((await workbench.storedAnnotations()).map((a) => a.labelId)).toEqual(['claim']);

  // Undo brings the label back, and its annotation with the same id.
  await page.getByRole('button', { name: 'Undo Change labels' }).click();
  await expect(page.locator('.article-text .annotation.label-fact')).toHaveText('24 hours later');
  await expectAllSaved(page);
  expect((await storedLabels()).map((l) => l.id)).toEqual(['claim', 'quote', 'fact']);
  expect((await workbench.storedAnnotations()).find((a) => a.labelId === 'fact')).toEqual(before);
  // And the rename before it undoes too.
  await page.getByRole('button', { name: 'Undo Change labels' }).click();
  await expect(page.locator('.article-text .annotation.label-claim')).toHaveAttribute('title', 'Claim');
  await expect.poll(async () => (await storedLabels()).find((l) => l.id === 'claim')!.name).toBe('Claim');
});

test('the schema dialog refuses a hotkey that moving around needs', async ({ page, workbench }) => {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit labels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labels' });
  await dialog.getByRole('group', { name: 'Quote' }).getByRole('textbox', { name: 'Key' }).fill('j');
  await dialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(dialog.getByRole('alert')).toContainText('reserved');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  const labels = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8'))).labels;
  expect(labels.find((l) => l.id === 'quote')!.hotkey).toBe('2');
});
