import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { WorkspaceFileSchema } from '../shared/model/workspace.js';
import { startBrowserHostProcess } from '../tools/host-process/browser-host-process.js';
import { ActionCounter } from './support/action-counter.js';
import { violationsOf } from './support/axe-rules.js';
import { expectAllSaved } from './support/editor-steps.js';
import { pageWidth, textCoveredBy } from './support/screen-checks.js';
import { expect as baseExpect, readStoredAnnotations, readStoredLinks, test } from './support/workbench-fixture.js';

// A fact-checker builds a whole dossier on the five sample articles, by keyboard and mouse, as the
// workbench makes it fastest; every action is counted per step and compared with what the first
// real try took. After every step the screen is checked (nothing wider than the window, nothing
// over the text being read, text contrast and accessible names) and photographed.

/** The sample articles, by the start of the title the article list shows. */
const ARTICLE = {
  crash: 'George Russell and Valtteri Bottas had a horrific crash',
  actionPacked: 'The action-packed Emilia Romagna Grand Prix',
  hamilton: 'Hamilton offers words of support for Russell',
  seeingRed: 'George Russell was seeing red after the Italian GP',
  apology: 'George Russell has issued an apology',
} as const;

/** The apology as Hamilton's outlet prints it (curly apostrophe); the other two print a straight one. */
const APOLOGY =
  'I apologise to Valtteri, to my team and to anyone who felt let down by my actions. That’s not who I am and I expect more from myself, as I know others expect more from me.';

/**
 * The four facts the outlets disagree on, in the order that chains them: each pair starts a link in
 * the article the previous pair ended in where it can, so the fact-checker switches articles least.
 */
const CONTRADICTIONS = [
  { what: 'lap', from: { article: ARTICLE.seeingRed, fact: 'lap 32' }, to: { article: ARTICLE.crash, fact: '30th lap' } },
  { what: 'position', from: { article: ARTICLE.crash, fact: '10th place' }, to: { article: ARTICLE.actionPacked, fact: 'P8' } },
  { what: 'event name', from: { article: ARTICLE.actionPacked, fact: 'Emilia Romagna Grand Prix' }, to: { article: ARTICLE.seeingRed, fact: 'Italian Grand Prix' } },
  { what: 'speed', from: { article: ARTICLE.apology, fact: '200 miles an hour' }, to: { article: ARTICLE.crash, fact: '190 mph' } },
] as const;

/** Two claims, each with a statement from another outlet that supports it (evidence → claim). */
const SUPPORTED_CLAIMS = [
  {
    evidence: { article: ARTICLE.actionPacked, text: 'Valtteri moved very slightly and that just put me off line and put me onto the wet stuff', key: '2' },
    claim: { article: ARTICLE.seeingRed, text: 'Russell blamed Bottas for a late movement when he was trying to overtake' },
  },
  {
    evidence: { article: ARTICLE.apology, text: 'the stewards officially declared it a racing incident and therefore not warranting punishment', key: '3' },
    claim: { article: ARTICLE.actionPacked, text: 'the stewards have decided that no disciplinary action was needed' },
  },
] as const;

/** The fact-checker's own article, imported from a file, and the claim they mark in it. */
const OWN_ARTICLE = {
  fileName: 'imola-stewards-check.txt',
  title: 'Imola crash: what the stewards decided',
  text: [
    'Imola crash: what the stewards decided',
    '',
    'The stewards took no action against George Russell or Valtteri Bottas after their crash at Imola, the FIA said.',
    '',
    'Outlets disagree on the lap, the position and the speed; none of them disputes that both drivers retired.',
    '',
  ].join('\n'),
  claim: 'The stewards took no action against George Russell or Valtteri Bottas',
};

/** The step names, with the actions the first real try took where it was measured. */
const STEPS = {
  apology: { name: 'apology cluster', firstTry: 24 },
  contradictions: { name: 'four contradictions', firstTry: 70 },
  sideBySide: { name: 'review a contradiction side by side', firstTry: null },
  support: { name: 'two claims with support', firstTry: 38 },
  exports: { name: 'exports for an NLP colleague', firstTry: null },
  ownArticle: { name: 'a new article of their own', firstTry: null },
} as const;

