import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { openWorkbench } from '../main/services/open-workbench.js';
import { startBrowserHostProcess, TEST_EDITOR, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { violationsOf } from './support/axe-rules.js';
import { shoot } from './support/screen-checks.js';
import { expectAllSaved, openArticle } from './support/editor-steps.js';
import { expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const ANA = { name: 'Ana López', email: 'ana@example.org' };
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };
/** What the screenshots are checked for besides being looked at: text contrast, names matching the visible text. */
const AXE_RULES = ['color-contrast', 'label-content-name-mismatch'];

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  expect(await host?.stop()).toBe(0);
  host = null;
});


test('on first launch the app asks who you are, by keyboard, and your annotations record it', async ({ page, scratchDir }) => {
  const appDataDir = join(scratchDir, 'appdata');
  host = await startBrowserHostProcess({ appDataDir, identity: null });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const welcome = page.getByRole('dialog', { name: 'Welcome to Corroborate' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByLabel('Name')).toBeFocused();
  await expect(welcome.getByRole('button', { name: 'Start annotating' })).toBeDisabled();
  await shoot(page, 'identity-dialog-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the first-launch dialog').toEqual([]);
  // Escape does not skip it: every annotation records who made it.
  await page.keyboard.press('Escape');
  await expect(welcome).toBeVisible();

  await page.keyboard.type(ANA.name);
  await page.keyboard.press('Tab');
  await expect(welcome.getByLabel('Email (optional)')).toBeFocused();
  await page.keyboard.type(ANA.email);
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();
  const me = page.getByRole('banner').getByRole('button', { name: /^You: Ana López/ });
  await expect(me).toBeVisible();
  expect(JSON.parse(await readFile(join(appDataDir, 'identity.json'), 'utf8'))).toEqual({ schemaVersion: 1, ...ANA });

  // The workbench is usable: annotate, and the annotation is in Ana's layer.
  await openArticle(page, HAMILTON);
  expect(await selectWithMouse(page, APOLOGY)).toBe(APOLOGY);
  await page.keyboard.press('2');
  await expectAllSaved(page);
  const [stored] = await readStoredAnnotations(join(appDataDir, 'workspace'));
  expect(stored).toMatchObject({ annotator: annotatorIdOf(ANA), author: 'Ana López', fragments: [{ exact: APOLOGY }] });

  // Changeable later from the top bar; Cancel (or Escape) leaves it as it was.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await me.click();
  const change = page.getByRole('dialog', { name: 'Your name' });
  await expect(change.getByLabel('Name')).toHaveValue(ANA.name);
  await shoot(page, 'identity-dialog-1920x1080');
  await page.keyboard.press('Escape');
  await expect(change).toBeHidden();
  await me.click();
  await change.getByLabel('Name').fill('Ana L.');
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: /^You: Ana L\./ })).toBeVisible();
  await expect(page.locator('.article-text .annotation.label-quote'), 'the same email keeps the same layer').toHaveText(APOLOGY);
});

test('another annotator’s layer is read-only, and compare shows every layer with their disagreements', async ({ page, scratchDir }) => {
  // Bob's layer, made through the services as Bob (his own app data, as on his own computer).
  const workspaceDir = join(scratchDir, 'ws');
  const bob = await openWorkbench({ workspaceDir, annotator: BOB.name, email: BOB.email, env: { CORROBORATE_APP_DATA: join(scratchDir, 'bob') } });
  await bob.api.addSampleArticles();
  const hamilton = (await bob.api.listDocuments()).find((d) => d.title === HAMILTON)!;
  const { text } = await bob.api.openDocument({ documentId: hamilton.id });
  const rangeOf = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
  const bobsClaim = 'Lewis Hamilton has offered words of encouragement for George Russell';
  await bob.api.createAnnotation({ documentId: hamilton.id, labelId: 'quote', ranges: [rangeOf(APOLOGY)] });
  await bob.api.createAnnotation({ documentId: hamilton.id, labelId: 'claim', ranges: [rangeOf(bobsClaim)] });
  await bob.close();

  host = await startBrowserHostProcess({ workspaceDir });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await openArticle(page, HAMILTON);
  const layer = page.getByLabel('Layer');
  await layer.selectOption({ label: 'Bob Stone (read-only)' });
  await expect(page.getByText('Bob Stone’s layer — read-only')).toBeVisible();
  await expect(page.locator('.article-text .annotation.label-quote')).toHaveText(APOLOGY);

  // Label keys are refused with a notice; nothing is written anywhere.
  expect(await selectWithMouse(page, 'words of support')).toBe('words of support');
  await page.keyboard.press('1');
  await expect(page.getByText('Bob Stone’s layer is read-only: nothing was changed. Choose “My layer” to annotate.')).toBeVisible();
  await page.keyboard.press('Delete');
  const editor = annotatorIdOf(TEST_EDITOR);
  expect((await readStoredAnnotations(workspaceDir)).filter((a) => a.annotator === editor)).toEqual([]);
  expect((await readStoredAnnotations(workspaceDir)).filter((a) => a.annotator === annotatorIdOf(BOB))).toHaveLength(2);

  // My layer is the annotation surface as always: mark the apology as Bob did.
  await layer.selectOption({ label: 'My layer (editable)' });
  await expect(page.locator('.article-text .annotation')).toHaveCount(0);
  expect(await selectWithMouse(page, APOLOGY)).toBe(APOLOGY);
  await page.keyboard.press('2');
  await expectAllSaved(page);

  await layer.selectOption({ label: 'Compare all layers' });
  const compare = page.getByRole('region', { name: 'Compare layers' });
  const annotators = compare.getByRole('list', { name: 'Annotators' });
  await expect(annotators).toContainText('Editor (you) — 1 annotation');
  await expect(annotators).toContainText('Bob Stone — 2 annotations');
  await expect(annotators).toContainText('layers disagree (1 of 2 spans)');
  const rows = compare.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: APOLOGY })).toContainText('QuoteQuoteAgree');
  await expect(rows.filter({ hasText: bobsClaim })).toContainText('—ClaimDiffer');
  await expect(compare.locator('.compare-disagree')).toHaveText(bobsClaim);
  await shoot(page, 'compare-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the compare view').toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'compare-1920x1080');
  // Comparing changes nothing either.
  await page.keyboard.press('3');
  await expect(page.getByText('The compared layers are read-only: nothing was changed.')).toBeVisible();
});
