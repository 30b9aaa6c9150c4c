import { reanchorAnnotations } from '../../../shared/anchoring/reanchor-annotations.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { generateArticle, generateSpans, seededRandom } from '../corpus-generator.js';
import { median, timeRepeatedly, type BenchMode, type Workload } from '../workload.js';

/** Annotations re-anchored per task, so no task blocks for long. */
const BATCH = 250;

/** W7: re-anchor 10k annotations after the text changed. */
export const reanchorWorkload: Workload = {
  id: 'W7',
  title: 're-anchor 10k annotations after the text changed',
  target: '≤ 1 s total, no task > 50 ms',
  meetsTarget: (r) => median(r.series[0]!.samples) <= 1000 && Math.max(...r.series[1]!.samples) <= 50,
  async run(mode: BenchMode) {
    const size = mode === 'full' ? 1_000_000 : 100_000;
    const count = mode === 'full' ? 10_000 : 1_000;
    const text = generateArticle(size, 77);
    const annotations = generateSpans(text, count, 78).map((span, i) => ({ id: `a${i}`, fragments: [fragmentAt(text, span)] }));
    // The new version: a paragraph inserted at the top and a word changed every 20 KB.
    const random = seededRandom(79);
    let changed = `An editor's note added at the top of the article.\n\n${text}`;
    for (let at = 20_000; at < changed.length; at += 20_000) {
      const p = at + Math.floor(random() * 1000);
      changed = `${changed.slice(0, p)}CHANGED${changed.slice(p + 7)}`;
    }
    const tasks: number[] = [];
    let placed = 0;
    const totals = await timeRepeatedly(mode === 'full' ? 5 : 3, (i) => {
      let placedThisRun = 0;
      for (let from = 0; from < annotations.length; from += BATCH) {
        const started = performance.now();
        const results = reanchorAnnotations(annotations.slice(from, from + BATCH), changed);
        if (i >= 0) tasks.push(performance.now() - started);
        placedThisRun += results.filter((r) => r.status === 'placed').length;
      }
      placed = placedThisRun;
    });
    const unchanged = reanchorAnnotations(annotations, text).filter((r) => r.status === 'placed' && !r.moved).length;
    if (unchanged !== count) throw new Error(`re-anchoring unchanged text placed only ${unchanged} of ${count}`);
    return {
      series: [
        { name: 're-anchor all', unit: 'ms', samples: totals },
        { name: `longest task (batches of ${BATCH})`, unit: 'ms', samples: tasks },
      ],
      checks: [`on unchanged text all ${count} stay where they were; after the edits ${placed} of ${count} are placed exactly, the rest orphaned`],
      sizes: { annotations: count, textBytes: size },
    };
  },
};