const AXE_RULES = ['color-contrast', 'label-content-name-mismatch'];
/** What the pointer raises by resting on a span: the person's own doing, so it may cover text. */
const HOVER_TOOLTIP = '.annotation-tooltip';

/** Waits for states with room for a loaded machine: a save, a search of every article, an export. */
const expect = baseExpect.configure({ timeout: 30_000 });

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    test('a fact-checker builds the whole dossier on the sample articles by keyboard and mouse', async ({ page, scratchDir }, testInfo) => {
      // Some sixty actions, each waited for until saved, and a dozen axe scans: room on a loaded machine.
      test.setTimeout(20 * 60_000);
      await buildDossier(page, scratchDir, testInfo);
    });
  });
}

/** The whole dossier, step by step, on a new workspace the sample articles are added to. */
async function buildDossier(page: Page, scratchDir: string, testInfo: TestInfo): Promise<void> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const workspaceDir = join(scratchDir, 'dossier');
  const host = await startBrowserHostProcess({ workspaceDir });
  const act = new ActionCounter(page);
  const size = `${page.viewportSize()!.width}x${page.viewportSize()!.height}`;
  let shot = 0;

  /** The checks after every step, and a screenshot of it; `opened` may cover the text. */
  const checkScreen = async (what: string, opened: readonly string[] = []) => {
    // Let the last change be drawn before looking.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    shot++;
    await page.screenshot({ path: testInfo.outputPath(`${String(shot).padStart(2, '0')}-${slug(what)}-${size}.png`) });
    const width = await pageWidth(page);
    expect.soft(width.scrollWidth, `${what}: the page is no wider than the window`).toBeLessThanOrEqual(width.innerWidth);
    const covered = await textCoveredBy(page, undefined, [HOVER_TOOLTIP, ...opened]);
    expect.soft(covered, `${what}: nothing covers the text being read`).toEqual([]);
    // The tooltip the resting pointer raised may cover text; said, so a screenshot showing it is understood.
    if ((await textCoveredBy(page, undefined, opened)).length > covered.length) console.log(`[fact-check dossier ${size}] ${what}: the hover tooltip covers some text`);
    expect.soft(await violationsOf(page, AXE_RULES), `${what}: text contrast and names matching visible text`).toEqual([]);
  };

  const links = page.getByRole('region', { name: 'Links' });
  const views = page.getByRole('navigation', { name: 'Views' });
  const focusedInReader = page.locator('.reader .annotation-focused');

  const openArticle = async (title: string) => {
    // From the clusters or the contradictions too: the article list shows the article it opens.
    await act.click(page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(escapeRegExp(title)) }), `open “${title}”`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  };
  /** Drag over `text`, press the label key: the span is made, focused and saved. */
  const label = async (text: string, key: string) => {
    expect(await act.drag(text)).toBe(text);
    await act.press(key);
    await expect(focusedInReader).toHaveText(text);
    await expectAllSaved(page, 30_000);
  };

  try {
    await page.goto(host.url);
    act.startStep('setup');
    await act.click(page.getByRole('button', { name: 'Add the sample articles' }), 'Add the sample articles');
    await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
    await expectAllSaved(page, 30_000);

    // 1. The apology: marked once, found in the other outlets and linked there, one cluster.
    act.startStep(STEPS.apology.name);
    await openArticle(ARTICLE.hamilton);
    await label(APOLOGY, '2');
    await act.click(links.getByRole('button', { name: 'Find in other articles' }), 'Find in other articles');
    const sightings = links.getByLabel('In other articles').getByRole('listitem');
    for (const outlet of [ARTICLE.seeingRed, ARTICLE.apology]) {
      const sighting = sightings.filter({ hasText: outlet });
      await expect(sighting).toContainText('I apologise to Valtteri');
      await act.click(sighting.getByRole('button', { name: 'Annotate and link as same' }), `Annotate and link as same (${outlet})`);
      await expect(sighting).toHaveCount(0);
      await expectAllSaved(page, 30_000);
    }
    await expect(links.locator('.link-list > li')).toHaveCount(2);
    await expect(links.locator('.link-list .link-type-chip')).toHaveText(['↔ Same', '↔ Same']);
    // The emptied list says the quote was linked everywhere it was found, not that nobody carries it.
    await expect(links.getByLabel('In other articles')).toHaveText('Linked in all 2 articles found; no other article carries this text.');
    // Each link's delete button sits on the link's first line, beside what it deletes.
    const firstLink = links.locator('.link-list > li').first();
    const target = (await firstLink.locator('.link-target').boundingBox())!;
    const remove = (await firstLink.getByRole('button', { name: /^Delete same link to/ }).boundingBox())!;
    expect(remove.y).toBeLessThan(target.y + target.height);
    // Linked spans are marked in the text: the apology's badge counts its 2 same links, and hovering
    // it names the two other outlets (looking is not an action: the pointer only rests there).
    const apologyId = await page.locator('.reader .annotation-focused[data-annotation-id]').first().getAttribute('data-annotation-id');
    const apologyBadge = page.locator(`.reader .link-badge[data-linked-annotation="${apologyId}"]`);
    await expect(apologyBadge).toHaveAttribute('data-count', '2');
    await expect(apologyBadge.locator('.link-badge-type.link-type-same')).not.toHaveCount(0);
    await apologyBadge.hover();
    for (const outlet of [ARTICLE.seeingRed, ARTICLE.apology]) await expect(page.getByRole('tooltip')).toContainText(outlet.slice(0, 30));
    await act.click(views.getByRole('button', { name: 'Clusters' }), 'Clusters');
    const cluster = page.locator('.cluster-card');
    await expect(cluster).toHaveCount(1);
    await expect(cluster).toContainText('3 articles');
    const memberRows = cluster.locator('tbody tr');
    await expect(memberRows).toHaveCount(3);
    for (const outlet of [ARTICLE.hamilton, ARTICLE.seeingRed, ARTICLE.apology]) {
      await expect(memberRows.filter({ hasText: outlet }), `${outlet} is in the cluster`).toContainText('I apologise to Valtteri, to my team');
    }
    await checkScreen('apology cluster');

    // 2. Four contradictions: each fact marked in its article and linked as contradicts.
    act.startStep(STEPS.contradictions.name);
    let current = '';
    const comparedPane = page.getByRole('region', { name: 'Compared article' });
    for (const [index, pair] of CONTRADICTIONS.entries()) {
      if (current !== pair.from.article) await openArticle(pair.from.article);
      await label(pair.from.fact, '3');
      await act.press('l');
      await expect(page.locator('.link-status')).toContainText(`Linking from “${pair.from.fact}”`);
      if (index < CONTRADICTIONS.length - 1) {
        await openArticle(pair.to.article);
        await label(pair.to.fact, '3');
        await act.press('4');
        await expect(links.locator('.link-list > li').filter({ hasText: pair.from.fact })).toContainText('Contradicts');
      } else {
        // The last pair from the compared pane, a full annotation surface: its fact marked there by
        // its key, then clicked there, and 4 at the link prompt shown by the click.
        await act.click(page.getByRole('banner').getByRole('button', { name: 'Side by side' }), 'Side by side');
        const option = (await comparedPane.getByRole('option', { name: new RegExp(`^${escapeRegExp(pair.to.article)}`) }).textContent())!;
        await act.pickOption(comparedPane.getByLabel('Compare with'), option, 'Compare with');
        await expect(comparedPane.locator('.article-heading')).toContainText(pair.to.article);
        expect(await act.drag(pair.to.fact, 0, '.compare-pane .article-text')).toBe(pair.to.fact);
        await act.press('3');
        const made = comparedPane.locator('.annotation-focused');
        await expect(made).toHaveText(pair.to.fact);
        await expectAllSaved(page, 30_000);
        await expect(page.locator('.link-status')).toContainText(`Linking from “${pair.from.fact}”`);
        await act.click(made, `“${pair.to.fact}” in the compared pane`);
        const prompt = page.getByRole('dialog', { name: 'Choose the link type' });
        await expect(prompt).toContainText(`Link “${pair.from.fact}” with “${pair.to.fact}”`);
        await checkScreen('link prompt in the compared pane', ['.link-prompt']);
        await act.press('4');
        await expect(prompt).toBeHidden();
        await expect(comparedPane.getByLabel('Links between the two articles').getByRole('listitem')).toContainText(
          `“${pair.from.fact}” Contradicts “${pair.to.fact}”`,
        );
        await act.click(comparedPane.getByRole('button', { name: 'Close' }), 'Close side by side');
      }
      await expect(page.locator('.link-status')).toBeHidden();
      await expectAllSaved(page, 30_000);
      // The last pair was linked from beside the article it started in, which is still the open one.
      current = index < CONTRADICTIONS.length - 1 ? pair.to.article : pair.from.article;
    }
    await act.click(views.getByRole('button', { name: 'Contradictions' }), 'Contradictions');
    const table = page.getByRole('table', { name: 'Contradictions' });
    await expect(table.locator('tbody tr')).toHaveCount(4);
    for (const pair of CONTRADICTIONS) {
      const row = table.locator('tbody tr').filter({ hasText: pair.from.fact }).filter({ hasText: pair.to.fact });
      await expect(row, `the ${pair.what} contradiction is listed`).toHaveCount(1);
    }
    await checkScreen('four contradictions');

    // 2b. One contradiction read again side by side: from the table to the article, the other outlet beside it.
    act.startStep(STEPS.sideBySide.name);
    const lap = CONTRADICTIONS[0];
    await act.click(table.getByRole('button', { name: lap.to.fact }), `“${lap.to.fact}” in the table`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(lap.to.article);
    await expect(focusedInReader).toHaveText(lap.to.fact);
    await act.click(page.getByRole('banner').getByRole('button', { name: 'Side by side' }), 'Side by side');
    const pane = page.getByRole('region', { name: 'Compared article' });
    // Side by side opens on the article the focused span is linked to: nothing to pick.
    await expect(pane.locator('.article-heading')).toContainText(lap.from.article);
    const between = pane.getByLabel('Links between the two articles').getByRole('listitem');
    await expect(between).toHaveCount(1);
    await expect(between).toContainText(`“${lap.to.fact}” Contradicts “${lap.from.fact}”`);
    await expect(pane.locator('.annotation-focused')).toHaveText(lap.from.fact);
    // The two linked spans are badged in both panes and joined across the gutter between them.
    await expect(page.locator('.reader .link-badge')).not.toHaveCount(0);
    await expect(pane.locator('.link-badge')).not.toHaveCount(0);
    await expect(page.locator('svg.link-connectors g[data-link-id]')).not.toHaveCount(0);
    const ends = await page.evaluate(() => {
      const path = document.querySelector('svg.link-connectors g[data-link-id] path')!.getBoundingClientRect();
      const focusedOf = (root: string) => document.querySelector(`${root} .annotation-focused`)!.getBoundingClientRect();
      return { path: { top: path.top, bottom: path.bottom }, left: focusedOf('.reader'), right: focusedOf('.compare-pane') };
    });
    // The connector spans the heights of the two spans it joins (give or take a line).
    for (const span of [ends.left, ends.right]) {
      expect(span.top + span.height / 2).toBeGreaterThan(ends.path.top - span.height);
      expect(span.top + span.height / 2).toBeLessThan(ends.path.bottom + span.height);
    }
    await checkScreen('contradiction side by side');
    await act.click(pane.getByRole('button', { name: 'Close' }), 'Close side by side');
    await expect(pane).toBeHidden();

    // 3. Two claims, each supported by a statement from another outlet: evidence → supports → claim.
    act.startStep(STEPS.support.name);
    current = ARTICLE.crash;
    for (const { evidence, claim } of SUPPORTED_CLAIMS) {
      if (current !== evidence.article) await openArticle(evidence.article);
      await label(evidence.text, evidence.key);
      await act.press('l');
      await openArticle(claim.article);
      await label(claim.text, '1');
      // The direction in plain words while choosing: the evidence supports the claim.
      const reading = new RegExp(`“${escapeRegExp(evidence.text.slice(0, 20))}[^”]*” supports “${escapeRegExp(claim.text.slice(0, 20))}[^”]*”`);
      await expect(page.getByRole('group', { name: 'Choose the link type' })).toContainText(reading);
      await act.press('3');
      await expect(links.locator('.link-list > li')).toHaveCount(1);
      const made = links.locator('.link-list > li').filter({ hasText: 'Supports' });
      await expect(made.locator('.link-type-chip')).toHaveText('← Supports');
      await expect(made.locator('.link-reading')).toContainText(reading);
      await expectAllSaved(page, 30_000);
      current = claim.article;
    }
    const stored = { links: await readStoredLinks(workspaceDir) };
    const annotations = await readStoredAnnotations(workspaceDir);
    const textOf = (annotationId: string) => annotations.find((a) => a.id === annotationId)!.fragments.map((f) => f.exact).join(' … ');
    expect(
      stored.links.filter((l) => l.typeId === 'supports').map((l) => ({ source: textOf(l.source.annotationId), target: textOf(l.target.annotationId) })),
      'each link runs from the evidence to the claim',
    ).toEqual(SUPPORTED_CLAIMS.map(({ evidence, claim }) => ({ source: evidence.text, target: claim.text })));
    await checkScreen('two claims with support');

    // 4. Exports for an NLP colleague: JSON Lines (both offset units) and brat standoff.
    act.startStep(STEPS.exports.name);
    await act.click(page.getByRole('banner').getByRole('button', { name: 'Export…' }), 'Export…');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await act.pickOption(dialog.getByLabel('Format'), 'JSON Lines (one article per line)', 'Format');
    await expect(dialog.getByText('Offsets: UTF-16 code units and code points.')).toBeVisible();
    const jsonlFolder = await dialog.getByLabel('Destination folder').inputValue();
    await act.click(dialog.getByRole('button', { name: 'Export', exact: true }), 'Export');
    const summary = dialog.getByRole('region', { name: 'Export summary' });
    const exported = `Exported ${annotations.length} annotations and ${stored.links.length} links from 5 articles`;
    // One reading of the format and its offsets, not two parentheses in a row.
    await expect(summary).toContainText(`${exported} as JSON Lines (one article per line), with offsets in UTF-16 code units and code points.`);
    await expect(summary.locator('.export-path')).toHaveText(jsonlFolder);
    await checkScreen('export summary', ['dialog[open]']);
    await act.click(dialog.getByRole('button', { name: 'Export again' }), 'Export again');
    await act.pickOption(dialog.getByLabel('Format'), 'brat standoff', 'Format');
    const bratFolder = await dialog.getByLabel('Destination folder').inputValue();
    expect(bratFolder).not.toBe(jsonlFolder);
    await act.click(dialog.getByRole('button', { name: 'Export', exact: true }), 'Export');
    await expect(summary).toContainText(`${exported} as brat standoff, with offsets in Unicode code points.`);
    await act.click(dialog.getByRole('button', { name: 'Close' }), 'Close');
    await expect(dialog).toBeHidden();
    await checkExportedApology(jsonlFolder, bratFolder, stored.links.length);
    await checkScreen('exports');

    // 5. An article of their own, imported from a file, with one claim marked in it.
    act.startStep(STEPS.ownArticle.name);
    const ownFile = join(scratchDir, OWN_ARTICLE.fileName);
    await writeFile(ownFile, OWN_ARTICLE.text);
    await act.click(page.getByRole('banner').getByRole('button', { name: 'Import articles…' }), 'Import articles…');
    const importDialog = page.getByRole('dialog', { name: 'Import articles' });
    await act.chooseFiles(importDialog.getByRole('button', { name: 'Choose files…' }), [ownFile], 'Choose files…');
    const review = importDialog.getByRole('region', { name: 'Import review' });
    await expect(review.getByRole('status')).toHaveText('1 new article');
    await act.click(review.getByRole('button', { name: 'Import: 1 new article' }), 'Import: 1 new article');
    await expect(importDialog.getByRole('region', { name: 'Import summary' }).getByRole('status')).toHaveText('Imported 1 article.');
    await act.click(importDialog.getByRole('button', { name: 'Close' }), 'Close');
    await expect(importDialog).toBeHidden();
    if (!(await page.getByRole('heading', { level: 1 }).textContent())?.includes(OWN_ARTICLE.title)) await openArticle(OWN_ARTICLE.title);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OWN_ARTICLE.title);
    await label(OWN_ARTICLE.claim, '1');
    const own = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8'))).documents.find(
      (d) => d.title === OWN_ARTICLE.title,
    );
    expect(own, 'the new article is in the workspace').toBeDefined();
    const ownSpans = (await readStoredAnnotations(workspaceDir)).filter((a) => a.documentId === own!.id);
    expect(ownSpans.map((a) => ({ label: a.labelId, text: a.fragments[0]!.exact }))).toEqual([{ label: 'claim', text: OWN_ARTICLE.claim }]);
    await checkScreen('a new article of their own');
  } finally {
    await reportActionCounts(act, testInfo, size);
    expect(await host.stop(), 'the host stops cleanly').toBe(0);
  }
  expect(pageErrors, 'no errors in the page').toEqual([]);
}

