import { QuoteIndex } from '../../../shared/search/quote-index.js';
import { generateArticle, seededRandom, vocabulary, withEdits } from '../corpus-generator.js';
import { percentile, timeRepeatedly, type BenchMode, type Workload } from '../workload.js';

/** W6: find a 200-character quote with ≤ 10 % edits among 1,000 documents of 50 KB. */
export const quoteSearchWorkload: Workload = {
  id: 'W6',
  title: 'find a 200-char quote (≤ 10 % edits) in 1,000 docs × 50 KB',
  target: 'p95 ≤ 50 ms, recall ≥ 99 % vs brute force',
  meetsTarget: (r) => percentile(r.series[0]!.samples, 95) <= 50 && r.series[2]!.samples[0]! >= 99,
  async run(mode: BenchMode) {
    const documents = mode === 'full' ? 1000 : 100;
    const size = mode === 'full' ? 50_000 : 20_000;
    const words = vocabulary(5000);
    const texts = Array.from({ length: documents }, (_, d) => generateArticle(size, 1000 + d, words));
    const buildStarted = performance.now();
    const index = new QuoteIndex(texts);
    const buildMs = performance.now() - buildStarted;

    const random = seededRandom(66);
    const queries = Array.from({ length: mode === 'full' ? 100 : 20 }, (_, i) => {
      const d = Math.floor(random() * documents);
      const start = Math.floor(random() * (size - 400));
      return withEdits(texts[d]!.slice(start, start + 200), 0.05, 500 + i);
    });
    const found = new Array<ReturnType<QuoteIndex['find']>>(queries.length);
    const ours = await timeRepeatedly(queries.length, (i) => {
      const q = i < 0 ? queries[0]! : queries[i]!;
      const match = index.find(q);
      if (i >= 0) found[i] = match;
    });

    // Recall and the peer: brute force over every document, on a subset in full mode (it is slow).
    const compared = mode === 'full' ? 20 : queries.length;
    let agree = 0;
    const brute = await timeRepeatedly(compared, (i) => {
      const q = i < 0 ? queries[0]! : queries[i]!;
      const reference = index.findByScanning(q);
      if (i < 0) return;
      const mine = found[i];
      if ((mine?.errors ?? null) === (reference?.errors ?? null)) agree++;
    }, 1);
    const recall = (100 * agree) / compared;
    return {
      series: [
        { name: 'find one quote', unit: 'ms', samples: ours },
        { name: 'build the index', unit: 'ms', samples: [buildMs] },
        { name: 'recall vs brute force', unit: '%', samples: [recall] },
      ],
      peer: { name: 'approx-string-match over every document (brute force)', series: { name: 'find one quote', unit: 'ms', samples: brute } },
      checks: [`${agree} of ${compared} queries found a match with the same edit distance as brute force`],
      sizes: { documents, bytesPerDocument: size, queries: queries.length },
    };
  },
};
