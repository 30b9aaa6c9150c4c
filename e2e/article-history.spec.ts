import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openWorkbench, type OpenWorkbench } from '../main/services/open-workbench.js';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { asAnnotator, commitAll, git, type Committer } from '../main/services/history/history.test-support.js';
import { ensureGitignore } from '../main/services/sync/team-repository.js';
import { startBrowserHostProcess, TEST_EDITOR, type BrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { debianGitUnavailableReason } from '../tools/git-server/debian-git.js';
import { skipWithReason } from './support/skip-with-reason.js';
import { violationsOf } from './support/axe-rules.js';
import { shoot } from './support/screenshots.js';
import { expectAllSaved, focusedText, openArticle } from './support/editor-steps.js';
import { pageWidth } from './support/screen-checks.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

// A team workspace whose history Debian's git made, commit by commit, as Bob Stone, Ana López and
// the person using the app (the test host's Editor): the History panel of an article lists who
// changed what and when, and shows the annotations that are still there.

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const BOBS_CLAIM = 'Lewis Hamilton has offered words of encouragement for George Russell';
const ANAS_FACT = 'Russell took out himself';
const MY_CLAIM = 'Russell who took to social';
const NEW_QUOTE = 'Russell quickly over to';
const BOB = { name: 'Bob Stone', email: 'bob@example.org' };
const ANA = { name: 'Ana López', email: 'ana@example.org' };
/** Checked with the panel open besides being looked at: contrast, names matching what is shown, valid ARIA, named buttons, lists. */
const AXE_RULES = ['color-contrast', 'label-content-name-mismatch', 'aria-valid-attr-value', 'button-name', 'list', 'listitem', 'region'];

let host: BrowserHostProcess | null = null;
test.afterEach(async () => {
  if (host) expect(await host.stop()).toBe(0);
  host = null;
});

/** Waits until the element `selector` is on screen and the topmost thing at its middle (nothing covers it). */
async function expectUncovered(page: Page, selector: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate((selector) => {
        const element = document.querySelector(selector);
        const box = element?.getBoundingClientRect();
        if (!element || !box || box.height === 0) return 'not there';
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return top && (element === top || element.contains(top)) ? 'uncovered' : `covered by ${top?.className ?? 'nothing'}`;
      }, selector),
    )
    .toBe('uncovered');
}

/** Edits the Hamilton article as `who` (their own app data, as on their own computer). */
function edit(dir: string, who: Committer, work: (api: OpenWorkbench['api'], documentId: string, range: (phrase: string) => { start: number; end: number }) => Promise<unknown>): Promise<unknown> {
  return asAnnotator(dir, who, async ({ api }) => {
    const documentId = (await api.listDocuments()).find((d) => d.title === HAMILTON)!.id;
    const { text } = await api.openDocument({ documentId });
    return work(api, documentId, (phrase) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length }));
  });
}

/** Four commits: Bob shares his annotations (3 days ago), Ana adds hers (2 hours ago), Bob removes one and notes another (1 hour ago), I add mine and set the outlet (10 minutes ago). */
async function teamWorkspace(scratch: string): Promise<string> {
  const dir = join(scratch, 'team-ws');
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const ids: Record<string, string> = {};
  const first = await openWorkbench({ workspaceDir: dir, annotator: BOB.name, email: BOB.email, env: { CORROBORATE_APP_DATA: join(scratch, 'app-data') } });
  await first.api.addSampleArticles();
  await first.close();
  await edit(dir, BOB, async (api, documentId, range) => {
    ids.apology = (await api.createAnnotation({ documentId, labelId: 'quote', ranges: [range(APOLOGY)] })).id;
    ids.bobsClaim = (await api.createAnnotation({ documentId, labelId: 'claim', ranges: [range(BOBS_CLAIM)] })).id;
  });
  await git(dir, ['init', '-q', '-b', 'main']);
  await ensureGitignore(dir);
  await commitAll(dir, BOB, ago(3 * 24 * 60), 'Share the workspace');
  await edit(dir, ANA, (api, documentId, range) => api.createAnnotation({ documentId, labelId: 'fact', ranges: [range(ANAS_FACT)] }));
  await commitAll(dir, ANA, ago(120), 'Changes by Ana López');
  await edit(dir, BOB, async (api, documentId) => {
    await api.deleteAnnotation({ documentId, annotationId: ids.bobsClaim! });
    await api.updateAnnotation({ documentId, annotationId: ids.apology!, note: 'Said after the race' });
  });
  await commitAll(dir, BOB, ago(60), 'Changes by Bob Stone');
  await edit(dir, TEST_EDITOR, async (api, documentId, range) => {
    await api.createAnnotation({ documentId, labelId: 'claim', ranges: [range(MY_CLAIM)] });
    await api.updateDocumentMeta({ documentId, outlet: 'Motorsport Weekly' });
  });
  await commitAll(dir, TEST_EDITOR, ago(10), 'Changes by Editor');
  return dir;
}

