import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotatorIdOf, CURATED_ANNOTATOR } from '../shared/model/annotator.js';
import { fragmentAt } from '../shared/text/text-quote.js';
import { openWorkbench } from '../main/services/open-workbench.js';
import { WorkspaceStore } from '../main/workspace/workspace-store.js';
import { startBrowserHostProcess, TEST_EDITOR, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { violationsOf } from './support/axe-rules.js';
import { shoot } from './support/screenshots.js';
import { expect, test } from './support/workbench-fixture.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const BOBS_CLAIM = 'Lewis Hamilton has offered words of encouragement for George Russell';
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  expect(await host?.stop()).toBe(0);
  host = null;
});

/** The sample articles with my quote of the apology and Bob's claim, each made through the services as its annotator. */
async function twoAnnotators(workspaceDir: string, scratchDir: string): Promise<{ documentId: string; text: string }> {
  const me = await openWorkbench({ workspaceDir, annotator: TEST_EDITOR.name, email: TEST_EDITOR.email, env: { CORROBORATE_APP_DATA: join(scratchDir, 'me') } });
  await me.api.addSampleArticles();
  const hamilton = (await me.api.listDocuments()).find((d) => d.title === HAMILTON)!;
  const { text } = await me.api.openDocument({ documentId: hamilton.id });
  const rangeOf = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
  await me.api.createAnnotation({ documentId: hamilton.id, labelId: 'quote', ranges: [rangeOf(APOLOGY)] });
  await me.close();
  const bob = await openWorkbench({ workspaceDir, annotator: BOB.name, email: BOB.email, env: { CORROBORATE_APP_DATA: join(scratchDir, 'bob') } });
  await bob.api.createAnnotation({ documentId: hamilton.id, labelId: 'claim', ranges: [rangeOf(BOBS_CLAIM)] });
  await bob.close();
  return { documentId: hamilton.id, text };
}

/** The spans of a JSON Lines export, each with the article it is in. */
async function exportedSpans(folder: string): Promise<Array<{ id: string; text: string; annotator?: string }>> {
  const lines = (await readFile(join(folder, 'documents.jsonl'), 'utf8')).trimEnd().split('\n');
  return lines.flatMap((line) => JSON.parse(line).spans);
}

test('export every annotator’s layer or one chosen annotator’s; a format that cannot hold every layer says why', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  await twoAnnotators(workspaceDir, scratchDir);
  host = await startBrowserHostProcess({ workspaceDir });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const layers = dialog.getByRole('group', { name: 'Layers' });
  // Nothing is curated yet, so the curated layer is offered but not chosen: my layer is.
  await expect(layers.getByLabel('One annotator’s layer')).toBeChecked();
  await expect(layers.getByLabel('Annotator', { exact: true })).toHaveValue(annotatorIdOf(TEST_EDITOR));
  await expect(layers).toContainText('No article has a curated layer yet');

  await dialog.getByLabel('Format').selectOption('jsonl');
  await layers.getByLabel('All annotators').check();
  const everyLayer = join(scratchDir, 'every-layer');
  await dialog.getByLabel('Destination folder').fill(everyLayer);
  await shoot(page, 'export-layers-1280x800');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const summary = dialog.getByRole('region', { name: 'Export summary' });
  await expect(summary).toContainText('Exported 2 annotations and 0 links from 5 articles');
  await expect(summary).toContainText('Every annotator’s layer (2: Bob Stone, Editor), each annotation saying whose it is.');
  const spans = await exportedSpans(everyLayer);
  expect(spans.map((s) => [s.annotator, s.text]).sort()).toEqual([
    [annotatorIdOf(BOB), BOBS_CLAIM],
    [annotatorIdOf(TEST_EDITOR), APOLOGY],
  ].sort());

  // Bob's layer alone, picked by name.
  await dialog.getByRole('button', { name: 'Export again' }).click();
  await layers.getByLabel('One annotator’s layer').check();
  await layers.getByLabel('Annotator', { exact: true }).selectOption({ label: 'Bob Stone' });
  const bobsLayer = join(scratchDir, 'bobs-layer');
  await dialog.getByLabel('Destination folder').fill(bobsLayer);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(summary).toContainText('Bob Stone’s layer.');
  expect((await exportedSpans(bobsLayer)).map((s) => s.text)).toEqual([BOBS_CLAIM]);

  // doccano cannot say whose a label is: every layer is disabled, and the reason is shown.
  await dialog.getByRole('button', { name: 'Export again' }).click();
  await layers.getByLabel('All annotators').check();
  await dialog.getByLabel('Format').selectOption('doccano');
  const all = layers.getByLabel('All annotators');
  await expect(all).toBeDisabled();
  await expect(all).not.toBeChecked();
  await expect(layers.getByLabel('One annotator’s layer')).toBeChecked();
  await expect(layers.getByLabel('Annotator', { exact: true })).toHaveValue(annotatorIdOf(BOB));
  await expect(all).toHaveAccessibleDescription(/^doccano’s JSONL has no annotator: .* Choose one annotator’s layer/);
  await expect(layers.getByText('doccano’s JSONL has no annotator')).toBeVisible();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'export-layers-doccano-1920x1080');
  expect(await violationsOf(page, ['color-contrast', 'label-content-name-mismatch']), 'the export dialog with its layers').toEqual([]);
});

test('with a curated layer the dialog starts on it, taking my layer where an article has none', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  const { documentId, text } = await twoAnnotators(workspaceDir, scratchDir);
  const curator = await WorkspaceStore.open(workspaceDir, { holder: 'cli', annotator: { id: CURATED_ANNOTATOR, name: 'Curated', email: '' } });
  const meta = curator.requireDocument(documentId);
  const start = text.indexOf(BOBS_CLAIM);
  await curator.updateAnnotations(documentId, () => [
    {
      id: randomUUID(),
      documentId,
      labelId: 'claim',
      fragments: [fragmentAt(text, { start, end: start + BOBS_CLAIM.length })],
      contentHash: meta.contentHash,
      attributes: {},
      note: '',
      author: 'Curator',
      annotator: CURATED_ANNOTATOR,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      orphaned: false,
    },
  ]);
  await curator.close();

  host = await startBrowserHostProcess({ workspaceDir });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const layers = dialog.getByRole('group', { name: 'Layers' });
  await expect(layers.getByLabel('Curated layer')).toBeChecked();
  await expect(layers).toContainText('Curated so far: 1 of 5 articles.');
  await expect(layers.getByLabel('Articles without one')).toHaveValue(annotatorIdOf(TEST_EDITOR));
  await dialog.getByLabel('Format').selectOption('jsonl');
  const curated = join(scratchDir, 'curated');
  await dialog.getByLabel('Destination folder').fill(curated);
  await shoot(page, 'export-layers-curated-1920x1080');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const summary = dialog.getByRole('region', { name: 'Export summary' });
  await expect(summary).toContainText('The curated layer of 1 of 5 articles; Editor’s layer of the others.');
  // Nobody marked that article curated: the summary says its undecided places are not exported.
  await expect(summary).toContainText(`One article is still being curated (“${meta.title}”): what is not decided there yet is not in the export.`);
  expect((await exportedSpans(curated)).map((s) => [s.annotator, s.text])).toEqual([[CURATED_ANNOTATOR, BOBS_CLAIM]]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, 'export-layers-curated-summary-1280x800');
});
