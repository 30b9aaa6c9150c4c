import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Annotation } from '../shared/model/annotation.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, WorkspaceFileSchema } from '../shared/model/workspace.js';
import { fragmentAt } from '../shared/text/text-quote.js';
import { JsonFileCodec } from '../main/storage/index.js';
import { generateArticle, generateSpans, vocabulary } from '../tools/bench/corpus-generator.js';
import { startBrowserHostProcess, TEST_EDITOR } from '../tools/host-process/browser-host-process.js';
import { annotatorIdOf } from '../shared/model/annotator.js';
import { expect, readStoredAnnotations, selectWithMouse, test as base } from './support/workbench-fixture.js';
import { expectAllSaved, focusedText } from './support/editor-steps.js';

/** Saving the long article's file of 5,000 annotations can take several seconds on a loaded machine. */
const SLOW_SAVE_MS = 60_000;

const root = resolve(import.meta.dirname, '..');

const TITLE = 'A long wire report';
/** Words of the second line, where the pre-stored annotation at the top sits. */
const TOP_PHRASE = 'Harbour authority figures open the report';
/** A marker in the middle paragraph of the article; a pre-stored annotation covers it. */
const MIDDLE_MARKER = 'Quillfeather midpoint beacon';
/** A marker in the last paragraph of the article. */
const END_MARKER = 'Zanzibar terminus lantern';
/** The words a person selects with the mouse in the last paragraph. */
const END_PHRASE = 'the closing ledger of the wire report';
/** A phrase that recurs through the article: once near the top, twice further down, once at the end. */
const RECURRING = 'Kestrel estuary tide table';

/** The long article as stored, and where its landmarks are. */
interface LongArticle {
  text: string;
  /** The article's lines as the view shows them, one per `.article-paragraph`. */
  paragraphs: string[];
  /** Index in `paragraphs` of the paragraph holding each landmark. */
  at: { top: number; middle: number; recurring: number[]; end: number };
}

/**
 * The long article, deterministic: about 2.2 MB of seeded pseudo-words in a few thousand paragraphs
 * (the benchmark's generator), a title line, a first paragraph starting with TOP_PHRASE, RECURRING in
 * four paragraphs (5 %, 20 %, 35 % and the last), MIDDLE_MARKER in the middle paragraph, and the last
 * paragraph holding END_PHRASE and END_MARKER.
 */
function longArticleText(): LongArticle {
  const generated = generateArticle(2_200_000, 20_260_101, vocabulary(5000)).split('\n\n');
  generated.pop(); // the generator cuts its last paragraph short
  const body = generated.map((p) => p.trim()).filter((p) => p.length > 0);
  const n = body.length;
  const middle = Math.floor(n / 2);
  const recurring = [Math.floor(n * 0.05), Math.floor(n * 0.2), Math.floor(n * 0.35)];
  body[0] = `${TOP_PHRASE}, as every year. ${body[0]}`;
  for (const i of recurring) body[i] = `${body[i]} The ${RECURRING} was read aloud.`;
  body[middle] = `${MIDDLE_MARKER} stands halfway. ${body[middle]}`;
  body[n - 1] = `${body[n - 1]} This is ${END_PHRASE}, signed ${END_MARKER}; the ${RECURRING} closes it.`;
  const paragraphs = [TITLE, ...body];
  // Tests find a drawn line by its first 120 characters.
  if (new Set(paragraphs.map((p) => p.slice(0, 120).toLowerCase())).size !== paragraphs.length) throw new Error('two lines of the article start alike');
  const text = `${paragraphs.join('\n\n')}\n`;
  const count = (phrase: string) => text.split(phrase).length - 1;
  for (const unique of [TOP_PHRASE, MIDDLE_MARKER, END_MARKER, END_PHRASE]) if (count(unique) !== 1) throw new Error(`"${unique}" is not unique`);
  if (count(RECURRING) !== 4) throw new Error(`"${RECURRING}" is not there four times`);
  // Landmark indices in `paragraphs` (the title is paragraph 0).
  return { text, paragraphs, at: { top: 1, middle: middle + 1, recurring: [...recurring, n - 1].map((i) => i + 1), end: n } };
}

