import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { LinkLayerFileSchema, WorkspaceFileSchema } from '../shared/model/workspace.js';
import { openWorkbench } from '../main/services/open-workbench.js';
import { startBrowserHostProcess, TEST_EDITOR, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { violationsOf } from './support/axe-rules.js';
import { openArticle } from './support/editor-steps.js';
import { pageWidth } from './support/screen-checks.js';
import { shoot } from './support/screenshots.js';
import { expect, test } from './support/workbench-fixture.js';

const CRASH = 'George Russell and Valtteri Bottas had a horrific crash';
const ACTION = 'The action-packed Emilia Romagna Grand Prix';
const HAMILTON = 'Hamilton offers words of support for Russell';
const SEEING_RED = 'George Russell was seeing red';
const APOLOGY = 'George Russell has issued an apology';
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };
/** What the screenshots are checked for besides being looked at: text contrast, names matching the visible text, form labels. */
const AXE_RULES = ['color-contrast', 'label-content-name-mismatch', 'label', 'aria-allowed-role', 'nested-interactive', 'scrollable-region-focusable', 'th-has-data-cells'];

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  expect(await host?.stop()).toBe(0);
  host = null;
});

const articleList = (page: Page) => page.getByRole('navigation', { name: 'Articles' });
const listed = (page: Page, title: string) => articleList(page).getByRole('button', { name: new RegExp(title) });
const teamTable = (page: Page) => page.getByRole('region', { name: 'Articles by annotator' }).getByRole('table');
const teamRow = (page: Page, title: string) => teamTable(page).getByRole('row').filter({ hasText: title });
const showView = (page: Page, name: 'Article' | 'Progress') => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();

test('a team lead assigns articles, annotators work through their queue and mark their status, and the team overview shows who has done what', async ({ page, scratchDir }) => {
  test.setTimeout(120_000);
  // Bob's work, made through the services as Bob (his own app data, as on his own computer).
  const workspaceDir = join(scratchDir, 'ws');
  const bob = await openWorkbench({ workspaceDir, annotator: BOB.name, email: BOB.email, env: { CORROBORATE_APP_DATA: join(scratchDir, 'bob') } });
  await bob.api.addSampleArticles();
  const ids = new Map((await bob.api.listDocuments()).map((d) => [d.title, d.id]));
  const idOf = (title: string) => [...ids].find(([t]) => t.startsWith(title))![1];
  await bob.api.createAnnotation({ documentId: idOf(HAMILTON), labelId: 'claim', ranges: [{ start: 0, end: 8 }] });
  await bob.api.createAnnotation({ documentId: idOf(HAMILTON), labelId: 'fact', ranges: [{ start: 10, end: 20 }] });
  await bob.api.setMyDocumentStatus({ documentId: idOf(HAMILTON), status: 'done' });
  await bob.api.setMyDocumentStatus({ documentId: idOf(CRASH), status: 'in-progress' });
  await bob.close();
  const bobId = annotatorIdOf(BOB);
  const editorId = annotatorIdOf(TEST_EDITOR);
  const bobsFile = await readFile(join(workspaceDir, 'links', `${bobId}.json`), 'utf8');

  host = await startBrowserHostProcess({ workspaceDir });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);

  // The team overview: Bob's statuses and counts are there before anything is assigned.
  await showView(page, 'Progress');
  await expect(teamTable(page).getByRole('columnheader')).toHaveText(['Article', 'Editor (you)nothing assigned · 0 annotations', 'Bob Stonenothing assigned · 2 annotations']);
  await expect(teamRow(page, HAMILTON).getByRole('cell').nth(1)).toContainText('✓ Done2 annotations');
  await expect(teamRow(page, CRASH).getByRole('cell').nth(1)).toContainText('In progress0 annotations');

  // Assign by mouse: one cell's checkbox, then two rows at once to Bob.
  await teamRow(page, HAMILTON).getByRole('checkbox', { name: `“${HAMILTON}” assigned to Editor` }).check();
  await teamRow(page, ACTION).getByRole('checkbox', { name: /^Select/ }).check();
  await teamRow(page, SEEING_RED).getByRole('checkbox', { name: /^Select/ }).check();
  await page.getByRole('group', { name: 'Selected articles' }).getByRole('combobox').selectOption({ label: 'Bob Stone' });
  await page.getByRole('group', { name: 'Selected articles' }).getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(teamRow(page, ACTION).getByRole('checkbox', { name: /assigned to Bob Stone$/ })).toBeChecked();
  await expect(teamRow(page, SEEING_RED).getByRole('checkbox', { name: /assigned to Bob Stone$/ })).toBeChecked();
  await expect(teamRow(page, CRASH).getByRole('checkbox', { name: /assigned to Bob Stone$/ })).not.toBeChecked();
  // Filtering the overview: the articles nobody has been given.
  await page.getByLabel('Show').selectOption({ label: 'Assigned to nobody' });
  await expect(teamTable(page).getByRole('row')).toHaveCount(3);
  await page.getByLabel('Show').selectOption({ label: 'All articles' });

  // Assign from the open article, through its dialog.
  await showView(page, 'Article');
  await openArticle(page, APOLOGY);
  const workBar = page.locator('.article-work-bar');
  await expect(workBar).toContainText('Assigned tonobody');
  await workBar.getByRole('button', { name: 'Assign…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Assign “George Russell has issued/ });
  await dialog.getByRole('checkbox', { name: /^Editor \(you\)/ }).check();
  await shoot(page, 'assign-dialog-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the assign dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(workBar.getByRole('list', { name: 'Assigned to' })).toHaveText('you');

  // My queue: the articles assigned to me, in order.
  await page.getByRole('group', { name: 'Filter articles' }).getByRole('button', { name: /^My queue/ }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveText([new RegExp(HAMILTON), new RegExp(APOLOGY)]);
  await expect(listed(page, HAMILTON)).toContainText('Assigned to you');

  // My status by mouse, then by the arrow keys in its group: done leaves the queue.
  await openArticle(page, HAMILTON);
  const myStatus = page.getByRole('radiogroup', { name: 'Your status' });
  await myStatus.getByText('In progress').click();
  await expect(myStatus.getByRole('radio', { name: 'In progress' })).toBeChecked();
  await expect(listed(page, HAMILTON)).toContainText('In progress');
  await page.keyboard.press('ArrowRight');
  await expect(myStatus.getByRole('radio', { name: 'Done' })).toBeChecked();
  await expect(articleList(page).getByRole('listitem')).toHaveText([new RegExp(APOLOGY)]);
  await expect(page.getByRole('group', { name: 'Filter articles' }).getByRole('button', { name: /^My queue/ })).toHaveText('My queue 1');

  // …and by its key from the article.
  await openArticle(page, APOLOGY);
  await page.keyboard.press('m');
  await expect(page.getByRole('status').filter({ hasText: /^Your status of “George Russell has issued .*”: in progress\.$/ })).toBeVisible();
  await expect(myStatus.getByRole('radio', { name: 'In progress' })).toBeChecked();
  await expect(listed(page, APOLOGY)).toContainText('In progress');
  await shoot(page, 'article-queue-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the article list and work bar').toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'article-queue-1920x1080');
  await page.setViewportSize({ width: 1280, height: 800 });
  // The key is in the shortcut list.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('row', { name: /^m Mark your status/ })).toBeVisible();
  await page.keyboard.press('Escape');

  const overviewShows = async () => {
    await showView(page, 'Progress');
    await expect(teamTable(page).getByRole('columnheader')).toHaveText([
      'Article',
      'Editor (you)1 of 2 assigned done, 1 in progress · 0 annotations',
      'Bob Stone0 of 2 assigned done · 2 annotations',
    ]);
    await expect(teamRow(page, HAMILTON).getByRole('cell').nth(0)).toContainText('✓ Done0 annotations');
    await expect(teamRow(page, APOLOGY).getByRole('cell').nth(0)).toContainText('In progress0 annotations');
  };
  await overviewShows();
  expect(await pageWidth(page).then((w) => w.scrollWidth <= w.innerWidth), 'the page never scrolls sideways').toBe(true);
  await shoot(page, 'team-overview-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the team overview').toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'team-overview-1920x1080');

  // Everything holds after a reload, and is where it belongs on disk.
  await page.reload();
  await expect(page.getByRole('group', { name: 'Filter articles' }).getByRole('button', { name: /^My queue/ })).toHaveText('My queue 1');
  await expect(listed(page, HAMILTON)).toContainText('Done');
  await overviewShows();
  const index = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8')));
  expect(Object.fromEntries(index.documents.map((d) => [d.id, (d.assignees ?? []).map((a) => a.id)]))).toEqual({
    [idOf(CRASH)]: [],
    [idOf(ACTION)]: [bobId],
    [idOf(HAMILTON)]: [editorId],
    [idOf(SEEING_RED)]: [bobId],
    [idOf(APOLOGY)]: [editorId],
  });
  const mine = LinkLayerFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'links', `${editorId}.json`), 'utf8')));
  expect(mine.documentStatus).toEqual({
    [idOf(HAMILTON)]: { status: 'done', updatedAt: expect.any(String) },
    [idOf(APOLOGY)]: { status: 'in-progress', updatedAt: expect.any(String) },
  });
  expect(await readFile(join(workspaceDir, 'links', `${bobId}.json`), 'utf8'), 'Bob’s file is his alone').toBe(bobsFile);
});