test('the History panel lists who changed what in the article and when, and shows the annotations still there', async ({ page, scratchDir }) => {
  const unavailable = debianGitUnavailableReason();
  skipWithReason(unavailable === null ? null : `the article's history is made with Debian's git, and ${unavailable}`);
  host = await startBrowserHostProcess({ workspaceDir: await teamWorkspace(scratchDir) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await openArticle(page, HAMILTON);

  // Reached by keyboard: from the layer chooser, Tab to History, Enter.
  const toggle = page.getByRole('button', { name: 'History', exact: true });
  await page.getByLabel('Layer').focus();
  await page.keyboard.press('Tab');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'History of this article' });
  const entries = panel.locator('.history-entry');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText(/^Editor 10 minutes ago\d{4}-\d\d-\d\d \d\d:\d\d[0-9a-f]{7}/);
  await expect(entries.nth(0)).toContainText('Outlet: none → “Motorsport Weekly”');
  await expect(entries.nth(0)).toContainText(`Your annotations: 1 addedClaim: “${MY_CLAIM}” added`);
  await expect(entries.nth(1)).toContainText(/^Bob Stone 1 hour ago/);
  await expect(entries.nth(1)).toContainText('Bob Stone’s annotations: 1 removed, 1 changed (1 note changed)');
  await expect(entries.nth(1)).toContainText(`Claim: “${BOBS_CLAIM}” removed`);
  await expect(entries.nth(1)).toContainText(`Quote: “${APOLOGY.replace(/,$/, '')}`);
  await expect(entries.nth(1)).toContainText('note: “Said after the race”');
  await expect(entries.nth(2)).toContainText(/^Ana López 2 hours ago/);
  await expect(entries.nth(2)).toContainText(`Ana López’s annotations: 1 addedFact: “${ANAS_FACT}” added`);
  await expect(entries.nth(3)).toContainText(/^Bob Stone 3 days ago/);
  await expect(entries.nth(3)).toContainText(`Article added: “${HAMILTON}”`);
  await expect(entries.nth(3)).toContainText('Bob Stone’s annotations: 2 added');
  // A removed annotation is quoted, not offered: it is not there to show.
  await expect(entries.nth(1).getByRole('button', { name: new RegExp(BOBS_CLAIM) })).toHaveCount(0);
  await expect(entries.nth(3).getByRole('button')).toHaveCount(1);

  await shoot(page, 'article-history-1280x800');
  const fits = await pageWidth(page);
  expect(fits.scrollWidth, 'nothing runs past the window').toBeLessThanOrEqual(fits.innerWidth);
  expect(await violationsOf(page, AXE_RULES), 'the history panel').toEqual([]);

  // Bob's quote, still there: his layer opens with it picked.
  await entries.nth(1).getByRole('button', { name: /Yesterday wasn’t my proudest day/ }).click();
  await expect(page.getByLabel('Layer')).toHaveValue(`annotator:${annotatorIdOf(BOB)}`);
  await expect(page.locator('.layer-picked')).toContainText(APOLOGY);
  await expect(page.locator('.article-text .annotation-focused')).toHaveText(APOLOGY);
  // Ana's fact, by keyboard.
  await entries.nth(2).getByRole('button', { name: new RegExp(ANAS_FACT) }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Layer')).toHaveValue(`annotator:${annotatorIdOf(ANA)}`);
  await expect(page.locator('.article-text .annotation-focused')).toHaveText(ANAS_FACT);
  // Mine: back in my layer, focused there as a click in the list would.
  await entries.nth(0).getByRole('button', { name: new RegExp(MY_CLAIM) }).click();
  await expect(page.getByLabel('Layer')).toHaveValue('mine');
  await expect.poll(() => focusedText(page)).toBe(MY_CLAIM);
  // The panel stays on screen while the article scrolls to the annotation, which is not under it.
  await expect(panel).toBeInViewport();
  await expectUncovered(page, '.article-text .annotation-focused');

  // A new annotation is at the top as not yet synced.
  expect(await selectWithMouse(page, NEW_QUOTE)).toBe(NEW_QUOTE);
  await page.keyboard.press('2');
  await expectAllSaved(page);
  await expect(entries).toHaveCount(5);
  await expect(entries.nth(0)).toContainText(/^Not yet synced (just now|1 minute ago)/);
  await expect(entries.nth(0)).toContainText('Saved on this computer; the team gets it with your next sync.');
  await expect(entries.nth(0)).toContainText(`Your annotations: 1 addedQuote: “${NEW_QUOTE}” added`);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, 'article-history-1920x1080');
  const wide = await pageWidth(page);
  expect(wide.scrollWidth, 'nothing runs past the window').toBeLessThanOrEqual(wide.innerWidth);
  expect(await violationsOf(page, AXE_RULES), 'the history panel, wide').toEqual([]);

  // Escape closes it and gives the keyboard back to the toggle.
  await panel.getByRole('button', { name: 'Close history' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

test('a workspace that is not a team workspace says its history starts when it is shared', async ({ page, workbench }) => {
  expect(workbench.workspaceDir).toBeTruthy();
  await openArticle(page, HAMILTON);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('region', { name: 'History of this article' })).toContainText('Not a team workspace: history starts when it is shared.');
});