/** Line start offsets of the article's paragraphs in its text. */
const lineStarts = (article: LongArticle) => {
  const starts: number[] = [];
  let offset = 0;
  for (const p of article.paragraphs) {
    starts.push(offset);
    offset += p.length + 2;
  }
  return starts;
};

let cachedArticle: LongArticle | null = null;
const longArticle = () => (cachedArticle ??= longArticleText());

/** The long article opened in a browser host, with its pre-stored annotations. */
interface LongWorkbench {
  article: LongArticle;
  workspaceDir: string;
  /** The pre-stored annotations, sorted by start: [0] at the top, [1] on the middle marker, the rest further down. */
  seeded: Annotation[];
  storedAnnotations(): Promise<Annotation[]>;
}

/** How many annotations the article has before the test touches it. */
const SEEDED_ANNOTATIONS = 5000;

/**
 * Imports the long article with the CLI (as a person would import a file) and writes its 5,000
 * annotations in the store's own format, the way the benchmark workspace writer does: one on
 * TOP_PHRASE, one on MIDDLE_MARKER, and 4,998 seeded, overlapping spans between the middle and the
 * last few paragraphs (so the landmarks the tests select stay clear of other spans).
 */
async function writeLongWorkspace(workspaceDir: string, scratchDir: string): Promise<Omit<LongWorkbench, 'storedAnnotations' | 'workspaceDir'>> {
  const article = longArticle();
  const file = join(scratchDir, 'long-wire-report.txt');
  await writeFile(file, article.text);
  execFileSync(process.execPath, ['dist/node/cli.js', 'import', '--workspace', workspaceDir, file], { cwd: root });
  const versioning = { currentVersion: CURRENT_SCHEMA_VERSION };
  const workspace = WorkspaceFileSchema.parse(JSON.parse(await readFile(join(workspaceDir, 'workspace.json'), 'utf8')));
  const [meta] = workspace.documents;
  const text = await readFile(join(workspaceDir, 'documents', `${meta!.id}.txt`), 'utf8');
  expect(text, 'the import stores the text as generated').toBe(article.text);

  const starts = lineStarts(article);
  const spanOf = (phrase: string) => {
    const start = text.indexOf(phrase);
    return { start, end: start + phrase.length };
  };
  const regionStart = starts[article.at.middle + 2]!;
  const regionEnd = starts[article.at.end - 5]!;
  const region = text.slice(regionStart, regionEnd);
  const spans = [
    spanOf(TOP_PHRASE),
    spanOf(MIDDLE_MARKER),
    ...generateSpans(region, SEEDED_ANNOTATIONS - 2, 99).map((s) => ({ start: s.start + regionStart, end: s.end + regionStart })),
  ];
  const timestamp = new Date(0).toISOString();
  const annotator = annotatorIdOf(TEST_EDITOR);
  const labels = ['claim', 'quote', 'fact'];
  const seeded: Annotation[] = spans.map((span, i) => ({
    id: `long-a${String(i).padStart(4, '0')}`,
    documentId: meta!.id,
    labelId: labels[i % labels.length]!,
    fragments: [fragmentAt(text, span)],
    contentHash: meta!.contentHash,
    attributes: {},
    note: '',
    author: 'e2e',
    annotator,
    createdAt: timestamp,
    updatedAt: timestamp,
    orphaned: false,
  }));
  // The layer of the person the test's host is started as.
  await mkdir(join(workspaceDir, 'annotations', meta!.id), { recursive: true });
  const annotationFile = join(workspaceDir, 'annotations', meta!.id, `${annotator}.json`);
  const codec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  await writeFile(
    annotationFile,
    codec.encode({ schemaVersion: CURRENT_SCHEMA_VERSION, documentId: meta!.id, annotator, contentHash: meta!.contentHash, annotations: seeded }, annotationFile),
  );
  return { article, seeded };
}