test('the overview of a larger team stays inside the window: the table scrolls within itself', async ({ page, scratchDir }) => {
  const workspaceDir = join(scratchDir, 'ws');
  const team = ['Carolina Fernández-Villanueva', 'Dmitri Alexandrovich Volkonsky', 'Eve Adams', 'Frank Osei-Mensah', 'Grace Hopper-Lovelace', 'Bob Stone'];
  for (const [i, name] of team.entries()) {
    const member = await openWorkbench({ workspaceDir, annotator: name, email: `member${i}@example.org`, env: { CORROBORATE_APP_DATA: join(scratchDir, `member${i}`) } });
    if (i === 0) await member.api.addSampleArticles();
    const documents = await member.api.listDocuments();
    await member.api.setMyDocumentStatus({ documentId: documents[i % documents.length]!.id, status: i % 2 === 0 ? 'done' : 'in-progress' });
    await member.api.assignDocuments({ documentIds: documents.map((d) => d.id).filter((_, j) => j % 2 === i % 2), annotators: [annotatorIdOf({ name, email: `member${i}@example.org` })] });
    await member.close();
  }
  host = await startBrowserHostProcess({ workspaceDir });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await showView(page, 'Progress');
  await expect(teamTable(page).getByRole('columnheader')).toHaveCount(1 + team.length + 1);
  const region = page.getByRole('region', { name: 'Articles by annotator' });
  const widths = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll, 'the table is wider than its box at 1280 and scrolls inside it').toBeGreaterThan(widths.client);
  expect(await pageWidth(page).then((w) => w.scrollWidth <= w.innerWidth), 'the page never scrolls sideways').toBe(true);
  await shoot(page, 'team-overview-seven-1280x800');
  expect(await violationsOf(page, AXE_RULES), 'the team overview of seven').toEqual([]);
  // By keyboard, the table's box takes the focus and scrolls sideways with the arrow keys.
  await region.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'team-overview-seven-1920x1080');
  expect(await pageWidth(page).then((w) => w.scrollWidth <= w.innerWidth)).toBe(true);
});
