import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFixtureSnapshot } from '../shared/formats/test-fixtures.js';
import { workspaceHolding } from '../main/services/exports/export.test-support.js';
import { writeExportFolder } from '../main/services/exports/write-export-folder.js';
import { startBrowserHostProcess, TEST_EDITOR } from '../tools/host-process/browser-host-process.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

const APOLOGY = 'Yesterday wasn’t my proudest day,';

/** Slices `text` by code points, as brat and W3C count. */
function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

test('export from the UI to brat in the suggested folder: progress, summary with the full path, and the files on disk', async ({ page, workbench }) => {
  await page.getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hamilton offers words of support for Russell');
  await selectWithMouse(page, APOLOGY);
  await page.keyboard.press('2');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption('brat');
  await expect(dialog.getByText('Offsets: Unicode code points.')).toBeVisible();
  const destinationInput = dialog.getByLabel('Destination folder');
  await expect(destinationInput).toHaveValue(new RegExp(`^${join(workbench.workspaceDir, 'exports', 'brat-')}\\d{4}-`));
  const destination = await destinationInput.inputValue();

  // Record that the progress bar was shown while the export ran.
  await page.evaluate(() => {
    (window as unknown as { exportProgressSeen: boolean }).exportProgressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('progress[aria-label="Export progress"]')) (window as unknown as { exportProgressSeen: boolean }).exportProgressSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();

  const summary = dialog.getByRole('region', { name: 'Export summary' });
  await expect(summary).toContainText('Exported 1 annotation and 0 links from 5 articles as brat standoff, with offsets in Unicode code points.');
  await expect(summary.locator('.export-path')).toHaveText(destination);
  await expect(summary).toContainText('13 files');
  expect(await page.evaluate(() => (window as unknown as { exportProgressSeen: boolean }).exportProgressSeen)).toBe(true);

  const names = await readdir(destination);
  expect(names.filter((n) => n.endsWith('.txt'))).toHaveLength(5);
  expect(names).toEqual(expect.arrayContaining(['annotation.conf', 'visual.conf', 'cross-document-links.tsv']));
  const ann = names.find((n) => n.startsWith('hamilton-offers-words-of-support') && n.endsWith('.ann'))!;
  const [line] = (await readFile(join(destination, ann), 'utf8')).trim().split('\n');
  const [, body, written] = line!.split('\t') as [string, string, string];
  const [label, start, end] = body.split(' ');
  expect(label).toBe('quote');
  expect(written).toBe(APOLOGY);
  expect(sliceCodePoints(await readFile(join(destination, ann.replace(/\.ann$/, '.txt')), 'utf8'), Number(start), Number(end))).toBe(APOLOGY);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('export selected labels as W3C into a chosen folder; an earlier export is replaced only when ticked, a folder not ours never', async ({ page, workbench, scratchDir }) => {
  await page.getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await selectWithMouse(page, APOLOGY);
  await page.keyboard.press('2');
  await selectWithMouse(page, 'Russell');
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await expect.poll(async () => (await workbench.storedAnnotations()).length).toBe(2);

  const destination = join(scratchDir, 'w3c-out');
  await writeExportFolder([{ path: 'annotations.jsonld', chunks: ['{"earlier":true}'] }], destination, { format: 'w3c' });
  const notOurs = join(scratchDir, 'notes');
  await mkdir(notOurs);
  await writeFile(join(notOurs, 'earlier.txt'), 'not ours');

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption('w3c');
  await dialog.getByLabel('Selected labels').check();
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await expect(exportButton).toBeDisabled();
  await dialog.getByRole('list', { name: 'Labels to export' }).getByLabel('Quote').check();
  await dialog.getByLabel('Destination folder').fill(destination);
  await exportButton.click();

  await expect(dialog.getByRole('alert')).toContainText(`${destination} already exists and is not empty`);
  expect(await readFile(join(destination, 'annotations.jsonld'), 'utf8')).toBe('{"earlier":true}');
  await dialog.getByRole('button', { name: 'Change and retry' }).click();
  await expect(dialog.getByLabel('Destination folder')).toHaveValue(destination);
  await dialog.getByLabel('Replace the folder if it exists and is not empty').check();

  await dialog.getByLabel('Destination folder').fill(notOurs);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`${notOurs} already exists and is not an export made by Corroborate`);
  expect(await readdir(notOurs)).toEqual(['earlier.txt']);
  await dialog.getByRole('button', { name: 'Change and retry' }).click();
  await dialog.getByLabel('Destination folder').fill(destination);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();

  const summary = dialog.getByRole('region', { name: 'Export summary' });
  await expect(summary).toContainText('Exported 1 annotation and 0 links from 5 articles as W3C Web Annotation (JSON-LD)');
  await expect(summary.locator('.export-path')).toHaveText(destination);
  expect((await readdir(destination)).sort()).toEqual(['.corroborate-export.json', 'annotations.jsonld']);
  const collection = JSON.parse(await readFile(join(destination, 'annotations.jsonld'), 'utf8'));
  expect(collection.total).toBe(1);
  const [item] = collection.first.items;
  expect(item.body[0]).toMatchObject({ purpose: 'classifying', value: 'Quote' });
  const position = item.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
  const [stored] = (await workbench.storedAnnotations()).filter((a) => a.labelId === 'quote');
  const text = await readFile(join(workbench.workspaceDir, 'documents', `${stored!.documentId}.txt`), 'utf8');
  expect(sliceCodePoints(text, position.start, position.end)).toBe(APOLOGY);
});

test('the summary lists what the format left out and why (an orphaned annotation and its links)', async ({ page, scratchDir }) => {
  const snapshot = buildFixtureSnapshot();
  const police = snapshot.documents[2]!;
  police.annotations[0] = { ...police.annotations[0]!, orphaned: true };
  const workspaceDir = join(scratchDir, 'fixture');
  // Written as the person the host is started as: exports are of their layer.
  const { store } = await workspaceHolding(workspaceDir, snapshot, { annotator: TEST_EDITOR.name, email: TEST_EDITOR.email });
  await store.close();
  const host = await startBrowserHostProcess({ workspaceDir });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('csv');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const summary = dialog.getByRole('region', { name: 'Export summary' });
    await expect(summary).toContainText('Exported 15 annotations and 5 links from 3 articles as CSV tables');
    await expect(summary.getByRole('heading', { name: 'Left out (3)' })).toBeVisible();
    await expect(summary).toContainText('Annotation in “wire/police-statement.txt”: it is orphaned: its quote was not found in the current text');
    await expect(summary).toContainText('Link in “Riverton: officials revise toll”: it links annotation c1000000-0000-4000-8000-000000000001, which is left out');
    const destination = (await summary.locator('.export-path').textContent())!;
    expect(destination.startsWith(join(workspaceDir, 'exports', 'csv-'))).toBe(true);
    expect((await readdir(destination)).sort()).toEqual(['.corroborate-export.json', 'annotations.csv', 'documents.csv', 'links.csv']);
    expect(await readFile(join(destination, 'annotations.csv'), 'utf8')).not.toContain('c1000000-0000-4000-8000-000000000001');
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