/**
 * What the NLP colleague reads: the apology span in Hamilton's outlet, sliced out of each export's
 * own copy of the text by the offsets written next to it (JSON Lines: UTF-16 units and code points;
 * brat: code points), and the links each export carries.
 */
async function checkExportedApology(jsonlFolder: string, bratFolder: string, linkCount: number): Promise<void> {
  const lines = (await readFile(join(jsonlFolder, 'documents.jsonl'), 'utf8')).trimEnd().split('\n');
  expect(lines).toHaveLength(5);
  const records = lines.map(
    (line) =>
      JSON.parse(line) as {
        title: string;
        text: string;
        spans: { label: string; fragments: { utf16Start: number; utf16End: number; codePointStart: number; codePointEnd: number }[] }[];
        links: { id: string }[];
      },
  );
  const hamilton = records.find((r) => r.title.startsWith(ARTICLE.hamilton))!;
  const [quote] = hamilton.spans.filter((s) => s.label === 'Quote');
  const [fragment] = quote!.fragments;
  expect(hamilton.text.slice(fragment!.utf16Start, fragment!.utf16End)).toBe(APOLOGY);
  expect(Array.from(hamilton.text).slice(fragment!.codePointStart, fragment!.codePointEnd).join('')).toBe(APOLOGY);
  expect(new Set(records.flatMap((r) => r.links.map((l) => l.id))).size, 'every link is in the JSON Lines').toBe(linkCount);

  const names = await readdir(bratFolder);
  expect(names.filter((n) => n.endsWith('.txt'))).toHaveLength(5);
  expect(names).toEqual(expect.arrayContaining(['annotation.conf', 'visual.conf', 'cross-document-links.tsv']));
  const ann = names.find((n) => n.startsWith('hamilton-offers-words-of-support') && n.endsWith('.ann'))!;
  const quoteLine = (await readFile(join(bratFolder, ann), 'utf8')).split('\n').find((l) => /^T\d+\tquote /.test(l))!;
  const [, body, written] = quoteLine.split('\t') as [string, string, string];
  const [, start, end] = body.split(' ');
  expect(written).toBe(APOLOGY);
  const bratText = await readFile(join(bratFolder, ann.replace(/\.ann$/, '.txt')), 'utf8');
  expect(Array.from(bratText).slice(Number(start), Number(end)).join('')).toBe(APOLOGY);
  const crossLinks = (await readFile(join(bratFolder, 'cross-document-links.tsv'), 'utf8')).trim().split('\n').slice(1);
  expect(crossLinks, 'one row per link between articles').toHaveLength(linkCount);
  expect(crossLinks.filter((row) => row.split('\t')[1] === 'supports').map((row) => row.split('\t')[2]), 'the supports links keep their direction').toEqual(['true', 'true']);
}

/** Prints each step's action count against the first try and attaches the counts to the test. */
async function reportActionCounts(act: ActionCounter, testInfo: TestInfo, size: string): Promise<void> {
  const lines = Object.values(STEPS).map(({ name, firstTry }) => {
    const count = act.countOf(name);
    return `${name}: ${count} actions${firstTry === null ? '' : ` (first try ~${firstTry})`}`;
  });
  for (const line of lines) testInfo.annotations.push({ type: `actions at ${size}`, description: line });
  console.log(`[fact-check dossier ${size}] actions per step:\n  ${lines.join('\n  ')}`);
  const detail = Object.values(STEPS)
    .map(({ name }) => `## ${name}\n${act.describe(name)}`)
    .join('\n\n');
  await testInfo.attach(`actions-${size}.txt`, { body: detail, contentType: 'text/plain' });
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