/** The browser host on a workspace holding only the long article, opened in the page; page errors fail the test. */
const test = base.extend<{ long: LongWorkbench }>({
  long: async ({ page, scratchDir }, use) => {
    const workspaceDir = join(scratchDir, 'long');
    const written = await writeLongWorkspace(workspaceDir, scratchDir);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const host = await startBrowserHostProcess({ workspaceDir });
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 30_000 });
      await use({ ...written, workspaceDir, storedAnnotations: () => readStoredAnnotations(workspaceDir) });
    } finally {
      expect(await host.stop(), 'the host stops cleanly on SIGTERM').toBe(0);
    }
    expect(pageErrors, 'no errors in the page').toEqual([]);
  },
});

// A 2 MB article on a loaded two-core machine: generous, bounded.
test.describe.configure({ timeout: 180_000 });

const articleText = (page: Page) => page.locator('.article-text');
const paragraphs = (page: Page) => page.locator('.article-text .article-paragraph');
const placeholders = (page: Page) => page.locator('.article-text .article-section-placeholder');
/** The drawn paragraph showing line `index` of the article. */
const paragraph = (page: Page, article: LongArticle, index: number) =>
  paragraphs(page).filter({ hasText: article.paragraphs[index]!.slice(0, 120) });

/** Waits until the browser has laid out and painted twice (observers and repaints have run). */
const frames = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/**
 * Expects `locator` to stay where it is on screen while the lazy layout draws the sections around
 * it (a section drawn above at another height than estimated must not make the view jump).
 */
async function expectSteady(page: Page, locator: Locator): Promise<void> {
  const before = (await locator.boundingBox())!.y;
  for (let i = 0; i < 10; i++) await frames(page);
  expect(Math.abs((await locator.boundingBox())!.y - before), 'moved on screen by').toBeLessThan(2);
}

/**
 * Scrolls the article with the mouse wheel, as a person does, until line `index` is in the middle of
 * the reader: reads which line is in the middle now, turns the wheel by the distance in lines times
 * the height of a drawn line, and repeats (sections not drawn yet have estimated heights).
 */
async function wheelToParagraph(page: Page, article: LongArticle, index: number): Promise<void> {
  const byPrefix = new Map(article.paragraphs.map((p, i) => [p.slice(0, 120), i]));
  const reader = page.locator('.reader');
  const box = (await reader.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const target = article.paragraphs[index]!.slice(0, 120);
  for (let turn = 0; turn < 60; turn++) {
    const probe = await page.evaluate((target) => {
      const readerBox = document.querySelector('.reader')!.getBoundingClientRect();
      const middle = readerBox.top + readerBox.height / 2;
      let nearest: { text: string; distance: number } | null = null;
      let targetOffset: number | null = null;
      let heights = 0;
      let seen = 0;
      for (const p of document.querySelectorAll<HTMLElement>('.article-text .article-paragraph')) {
        const b = p.getBoundingClientRect();
        const text = p.textContent ?? '';
        if (text.startsWith(target)) targetOffset = b.top + b.height / 2 - middle;
        if (b.bottom < readerBox.top || b.top > readerBox.bottom) continue;
        heights += b.height + parseFloat(getComputedStyle(p).marginBottom);
        seen++;
        const distance = Math.abs(b.top + b.height / 2 - middle);
        if (!nearest || distance < nearest.distance) nearest = { text: text.slice(0, 120), distance };
      }
      return { targetOffset, nearest: nearest?.text ?? null, lineHeight: seen ? heights / seen : 0, readerHeight: readerBox.height };
    }, target);
    if (probe.targetOffset !== null && Math.abs(probe.targetOffset) < probe.readerHeight / 4) return;
    let delta: number;
    if (probe.targetOffset !== null) delta = probe.targetOffset;
    else if (probe.nearest === null) {
      // Only placeholders on screen: the lazy layout draws them as they come into view.
      await page.waitForFunction(
        () => {
          const readerBox = document.querySelector('.reader')!.getBoundingClientRect();
          return [...document.querySelectorAll('.article-text .article-paragraph')].some((p) => {
            const b = p.getBoundingClientRect();
            return b.bottom >= readerBox.top && b.top <= readerBox.bottom;
          });
        },
        undefined,
        { timeout: 15_000 },
      );
      continue;
    } else {
      const at = byPrefix.get(probe.nearest);
      if (at === undefined) throw new Error(`the line in the middle of the reader is not one of the article's: ${probe.nearest}`);
      delta = (index - at) * probe.lineHeight;
    }
    await page.mouse.wheel(0, delta);
    await settled(page);
  }
  throw new Error(`scrolling with the wheel did not bring line ${index} to the middle of the reader`);
}

/** Waits until the reader's scroll position stops changing (smooth scrolling has finished). */
async function settled(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const top = await page.evaluate(
      () =>
        new Promise<number>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done(document.querySelector('.reader')!.scrollTop))),
        ),
    );
    if (top === last) return;
    last = top;
  }
}

