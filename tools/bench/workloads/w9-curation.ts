import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../../../main/services/open-workbench.js';
import { startBrowserHostProcess } from '../../host-process/browser-host-process.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { bundleForPage, launchBenchBrowser, withTimeout } from '../browser/browser-session.js';
import type { CurationKeyResult } from '../browser/curation-key-result.js';
import { percentile, type BenchMode, type Workload } from '../workload.js';

const TITLE = 'Bench curated article';
const WARM_UP = 3;

/**
 * W9B (the curation half of W9): an article two annotators marked at the same 1,000 places, each
 * time with a different end, so it has 1,000 span disagreements. Through the browser host, the
 * curator opens Curate (c) and presses keys in the page: `1` takes the first annotator's version and
 * shows the next disagreement, `j` shows the next one. Timed in the page from the keydown until the
 * next disagreement's heading is in the DOM and painted (two frames), p95 over the keys; the time
 * until "All changes saved" (the services recompute the curation and write the curated layer
 * durably, which the view does not wait for) is reported apart.
 */
export const curationWorkload: Workload = {
  id: 'W9B',
  title: 'curation: key → next disagreement shown, 1,000 disagreements',
  target: 'p95 ≤ 50 ms',
  meetsTarget: (r) => percentile(r.series[0]!.samples, 95) <= 50,
  async run(mode: BenchMode) {
    const full = mode === 'full';
    const disagreements = full ? 1000 : 100;
    const presses = full ? 40 : 8;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w9b-'));
    const workspaceDir = join(dir, 'ws');
    const [article] = await writeBenchWorkspace(workspaceDir, [{ title: TITLE, bytes: disagreements * 150, spans: 0, seed: 901 }]);
    const { id: documentId, text } = article!;
    // Ann and Bob mark the same places, Bob three characters further each time (setup, not timed).
    const step = Math.floor(text.length / disagreements);
    for (const [name, longer] of [['Ann Bench', 0], ['Bob Bench', 3]] as const) {
      const workbench = await openWorkbench({ workspaceDir, annotator: name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, env: { CORROBORATE_APP_DATA: join(dir, name) } });
      const items = Array.from({ length: disagreements }, (_, i) => ({ labelId: 'claim', ranges: [{ start: i * step, end: i * step + Math.floor(step / 3) + longer }] }));
      await workbench.api.createAnnotations({ documentId, items });
      await workbench.close();
    }
    const browser = await launchBenchBrowser();
    const host = await startBrowserHostProcess({ workspaceDir, appDataDir: join(dir, 'curator') });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.addInitScript((await bundleForPage('curation-page-helpers.ts')).js);
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(TITLE) }).click();
      await page.locator('.article-text').waitFor({ timeout: 120_000 });
      const opened = performance.now();
      await page.keyboard.press('c');
      await page.getByRole('heading', { name: `Disagreement 1 of ${disagreements}: span (to decide)` }).waitFor({ timeout: 120_000 });
      const openMs = performance.now() - opened;
      const press = (key: string, save: boolean) =>
        withTimeout(
          page.evaluate(([k, s]) => (globalThis as unknown as { __benchCuration: { pressCurationKey(key: string, save: boolean, ms: number): Promise<CurationKeyResult> } }).__benchCuration.pressCurationKey(k as string, s as boolean, 10_000), [key, save] as const),
          30_000,
          `the ${key} key`,
        );
      const chosen: number[] = [];
      const chosenInDom: number[] = [];
      const saved: number[] = [];
      const moved: number[] = [];
      const skipped: string[] = [];
      let lastHeading = '';
      let decided = 0;
      for (let run = 0; run < presses + WARM_UP; run++) {
        const choice = await press('1', true);
        const move = await press('j', false);
        if (!('skipped' in choice)) decided++;
        for (const result of [choice, move]) if ('skipped' in result) skipped.push(result.skipped);
        if (run < WARM_UP || 'skipped' in choice || 'skipped' in move) continue;
        chosen.push(choice.painted);
        chosenInDom.push(choice.inDom);
        saved.push(choice.saved);
        moved.push(move.painted);
        lastHeading = move.heading;
      }
      if (chosen.length < presses / 2) throw new Error(`only ${chosen.length} of ${presses} keys showed the next disagreement: ${skipped.join('; ')}`);
      const counts = await page.locator('.curation-counts').textContent();
      if (!counts?.includes(`${decided} done`)) throw new Error(`after ${decided} choices the Curate view should count them done: ${counts}`);
      return {
        series: [
          { name: `${disagreements} disagreements: choice key (1) → next disagreement painted`, unit: 'ms', samples: chosen },
          { name: `${disagreements} disagreements: choice key (1) → next disagreement in the DOM`, unit: 'ms', samples: chosenInDom },
          { name: `${disagreements} disagreements: j → next disagreement painted`, unit: 'ms', samples: moved },
          { name: `${disagreements} disagreements: choice key → "All changes saved" (recomputed, curated layer durable)`, unit: 'ms', samples: saved },
          { name: `${disagreements} disagreements: c → Curate open with the first disagreement`, unit: 'ms', samples: [openMs] },
        ],
        checks: [`every timed key showed another disagreement (last: ${lastHeading}); the view counts the choices done (${counts})`],
        sizes: { disagreements, keys: chosen.length * 2, 'article bytes': text.length },
        notes: ['Two frames (≈ 33 ms at 60 Hz) is the floor of "painted": the next disagreement is in the DOM within the key\'s own task.'],
      };
    } finally {
      await browser.close();
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
