import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { runnableElectron } from '../../../main/faces/launch/electron-binary.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { median, type BenchMode, type Workload } from '../workload.js';
import { W1_ARTICLES, W1_TARGET, W1_TITLE } from './w1-launch.js';

const root = resolve(import.meta.dirname, '../../..');

/** The little of the page's DOM these functions read (this file is compiled without DOM types). */
type PageGlobals = { document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } } };

/**
 * W1 against the desktop app (`npm run bench -- --only W1 --desktop`): each run launches the built
 * Electron app (`dist/electron/main.js`) on W1's workspace with a fresh app-data folder (so the first
 * article opens) and times from the launch until that article is painted with its highlights (the
 * first animation frame in which they are in the DOM). Where Electron cannot run (no binary, no
 * display) it says why instead.
 */
export const desktopLaunchWorkload: Workload = {
  id: 'W1',
  title: 'launch to first painted article, desktop app (50 KB, 500 spans)',
  target: W1_TARGET.text,
  meetsTarget: (r) => W1_TARGET.met(median(r.series[0]!.samples)),
  notLandedReason: () => {
    const electronHere = runnableElectron();
    return 'unavailable' in electronHere ? `the desktop app cannot run here: ${electronHere.unavailable}` : null;
  },
  async run(mode: BenchMode) {
    const electronHere = runnableElectron();
    if ('unavailable' in electronHere) throw new Error(`the desktop app cannot run here: ${electronHere.unavailable}`);
    const runs = mode === 'full' ? 10 : 3;
    const warmUp = mode === 'full' ? 2 : 1;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w1-desktop-'));
    try {
      await writeBenchWorkspace(join(dir, 'ws'), W1_ARTICLES);
      const total: number[] = [];
      const pageOnly: number[] = [];
      let highlights = 0;
      for (let run = 0; run < runs + warmUp; run++) {
        const launchedAt = performance.timeOrigin + performance.now();
        const app = await electron.launch({
          executablePath: electronHere.path,
          args: [join(root, 'dist/electron/main.js'), '--workspace', join(dir, 'ws')],
          cwd: root,
          env: { ...process.env, CORROBORATE_APP_DATA: join(dir, `app-data-${run}`) } as Record<string, string>,
        });
        try {
          const page = await app.firstWindow();
          await page.waitForURL(/^app:/, { waitUntil: 'commit', timeout: 60_000 });
          const painted = await page.waitForFunction(
            (title) => {
              const { document } = globalThis as unknown as PageGlobals;
              const heading = document.querySelector('#article-title')?.textContent ?? '';
              const shown = heading.includes(title) && document.querySelector('.article-text .annotation') !== null;
              return shown ? performance.now() : false;
            },
            W1_TITLE,
            { polling: 'raf', timeout: 60_000 },
          );
          const at = (await painted.jsonValue()) as number;
          const origin = await page.evaluate(() => performance.timeOrigin);
          highlights = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('.article-text .annotation').length);
          if (run >= warmUp) {
            total.push(origin + at - launchedAt);
            pageOnly.push(at);
          }
        } finally {
          await app.close();
        }
      }
      return {
        series: [
          { name: 'app launch → article painted', unit: 'ms', samples: total },
          { name: 'page only: navigation start → painted', unit: 'ms', samples: pageOnly },
        ],
        checks: [`the first article shown was “${W1_TITLE}” (50 KB) with highlights in the DOM (${highlights} highlight elements)`],
        sizes: { bytes: 50_000, spans: 500, articles: W1_ARTICLES.length, runs },
        notes: ['Each run launches Electron anew (through Playwright) with a fresh app-data folder; the launch itself is counted.'],
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