test('opening the long article draws only the part near the top', async ({ page, long }) => {
  const { article } = long;
  expect(Buffer.byteLength(article.text)).toBeGreaterThan(1.5 * 1024 * 1024);
  expect(article.paragraphs.length).toBeGreaterThan(2500);

  await expect(paragraphs(page).first()).toHaveText(TITLE);
  await expect(paragraph(page, article, 1)).toBeInViewport();
  await expect(paragraph(page, article, 1)).toHaveText(article.paragraphs[1]!);
  await expect(placeholders(page).first()).toBeAttached();
  const drawn = await paragraphs(page).count();
  expect(drawn).toBeLessThan(article.paragraphs.length / 10);
  expect(await placeholders(page).count()).toBeGreaterThan(10);
  expect((await articleText(page).textContent())!.length).toBeLessThan(article.text.length / 10);
  // Only the annotation on the top paragraph is painted, of 5,000.
  await expect(articleText(page).locator('.annotation')).toHaveText([TOP_PHRASE]);
  await expect(articleText(page).locator('.annotation')).toBeInViewport();
});

/** Scrolls to the end of the article with the End key (focus on the page, not in the text), as often as it takes. */
async function endKeyToLastParagraph(page: Page, article: LongArticle): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
  const last = paragraph(page, article, article.at.end);
  // The sections near the end are drawn as they come into view; if they are taller than estimated,
  // the end moves down and a person presses End again.
  await expect(async () => {
    await page.keyboard.press('End');
    await settled(page);
    await expect(last).toBeInViewport({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(last).toHaveText(article.paragraphs[article.at.end]!);
}

/** The painted highlight of one stored annotation. */
const highlightOf = (page: Page, id: string) => articleText(page).locator(`.annotation[data-annotation-id="${id}"]`);

/** The annotations stored now that were not there when the article was written. */
async function newAnnotations(long: LongWorkbench): Promise<Annotation[]> {
  const seeded = new Set(long.seeded.map((a) => a.id));
  return (await long.storedAnnotations()).filter((a) => !seeded.has(a.id));
}

test('at the end of the article, a phrase selected with the mouse is labelled with exactly its words and painted', async ({ page, long }) => {
  const { article } = long;
  await endKeyToLastParagraph(page, article);
  // What lies between the top and the end is not drawn.
  await expect(paragraph(page, article, article.at.middle)).toHaveCount(0);
  expect(await paragraphs(page).count()).toBeLessThan(article.paragraphs.length / 10);

  expect(await selectWithMouse(page, END_PHRASE)).toBe(END_PHRASE);
  await page.keyboard.press('1');
  await expectAllSaved(page, SLOW_SAVE_MS);
  const [created, ...others] = await newAnnotations(long);
  expect(others).toEqual([]);
  expect(created).toMatchObject({ labelId: 'claim', fragments: [{ exact: END_PHRASE, start: article.text.indexOf(END_PHRASE) }] });
  expect(created!.fragments[0]!.end - created!.fragments[0]!.start).toBe(END_PHRASE.length);

  const highlight = highlightOf(page, created!.id);
  await expect(highlight).toHaveText(END_PHRASE);
  await expect(highlight).toHaveClass(/label-claim/);
  await expect(highlight).toBeInViewport();
  // Only the annotations of the sections drawn near the end are painted, not all 5,000.
  const painted = await articleText(page).locator('.annotation').count();
  expect(painted).toBeGreaterThan(1);
  expect(painted).toBeLessThan(SEEDED_ANNOTATIONS / 4);
});

test('find in the article reaches a hit at the end; label all matches labels hits in sections not drawn, painted once scrolled to', async ({
  page,
  long,
}) => {
  const { article } = long;
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in article' });
  await expect(bar.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(END_MARKER);
  await expect(bar.getByRole('status')).toHaveText('1 of 1');
  const current = articleText(page).locator('.search-hit-current');
  await expect(current).toHaveText(END_MARKER);
  await expect(current).toBeInViewport({ ratio: 1 });
  await expect(paragraph(page, article, article.at.end)).toBeInViewport();
  await expectSteady(page, current);

  // A phrase with four hits through the article: the first is shown, the others are not drawn.
  await page.keyboard.press('Control+a');
  await page.keyboard.type(RECURRING);
  await expect(bar.getByRole('status')).toHaveText('1 of 4');
  await expect(current).toHaveText(RECURRING);
  await expect(current).toBeInViewport();
  await expect(paragraph(page, article, article.at.recurring[0]!)).toBeInViewport();
  for (const at of article.at.recurring.slice(1, 3)) await expect(paragraph(page, article, at)).toHaveCount(0);
  expect(await articleText(page).locator('.search-hit').count()).toBeLessThan(4);

  await bar.getByRole('combobox', { name: 'Label for all matches' }).selectOption('fact');
  await bar.getByRole('button', { name: 'Label all matches' }).click();
  await expect(page.getByText('Labelled 4 matches as fact.')).toBeVisible();
  await expectAllSaved(page, SLOW_SAVE_MS);
  const labelled = (await newAnnotations(long)).sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start);
  const offsets: number[] = [];
  for (let at = article.text.indexOf(RECURRING); at >= 0; at = article.text.indexOf(RECURRING, at + 1)) offsets.push(at);
  expect(offsets).toHaveLength(4);
  expect(labelled.map((a) => [a.labelId, a.fragments[0]!.start, a.fragments[0]!.exact])).toEqual(offsets.map((o) => ['fact', o, RECURRING]));
  await expect(highlightOf(page, labelled[0]!.id)).toHaveText(RECURRING);
  await expect(highlightOf(page, labelled[0]!.id)).toBeInViewport();
  for (const a of labelled.slice(1, 3)) await expect(highlightOf(page, a.id)).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  // Scroll down with the wheel to each of the other hits: each is painted as a fact.
  for (const [i, at] of article.at.recurring.entries()) {
    if (i === 0) continue;
    await wheelToParagraph(page, article, at);
    const highlight = highlightOf(page, labelled[i]!.id);
    await expect(highlight).toHaveText(RECURRING);
    await expect(highlight).toHaveClass(/label-fact/);
    await expect(highlight).toBeInViewport();
  }
  // Back up to a hit whose section was dropped on the way down: it is drawn and painted again.
  await expect(highlightOf(page, labelled[1]!.id)).toHaveCount(0);
  await wheelToParagraph(page, article, article.at.recurring[1]!);
  await expect(highlightOf(page, labelled[1]!.id)).toHaveText(RECURRING);
  await expect(highlightOf(page, labelled[1]!.id)).toBeInViewport();
});

test('j and k move the focus from an annotation at the top to one far down and back, scrolling each into view', async ({ page, long }) => {
  const { article, seeded } = long;
  const focusRing = articleText(page).locator('.annotation-focused');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('j');
  await expect(focusRing).toHaveText(TOP_PHRASE);
  await expect(focusRing).toBeInViewport();

  // The next annotation is on the marker in the middle, about a megabyte further down.
  await page.keyboard.press('j');
  await expect(focusRing).toHaveText(MIDDLE_MARKER);
  await expect(focusRing).toBeInViewport({ ratio: 1 });
  await expect(paragraph(page, article, article.at.middle)).toBeInViewport();
  // Only the sections around it are drawn, and it stays put while they are.
  await expect(paragraph(page, article, Math.floor(article.at.middle / 2))).toHaveCount(0);
  expect(await paragraphs(page).count()).toBeLessThan(article.paragraphs.length / 10);
  await expectSteady(page, focusRing);

  await page.keyboard.press('k');
  await expect(focusRing).toHaveText(TOP_PHRASE);
  await expect(focusRing).toBeInViewport();

  // With nothing focused, k goes to the last annotation, near the end.
  await page.keyboard.press('Escape');
  await expect(focusRing).toHaveCount(0);
  await page.keyboard.press('k');
  const last = seeded.at(-1)!;
  await expect.poll(() => focusedText(page)).toBe(last.fragments[0]!.exact.replace(/\n/g, ''));
  await expect(focusRing.first()).toBeInViewport();
  await expect(paragraph(page, article, article.at.middle)).toHaveCount(0);
  // j on the last annotation stays there; k steps back to the one before.
  await page.keyboard.press('j');
  await expect.poll(() => focusedText(page)).toBe(last.fragments[0]!.exact.replace(/\n/g, ''));
  await page.keyboard.press('k');
  await expect.poll(() => focusedText(page)).toBe(seeded.at(-2)!.fragments[0]!.exact.replace(/\n/g, ''));
  await expect(focusRing.first()).toBeInViewport();
});

test('after a reload, the annotation made at the end is still there and painted when scrolled to', async ({ page, long }) => {
  const { article } = long;
  await endKeyToLastParagraph(page, article);
  expect(await selectWithMouse(page, END_PHRASE)).toBe(END_PHRASE);
  await page.keyboard.press('2');
  await expectAllSaved(page, SLOW_SAVE_MS);
  const [created] = await newAnnotations(long);
  expect(created).toMatchObject({ labelId: 'quote', fragments: [{ exact: END_PHRASE }] });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE, { timeout: 30_000 });
  await expect(paragraph(page, article, 1)).toBeInViewport();
  await expect(highlightOf(page, created!.id)).toHaveCount(0);

  await wheelToParagraph(page, article, article.at.end);
  const highlight = highlightOf(page, created!.id);
  await expect(highlight).toHaveText(END_PHRASE);
  await expect(highlight).toHaveClass(/label-quote/);
  await expect(highlight).toBeInViewport();
  expect((await newAnnotations(long)).map((a) => a.id)).toEqual([created!.id]);
});

/**
 * Compares what is painted on the lines in view with what is stored: for every character, the labels
 * of the annotations covering it (overlapping decorations merge their classes on one span). Returns
 * the first mismatch of each line (none when they agree) and how many characters in view are painted.
 */
async function paintedVersusStored(page: Page, article: LongArticle, annotations: readonly Annotation[]): Promise<{ problems: string[]; painted: number }> {
  const shown = await page.evaluate(() => {
    const readerBox = document.querySelector('.reader')!.getBoundingClientRect();
    const lines: { prefix: string; segments: [string, string[]][] }[] = [];
    for (const p of document.querySelectorAll<HTMLElement>('.article-text .article-paragraph')) {
      const b = p.getBoundingClientRect();
      if (b.bottom < readerBox.top || b.top > readerBox.bottom) continue;
      const segments: [string, string[]][] = [];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const labels = new Set<string>();
        for (let e = n.parentElement; e && e !== p; e = e.parentElement) for (const c of e.classList) if (c.startsWith('label-')) labels.add(c.slice(6));
        segments.push([(n as Text).data, [...labels].sort()]);
      }
      lines.push({ prefix: (p.textContent ?? '').slice(0, 120), segments });
    }
    return lines;
  });
  expect(shown.length, 'lines in view').toBeGreaterThan(0);
  const starts = lineStarts(article);
  const byPrefix = new Map(article.paragraphs.map((p, i) => [p.slice(0, 120), i]));
  const problems: string[] = [];
  let painted = 0;
  for (const { prefix, segments } of shown) {
    const index = byPrefix.get(prefix)!;
    const start = starts[index]!;
    const end = start + article.paragraphs[index]!.length;
    const covering = annotations.filter((a) => a.fragments.some((f) => f.start < end && f.end > start));
    let offset = start;
    check: for (const [data, labels] of segments) {
      if (labels.length > 0) painted += data.length;
      for (let k = 0; k < data.length; k++, offset++) {
        const expected = [...new Set(covering.filter((a) => a.fragments.some((f) => f.start <= offset && offset < f.end)).map((a) => a.labelId))].sort();
        if (expected.join() !== labels.join()) {
          problems.push(`line ${index}, offset ${offset}: painted [${labels.join()}], stored [${expected.join()}]`);
          break check;
        }
      }
    }
  }
  return { problems, painted };
}

test('far down among thousands of overlapping annotations, what is painted is what is stored, also after scrolling fast away and back', async ({
  page,
  long,
}) => {
  const { article, seeded } = long;
  const dense = Math.floor((article.at.middle + article.at.end) / 2);
  await wheelToParagraph(page, article, dense);
  const mismatches = async () => (await paintedVersusStored(page, article, seeded)).problems;
  await expect.poll(mismatches).toEqual([]);
  expect((await paintedVersusStored(page, article, seeded)).painted, 'characters in view painted').toBeGreaterThan(500);

  // A fling down and one back up: sections are drawn and dropped on the way.
  const box = (await page.locator('.reader').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 2500);
  await settled(page);
  await expect.poll(mismatches).toEqual([]);
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -1700);
  await settled(page);
  await expect.poll(mismatches).toEqual([]);
});

