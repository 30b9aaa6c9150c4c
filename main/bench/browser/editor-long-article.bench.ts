/**
 * Benchmark of the annotation editor on a long article (PERFORMANCE.md W2 and W3), run with
 * `npm run bench:editor` after `npm run build`:
 *
 * - W2: open a 1 MB article with 10k overlapping spans, from the click in the article list until
 *   the view is painted (two animation frames after the heading and the spans are in the DOM);
 *   split into "fetch" (the openDocument call) and "render" (the rest).
 * - W3: select a range and press a label key with 10k spans present, until the new highlight is
 *   painted (p95 over repeated runs). The save itself (durable, fsync) is not waited for by the
 *   paint; it is reported separately.
 *
 * Text: the sample articles' paragraphs repeated and shuffled to 1 MB (~6–7k paragraphs); spans of
 * 5–200 characters at random places (seeded), overlapping freely. Medians and p95 over runs after
 * warm-ups; the machine is shared, so read them next to each other, not as absolutes.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { startBrowserHostProcess } from '../../../e2e/support/browser-host-process.js';
import { openWorkbench } from '../../workspace/open-workbench.js';

const root = resolve(import.meta.dirname, '../../..');
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 1_000_000);
const SPANS = Number(process.env.BENCH_SPANS ?? 10_000);
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
const ADD_RUNS = Number(process.env.BENCH_ADD_RUNS ?? 30);

/** A small seeded random generator (mulberry32), so every run measures the same text and spans. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function longArticleText(random: () => number): Promise<string> {
  const seeds = join(root, 'fixtures/seeds');
  const paragraphs: string[] = [];
  for (const name of await readdir(seeds)) {
    paragraphs.push(...(await readFile(join(seeds, name), 'utf8')).split('\n').filter((p) => p.trim().length > 20));
  }
  const out: string[] = ['Long article for the editor benchmark'];
  let size = out[0]!.length;
  while (size < TARGET_BYTES) {
    const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
    out.push(p);
    size += p.length + 2;
  }
  return out.join('\n\n');
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

const random = seededRandom(20240101);
const scratch = await mkdtemp(join(tmpdir(), 'corroborate-bench-'));
const workspaceDir = join(scratch, 'ws');
const setupStarted = performance.now();
const { service, store } = await openWorkbench({ workspaceDir });
await service.addSampleArticles();
const text = await longArticleText(random);
const added = await service.addArticle(importPlainText('long-article.txt', text));
const longId = 'added' in added ? added.added.id : added.alreadyPresent.id;
const items = Array.from({ length: SPANS }, () => {
  const length = 5 + Math.floor(random() * 196);
  const start = Math.floor(random() * (text.length - length));
  return { labelId: ['claim', 'quote', 'fact'][Math.floor(random() * 3)]!, ranges: [{ start, end: start + length }] };
});
// Spans must not split surrogate pairs; the seed text is BMP-only, so any offset is fine.
await service.createAnnotations({ documentId: longId, items });
await store.flush();
process.stderr.write(`Set up ${(text.length / 1e6).toFixed(2)} MB with ${SPANS} spans in ${ms(performance.now() - setupStarted)}.\n`);

const host = await startBrowserHostProcess({ workspaceDir });
const browser = await chromium.launch({
  executablePath: process.env.CORROBORATE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const results: Record<string, string> = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx names arrow functions with a `__name` helper that does not exist in the page.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(host.url);
  const list = page.getByRole('navigation', { name: 'Articles' });
  await list.getByRole('button').first().waitFor();

  // W2: open the long article from a short one, repeatedly.
  const opens: { total: number; fetch: number }[] = [];
  for (let run = 0; run < OPEN_RUNS + 2; run++) {
    await list.getByRole('button', { name: /Hamilton offers/ }).click();
    await page.getByRole('heading', { level: 1, name: /Hamilton offers/ }).waitFor();
    await page.waitForTimeout(300);
    const timing = await page.evaluate(async () => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Articles"] button')].find((b) =>
        b.textContent?.includes('Long article for the editor benchmark'),
      )!;
      let fetchEnd = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name.includes('/api/openDocument')) fetchEnd = (entry as PerformanceResourceTiming).responseEnd;
      });
      observer.observe({ type: 'resource', buffered: false });
      const started = performance.now();
      button.click();
      await new Promise<void>((done) => {
        const check = () => {
          const heading = document.querySelector('#article-title')?.textContent ?? '';
          if (heading.includes('Long article') && document.querySelector('.article-text .annotation')) done();
          else requestAnimationFrame(check);
        };
        check();
      });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const total = performance.now() - started;
      await new Promise((done) => setTimeout(done, 50));
      observer.disconnect();
      return { total, fetch: fetchEnd ? fetchEnd - started : Number.NaN };
    });
    if (run >= 2) opens.push(timing);
  }
  const totals = opens.map((o) => o.total);
  const fetches = opens.map((o) => o.fetch);
  results['W2 open 1 MB / 10k spans, median'] = ms(quantile(totals, 0.5));
  results['W2 of which openDocument call, median'] = ms(quantile(fetches, 0.5));
  results['W2 render after the call, median'] = ms(quantile(opens.map((o) => o.total - o.fetch), 0.5));

  const cdp = await page.context().newCDPSession(page);
  /** Runs `step` under the CPU profiler and prints the functions with the most self time. */
  const profiled = async (step: () => Promise<void>) => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await step();
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    for (const node of profile.nodes) {
      const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
    process.stderr.write(top.map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n') + '\n');
  };
  if (process.env.BENCH_PROFILE === 'open') {
    await list.getByRole('button', { name: /Hamilton offers/ }).click();
    await page.getByRole('heading', { level: 1, name: /Hamilton offers/ }).waitFor();
    await profiled(async () => {
      await list.getByRole('button', { name: /Long article/ }).click();
      await page.locator('.article-text .annotation').first().waitFor();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    });
  }

  // W3: select a range and press 1, until the highlight is painted.
  await page.locator('.article-text').focus();
  const adds: number[] = [];
  const saves: number[] = [];
  for (let run = 0; run < ADD_RUNS + 3; run++) {
    const measure = () => page.evaluate(async (seed) => {
      const view = document.querySelector('.article-text')!;
      // A paragraph on screen, so the highlight is painted where it can be seen. (Measuring every
      // paragraph's box would force the browser to lay out the sections it skips.)
      const box = view.getBoundingClientRect();
      const y = Math.max(box.top, 0) + 200 + (seed % 4) * 90;
      const hit = document.elementFromPoint(box.left + box.width / 2, Math.min(y, innerHeight - 20));
      const paragraph = hit?.closest('p') ?? view.querySelector('p')!;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let first = walker.nextNode() as Text | null;
      while (first && first.data.trim().length < 4) first = walker.nextNode() as Text | null;
      if (!first) return null;
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(first, Math.min(first.data.length, 4));
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const before = document.querySelectorAll('.article-text .annotation-focused').length;
      const focusedBefore = document.querySelector('.article-text .annotation-focused');
      const started = performance.now();
      view.dispatchEvent(new KeyboardEvent('keydown', { key: '1', code: 'Digit1', bubbles: true, cancelable: true }));
      let painted = 0;
      await new Promise<void>((done) => {
        const check = () => {
          const focusedNow = document.querySelector('.article-text .annotation-focused');
          const now = document.querySelector('.article-text .annotation-pending') ?? (focusedNow !== focusedBefore ? focusedNow : null);
          if (performance.now() - started > 10_000) {
            painted = Number.NaN;
            return done();
          }
          if (now && now !== focusedBefore) {
            painted = performance.now();
            done();
          } else requestAnimationFrame(check);
        };
        check();
      });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const paintedAt = performance.now() - started;
      await new Promise<void>((done) => {
        const check = () => (document.querySelector('.save-status')?.textContent === 'All changes saved' ? done() : setTimeout(check, 2));
        check();
      });
      return { painted: Number.isNaN(painted) ? painted : paintedAt, saved: performance.now() - started, before };
    }, run);
    let timing: Awaited<ReturnType<typeof measure>> = null;
    if (process.env.BENCH_PROFILE === 'add' && run === 3) await profiled(async () => void (timing = await measure()));
    else timing = await measure();
    if (!timing || Number.isNaN(timing.painted)) {
      process.stderr.write(`run ${run}: no highlight painted (skipped)\n`);
      continue;
    }
    if (run >= 3) {
      adds.push(timing.painted);
      saves.push(timing.saved);
    }
  }
  results['W3 label → painted, median'] = ms(quantile(adds, 0.5));
  results['W3 label → painted, p95'] = ms(quantile(adds, 0.95));
  results['W3 label → "All changes saved", median'] = ms(quantile(saves, 0.5));
} finally {
  await browser.close();
  await host.stop();
  await rm(scratch, { recursive: true, force: true });
}
const report = Object.entries(results)
  .map(([k, v]) => `${k}: ${v}`)
  .join('\n');
process.stdout.write(`${report}\n`);
if (process.env.BENCH_OUT) await writeFile(process.env.BENCH_OUT, `${report}\n`);
