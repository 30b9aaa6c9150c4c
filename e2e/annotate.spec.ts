import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';
import { startBrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { join } from 'node:path';

const APOLOGY = 'Yesterday wasn’t my proudest day,';

test('first launch opens the default workspace with the five sample articles', async ({ page, workbench }) => {
  const articles = page.getByRole('navigation', { name: 'Articles' }).getByRole('button');
  await expect(articles).toHaveCount(5);
  await expect(articles.filter({ hasText: 'Hamilton offers words of support for Russell' })).toHaveCount(1);
  // The seed's " date 2024-01-01 " prefix gives the date and is not part of the title.
  const first = articles.first();
  await expect(first).toContainText('George Russell and Valtteri Bottas had a horrific crash');
  await expect(first).toContainText('2024-01-01');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('George Russell and Valtteri Bottas');
  expect(workbench.host.stdoutLines.filter((line) => line.includes('http://127.0.0.1:'))).toHaveLength(1);
});

test('select with the mouse, label, see it highlighted and listed, reload, delete', async ({ page, workbench }) => {
  await page.getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hamilton offers words of support for Russell');

  const selected = await selectWithMouse(page, APOLOGY);
  expect(selected).toBe(APOLOGY);
  await page.keyboard.press('2');

  const highlight = page.locator('.article-text .annotation.label-quote');
  await expect(highlight).toHaveText(APOLOGY);
  await expect(highlight).toHaveAttribute('title', 'Quote');
  const panel = page.getByRole('complementary', { name: 'Annotations' });
  await expect(panel.getByRole('button', { name: `Quote: ${APOLOGY}` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  // The highlight is painted in the label's colour.
  const colour = await highlight.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(colour).toBe('rgba(59, 130, 246, 0.28)');

  // Saved to disk, at exactly the selected characters.
  const [stored] = await workbench.storedAnnotations();
  expect(stored).toMatchObject({ labelId: 'quote', fragments: [{ exact: selected }] });
  expect(stored!.fragments[0]!.end - stored!.fragments[0]!.start).toBe(selected.length);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hamilton offers words of support for Russell');
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText(APOLOGY);
  await expect(page.getByRole('button', { name: /Hamilton offers/ })).toContainText('1 annotation');

  // Select it in the panel and delete it with the keyboard.
  await panel.getByRole('button', { name: `Quote: ${APOLOGY}` }).click();
  await expect(page.locator('.annotation-focused')).toHaveText(APOLOGY);
  await page.keyboard.press('Delete');
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  expect(await workbench.storedAnnotations()).toEqual([]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hamilton offers words of support for Russell');
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
});

test('select with the keyboard and label as a claim; delete with the panel button', async ({ page, workbench }) => {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('George Russell and Valtteri Bottas');
  const text = page.locator('.article-text');
  // Put the caret before "Russell claims" (select it, collapse to its start), then extend with Shift+arrows.
  const phrase = 'Russell claims he has yet to get closure';
  await selectWithMouse(page, 'Russell claims');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < phrase.length; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe(phrase);
  await page.keyboard.press('1');
  await expect(text.locator('.annotation.label-claim')).toHaveText(phrase);
  await expect.poll(async () => (await workbench.storedAnnotations()).map((a) => a.fragments[0]!.exact)).toEqual([phrase]);

  await page.getByRole('button', { name: /^Delete claim/ }).click();
  await expect(text.locator('.annotation')).toHaveCount(0);
  await expect.poll(() => workbench.storedAnnotations()).toEqual([]);
});

test('the article text cannot be changed by typing, pasting or deleting', async ({ page, workbench }) => {
  const text = page.locator('.article-text');
  const before = await text.innerText();
  await selectWithMouse(page, 'horrific crash');
  await page.keyboard.type('xyz');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await text.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted words');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  expect(await text.innerText()).toBe(before);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  expect(await workbench.storedAnnotations()).toEqual([]);
});

test('pressing a label key with nothing selected says what to do', async ({ page, workbench }) => {
  await page.locator('.article-text').click();
  await page.keyboard.press('3');
  await expect(page.getByText('Select some text first, then press 3 to mark it as fact.')).toBeVisible();
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  expect(await workbench.storedAnnotations()).toEqual([]);
});

test('a new named workspace starts empty and offers the sample articles', async ({ page, scratchDir }) => {
  const host = await startBrowserHostProcess({ workspaceDir: join(scratchDir, 'fresh') });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'This workspace has no articles yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Add the sample articles' }).click();
    await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
    await expect(page.getByText('Added 5 sample articles.')).toBeVisible();
    expect(await readStoredAnnotations(join(scratchDir, 'fresh'))).toEqual([]);
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('a page opened without the token is refused', async ({ page, workbench }) => {
  const bare = workbench.host.url.replace(/#.*/, '');
  await page.context().clearCookies();
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(bare);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('needs the address the workbench printed');
});
