import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHostProcess } from '../../../e2e/support/browser-host-process.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { callInPage, jsHeapUsedMB, launchBenchBrowser, pageHelpersScript, withTimeout, type AddResult } from '../browser/browser-session.js';
import { percentile, type BenchMode, type Workload } from '../workload.js';

const TITLE = 'Bench labelled article';

/**
 * W3: with 10k spans present (1 MB article), select a range on screen inside `.article-text`
 * (a DOM selection set programmatically) and press label key 1; time from the keydown until the new
 * highlight is in the DOM and painted (two frames), p95 over the adds. Also reports the time until
 * "All changes saved" (the durable save, which the paint does not wait for), long animation frames
 * over 50 ms during the adds, and the JS heap used after each add (CDP).
 */
export const labelAddWorkload: Workload = {
  id: 'W3',
  title: 'select text + label key → highlight painted, 10k spans present',
  target: 'p95 ≤ 33 ms',
  meetsTarget: (r) => percentile(r.series[0]!.samples, 95) <= 33,
  async run(mode: BenchMode) {
    const full = mode === 'full';
    const bytes = full ? 1_000_000 : 100_000;
    const spans = full ? 10_000 : 1_000;
    const adds = full ? 40 : 8;
    const warmUp = 3;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w3-'));
    await writeBenchWorkspace(join(dir, 'ws'), [{ title: TITLE, bytes, spans, seed: 401 }]);
    const browser = await launchBenchBrowser();
    const host = await startBrowserHostProcess({ workspaceDir: join(dir, 'ws') });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.addInitScript(await pageHelpersScript());
      await page.goto(host.url);
      await page.locator('.article-text .annotation').first().waitFor({ timeout: 60_000 });
      await page.locator('.article-text').focus();
      await page.waitForTimeout(300);
      const longFramesSupported = await callInPage<boolean>(page, 'watchLongFrames');
      const painted: number[] = [];
      const saved: number[] = [];
      const heap: number[] = [];
      const skipped: string[] = [];
      let longFrames: number[] = [];
      for (let run = 0; run < adds + warmUp; run++) {
        const result = await withTimeout(callInPage<AddResult>(page, 'addLabel', run, 10_000), 30_000, 'one label add');
        if ('skipped' in result) {
          skipped.push(result.skipped);
          continue;
        }
        if (run < warmUp) {
          await callInPage<number[]>(page, 'takeLongFrames');
          continue;
        }
        painted.push(result.painted);
        saved.push(result.saved);
        heap.push(await jsHeapUsedMB(page));
      }
      longFrames = await callInPage<number[]>(page, 'takeLongFrames');
      if (painted.length < adds / 2) throw new Error(`only ${painted.length} of ${adds} adds painted a highlight: ${skipped.join('; ')}`);
      const listed = await page.locator('nav[aria-label="Articles"] button', { hasText: TITLE }).textContent();
      const expected = spans + warmUp + painted.length;
      if (!listed?.includes(`${expected} annotations`)) throw new Error(`after the adds the article list should count ${expected} annotations: ${listed}`);
      return {
        series: [
          { name: 'label key → new highlight painted', unit: 'ms', samples: painted },
          { name: 'label key → "All changes saved" (durable)', unit: 'ms', samples: saved },
          { name: 'JS heap used after each add', unit: 'MB', samples: heap },
          ...(longFramesSupported ? [{ name: `long animation frames > 50 ms during the adds (${longFrames.length})`, unit: 'ms' as const, samples: longFrames.length > 0 ? longFrames : [0] }] : []),
        ],
        checks: [
          `every timed add showed a new highlight (pending or focused) in the DOM; ${skipped.length} skipped`,
          `after the adds the article list counts ${expected} annotations (${spans} + ${warmUp + painted.length} added, all saved)`,
        ],
        sizes: { bytes, spans, adds: painted.length },
        notes: [
          longFramesSupported ? `long animation frames > 50 ms during the timed adds: ${longFrames.length}` : 'long-animation-frame entries are not supported by this Chromium',
          `peak JS heap (sampled after each add): ${Math.max(...heap).toFixed(1)} MB`,
          'The 100k-span variant of W3 is not run.',
        ],
      };
    } finally {
      await browser.close();
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
