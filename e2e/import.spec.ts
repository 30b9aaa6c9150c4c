import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { WorkspaceFileSchema } from '../shared/model/workspace.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'import');

async function openImportDialog(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Import articles…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function storedDocuments(workspaceDir: string) {
  return WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8'))).documents;
}

const articleList = (page: Page) => page.getByRole('navigation', { name: 'Articles' }).getByRole('button');

test('imports several files from the dialog: checks them first, says what cannot be imported, stores the rest', async ({ page, workbench }) => {
  await expect(articleList(page)).toHaveCount(5);
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles([
    join(FIXTURES, 'cases', 'corpus.jsonl'),
    join(FIXTURES, 'article-with-metadata.html'),
    join(FIXTURES, 'cases', 'utf16le.txt'),
    join(FIXTURES, 'cases', 'latin1.txt'),
  ]);
  const review = dialog.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('status')).toHaveText('4 new articles · 1 file cannot be imported');
  await expect(review.getByRole('region', { name: 'Cannot be imported' })).toContainText(
    'latin1.txt is not valid UTF-8: byte 0xE9 at offset 3 (line 1) does not form a character.',
  );
  await expect(review.getByRole('region', { name: 'New articles' })).toContainText('“FIA closes the case” (corpus.jsonl, line 3; 2030-01-01) — date given as 2030-01-01');
  // Nothing is stored before the import is confirmed.
  expect(await storedDocuments(workbench.workspaceDir)).toHaveLength(5);

  await review.getByRole('button', { name: 'Import: 4 new articles' }).click();
  await expect(dialog.getByRole('region', { name: 'Import summary' }).getByRole('status')).toHaveText('Imported 4 articles.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(articleList(page)).toHaveCount(9);
  expect(await storedDocuments(workbench.workspaceDir)).toHaveLength(9);

  // The HTML page's metadata is shown with the article.
  await articleList(page).filter({ hasText: 'Russell apologises to Bottas after Imola crash' }).click();
  await expect(page.locator('.article-meta')).toContainText('The Paddock · 2021-04-20 · by Jane Reporter · https://paddock.example/2021/04/russell-apologises');

  // A doubtful date is shown as given, with its warning; editing it works the warning out again.
  await articleList(page).filter({ hasText: 'FIA closes the case' }).click();
  const warning = page.getByRole('note', { name: 'Date warning' });
  await expect(warning).toHaveText('The date may be wrong: given as 2030-01-01, but that is in the future; January 1st is often a placeholder.');
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Article details' });
  await form.getByLabel('Date').fill('2021-04-30');
  await form.getByLabel('Outlet').fill('Paddock Wire');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(warning).toBeHidden();
  await expect(page.locator('.article-meta')).toContainText('Paddock Wire · 2021-04-30');
  await expect(articleList(page).filter({ hasText: 'FIA closes the case' })).toContainText('Paddock Wire · 2021-04-30');
  const fia = (await storedDocuments(workbench.workspaceDir)).find((d) => d.title === 'FIA closes the case');
  expect(fia).toMatchObject({ date: '2021-04-30', outlet: 'Paddock Wire', dateWarning: null });
});

test('imports a whole folder and summarises what was imported, what was skipped and why', async ({ page, workbench }) => {
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('Article folder').setInputFiles(join(FIXTURES, 'folder', 'news'));
  const review = dialog.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('status')).toContainText('3 new articles · 1 file cannot be imported · ');
  await review.getByRole('button', { name: 'Import: 3 new articles' }).click();
  const summary = dialog.getByRole('region', { name: 'Import summary' });
  await expect(summary.getByRole('status')).toHaveText('Imported 3 articles.');
  await expect(summary.getByRole('region', { name: 'Cannot be imported' })).toContainText('news/2021/broken.jsonl, line 2, column 1: not valid JSON');
  const skipped = summary.getByRole('region', { name: 'Skipped' });
  await expect(skipped).toContainText('news/photo.jpg: images (.jpg) are not article files, so it was left out.');
  await expect(skipped).toContainText('news/notes.csv: .csv files are not article files, so it was left out.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(articleList(page)).toHaveCount(8);
  await expect(articleList(page).filter({ hasText: 'Hamilton backs Russell' })).toContainText('Planet Racing · 2021-04-21');
  const titles = (await storedDocuments(workbench.workspaceDir)).map((d) => d.sourceFile);
  expect(titles).toEqual(expect.arrayContaining(['news/russell.txt', 'news/2021/hamilton.md', 'news/2021/bottas.html']));
});

test('imports files dropped on the window', async ({ page, workbench }) => {
  const russell = await readFile(join(FIXTURES, 'folder', 'news', 'russell.txt'), 'utf8');
  const hamilton = await readFile(join(FIXTURES, 'folder', 'news', '2021', 'hamilton.md'), 'utf8');
  await expect(articleList(page)).toHaveCount(5);
  await page.evaluate(
    ({ russell, hamilton }) => {
      const data = new DataTransfer();
      data.items.add(new File([russell], 'russell.txt', { type: 'text/plain' }));
      data.items.add(new File([hamilton], 'hamilton.md', { type: 'text/markdown' }));
      const target = document.querySelector('.reader')!;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { russell, hamilton },
  );
  const dialog = page.getByRole('dialog', { name: 'Import articles' });
  const review = dialog.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('status')).toHaveText('2 new articles');
  await review.getByRole('button', { name: 'Import: 2 new articles' }).click();
  await expect(dialog.getByRole('region', { name: 'Import summary' }).getByRole('status')).toHaveText('Imported 2 articles.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(articleList(page)).toHaveCount(7);
  // The first imported article is opened.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Russell apologises');
  expect((await storedDocuments(workbench.workspaceDir)).map((d) => d.title)).toEqual(expect.arrayContaining(['Russell apologises', 'Hamilton backs Russell']));
});

test('imported HTML and Markdown with scripts, handlers, javascript: links, iframes and SVG never run', async ({ page, workbench }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles([join(FIXTURES, 'xss-pwned.html'), join(FIXTURES, 'xss-corpus.html'), join(FIXTURES, 'cases', 'raw-html.md')]);
  await dialog.getByRole('button', { name: 'Import: 3 new articles' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await articleList(page).filter({ hasText: 'Pwned headline' }).click();
  // The title's markup is shown as the text it is.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pwned headline <img src=x onerror="window.__pwned='title'">`);
  await expect(page.locator('.article-meta')).toContainText(`by <img src=x onerror="window.__pwned='author'">`);
  await expect(page.locator('.article-text')).toContainText('First paragraph survives.');
  await expect(page.locator('.article-text')).toContainText(`Escaped: <img src=x onerror="window.__pwned='escaped'"> is shown as text.`);
  for (const title of ['Safe headline', 'Markdown with raw HTML']) {
    await articleList(page).filter({ hasText: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
  await page.reload();
  await expect(articleList(page)).toHaveCount(8);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('main img, main iframe, main svg, main script, main object, main embed').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(workbench.host.stdoutLines.join('\n')).not.toContain('pwned');
});

test('re-importing a changed article replaces it when accepted, keeps what it can place and lists the orphan', async ({ page, workbench }) => {
  let dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles(join(FIXTURES, 'versions', 'v1', 'russell-apology.txt'));
  await dialog.getByRole('button', { name: 'Import: 1 new article' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Russell apologises to Bottas');

  const lost = 'he was wrong to confront Bottas in the gravel trap';
  const kept = 'George Russell has apologised to Valtteri Bottas';
  expect(await selectWithMouse(page, lost)).toBe(lost);
  await page.keyboard.press('2');
  expect(await selectWithMouse(page, kept)).toBe(kept);
  await page.keyboard.press('1');
  await expect(page.locator('.article-text .annotation')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles(join(FIXTURES, 'versions', 'v2', 'russell-apology.txt'));
  const review = dialog.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('status')).toHaveText('0 new articles · 1 new version of an article');
  await expect(review.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await review.getByLabel('Replace “Russell apologises to Bottas” with the version in russell-apology.txt').check();
  await review.getByRole('button', { name: 'Import: replace 1' }).click();
  const summary = dialog.getByRole('region', { name: 'Import summary' });
  await expect(summary.getByRole('region', { name: 'Replaced' })).toContainText('“Russell apologises to Bottas”: 1 annotation placed on the new text, 1 orphaned');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The new version is open: the placed annotation is painted where its quote now is; the orphan is
  // listed, never painted at a look-alike place.
  await expect(page.locator('.article-text')).toContainText('Updated on Wednesday.');
  await expect(page.locator('.article-text .annotation.label-claim')).toHaveText(kept);
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveCount(0);
  const orphans = page.getByRole('region', { name: 'Orphaned annotations' });
  await expect(orphans).toContainText('1 annotation could not be placed on this version of the text');
  await expect(orphans).toContainText(`Quote “${lost}”`);
  await expect(articleList(page)).toHaveCount(6);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Orphaned annotations' })).toContainText(lost);
  const stored = await workbench.storedAnnotations();
  const byText = (exact: string) => stored.filter((a) => a.fragments[0]!.exact === exact);
  expect(byText(kept).map((a) => a.orphaned)).toContain(false);
  expect(byText(lost).map((a) => a.orphaned)).toContain(true);
});

test('a multi-megabyte file is sent in pieces with progress and imported whole', async ({ page, workbench, scratchDir }) => {
  // Reading and checking 8 MB takes a while on a loaded machine: give the slow steps room.
  test.setTimeout(180_000);
  const paragraph = 'The stewards reviewed the 2021 crash at Tamburello frame by frame. '.repeat(30);
  const text = `A very long report\n\n${Array.from({ length: 4500 }, () => paragraph).join('\n\n')}\n`;
  const path = join(scratchDir, 'long-report.txt');
  await writeFile(path, text);
  expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 4 * 1024 * 1024);
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles(path);
  const review = dialog.getByRole('region', { name: 'Import review' });
  await expect(review.getByRole('status')).toHaveText('1 new article', { timeout: 60_000 });
  await review.getByRole('button', { name: 'Import: 1 new article' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click({ timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A very long report', { timeout: 30_000 });
  const stored = (await storedDocuments(workbench.workspaceDir)).find((d) => d.title === 'A very long report')!;
  expect(stored.length).toBe(text.length);
  expect(await readFile(join(workbench.workspaceDir, 'documents', `${stored.id}.txt`), 'utf8')).toBe(text);
});

test('cancelling an import of hundreds of files leaves the workspace as it was', async ({ page, workbench, scratchDir }) => {
  const paths: string[] = [];
  for (let i = 0; i < 300; i++) {
    const path = join(scratchDir, `wire-${String(i).padStart(3, '0')}.txt`);
    await writeFile(path, `Wire story ${i}\n\nStory number ${i} about the crash, filed in 2021.\n`);
    paths.push(path);
  }
  const before = await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8');
  const dialog = await openImportDialog(page);
  await dialog.getByLabel('Article files').setInputFiles(paths);
  // Cancel wherever the import has got to: reading the files, or reviewing them.
  await dialog.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Import cancelled: nothing was imported.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(articleList(page)).toHaveCount(5);
  expect(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8')).toBe(before);
});