test('a selection from the top to the end of the text (Ctrl+Shift+End) is labelled whole, though most of it is not drawn', async ({ page, long }) => {
  const { article } = long;
  // The caret before the top phrase, then select to the end of the article with the keyboard.
  expect(await selectWithMouse(page, TOP_PHRASE)).toBe(TOP_PHRASE);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('1');
  await expectAllSaved(page, SLOW_SAVE_MS);
  const [created, ...others] = await newAnnotations(long);
  expect(others).toEqual([]);
  const start = article.text.indexOf(TOP_PHRASE);
  const end = article.text.trimEnd().length;
  expect(created!.fragments).toHaveLength(1);
  expect(created!.fragments[0]).toMatchObject({ start, end });
  expect(created!.fragments[0]!.exact).toBe(article.text.slice(start, end));
  // Still most of the article is not drawn.
  expect(await paragraphs(page).count()).toBeLessThan(article.paragraphs.length / 10);
});

test('a label key that comes before the browser has told of a selection ending on a section not drawn labels it whole', async ({ page, long }) => {
  const { article } = long;
  expect(await selectWithMouse(page, TOP_PHRASE)).toBe(TOP_PHRASE);
  // Extend the browser's selection to the end of the last section (not drawn: a placeholder) and
  // press the label key in the same task, before any selectionchange event can reach the view.
  const pressedWhile = await page.evaluate(() => {
    const selection = document.getSelection()!;
    const start = selection.getRangeAt(0);
    const last = [...document.querySelectorAll('.article-text .article-section-placeholder')].at(-1)!;
    selection.setBaseAndExtent(start.startContainer, start.startOffset, last, 0);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { key: '1', code: 'Digit1', bubbles: true, cancelable: true }));
    return last.classList.contains('article-section-placeholder');
  });
  expect(pressedWhile, 'the selection ended on a placeholder when the key came').toBe(true);
  await expectAllSaved(page, SLOW_SAVE_MS);
  const [created, ...others] = await newAnnotations(long);
  expect(others).toEqual([]);
  const start = article.text.indexOf(TOP_PHRASE);
  expect(created!.fragments).toEqual([expect.objectContaining({ start, end: article.text.trimEnd().length })]);
});
