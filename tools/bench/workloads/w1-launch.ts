import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHostProcess } from '../../host-process/browser-host-process.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { callInPage, launchBenchBrowser, pageHelpersScript, withTimeout } from '../browser/browser-session.js';
import { median, type BenchMode, type Workload } from '../workload.js';

/** The title of W1's first article, the one whose painting is timed. */
export const W1_TITLE = 'Bench article 50 KB';

/** W1's workspace: the timed 50 KB article with 500 spans first, then nine small ones. */
export const W1_ARTICLES = [
  { title: W1_TITLE, bytes: 50_000, spans: 500, seed: 101 },
  ...Array.from({ length: 9 }, (_, i) => ({ title: `Bench other article ${i + 1}`, bytes: 5_000, spans: 50, seed: 200 + i })),
] as const;

/** W1's target as docs/PERFORMANCE.md states it, and the check of a headline median against it. */
export const W1_TARGET = { text: '≤ 700 ms', met: (medianMs: number) => medianMs <= 700 } as const;

/**
 * W1: launch to first painted article. Each run starts the built browser host
 * (`node dist/node/serve.js --workspace DIR`) on a workspace whose first article is 50 KB with 500
 * spans, opens its URL in a fresh Chromium context (empty profile, so the first article opens) and
 * times from the host process spawn until that article is painted with its highlights (two frames
 * after they are in the DOM). Chromium itself is started once beforehand and not counted.
 */
export const launchWorkload: Workload = {
  id: 'W1',
  title: 'launch to first painted article (50 KB, 500 spans)',
  target: W1_TARGET.text,
  meetsTarget: (r) => W1_TARGET.met(median(r.series[0]!.samples)),
  async run(mode: BenchMode) {
    const runs = mode === 'full' ? 10 : 3;
    const warmUp = mode === 'full' ? 2 : 1;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w1-'));
    const browser = await launchBenchBrowser();
    try {
      const specs = W1_ARTICLES;
      await writeBenchWorkspace(join(dir, 'ws'), specs);
      const helpers = await pageHelpersScript();
      const total: number[] = [];
      const pageOnly: number[] = [];
      const hostStart: number[] = [];
      let highlights = 0;
      for (let run = 0; run < runs + warmUp; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await context.addInitScript(`${helpers};__bench.watchFirstPaint(${JSON.stringify(W1_TITLE)});`);
        const page = await context.newPage();
        const spawnedAt = performance.timeOrigin + performance.now();
        const host = await startBrowserHostProcess({ workspaceDir: join(dir, 'ws') });
        const urlAt = performance.timeOrigin + performance.now();
        try {
          await page.goto(host.url);
          const painted = await withTimeout(
            (async () => {
              for (;;) {
                const state = await callInPage<{ at: number | null; highlights: number }>(page, 'firstPaint');
                if (state.at !== null) return state;
                await new Promise((r) => setTimeout(r, 5));
              }
            })(),
            60_000,
            'first painted article',
          );
          const origin = await page.evaluate(() => performance.timeOrigin);
          highlights = painted.highlights;
          if (highlights === 0) throw new Error('the first article was painted without highlights');
          if (run >= warmUp) {
            total.push(origin + painted.at! - spawnedAt);
            pageOnly.push(painted.at!);
            hostStart.push(urlAt - spawnedAt);
          }
        } finally {
          await context.close();
          await host.stop();
        }
      }
      return {
        series: [
          { name: 'host spawn → article painted', unit: 'ms', samples: total },
          { name: 'page only: navigation start → painted', unit: 'ms', samples: pageOnly },
          { name: 'host spawn → URL printed', unit: 'ms', samples: hostStart },
        ],
        checks: [
          `the first article shown was “${W1_TITLE}” (50 KB) with highlights in the DOM (${highlights} highlight elements at first paint)`,
        ],
        sizes: { bytes: 50_000, spans: 500, articles: specs.length, runs },
        notes: ['Chromium is launched once before the runs and not counted; each run uses a fresh browser context (empty profile) and a new host process.'],
      };
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
