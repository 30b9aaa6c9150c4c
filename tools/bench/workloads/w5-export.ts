import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSnapshot, measureExportInChild, type RunFigures } from '../export-measurement.js';
import { writeSnapshotIntoStore } from '../../../main/services/exports/import-native-workspace.js';
import { WorkspaceStore } from '../../../main/workspace/workspace-store.js';
import { median, type BenchMode, type Workload } from '../workload.js';

/** W5: export 100k annotations to W3C JSON-LD and brat, streamed, memory ≤ 2× the output. */
export const exportWorkload: Workload = {
  id: 'W5',
  title: 'export 100k annotations to W3C JSON-LD and brat',
  target: '≤ 1 s each, memory ≤ 2× output',
  meetsTarget: (r) => r.series.filter((s) => s.unit === 'ms').every((s) => median(s.samples) <= 1000) && r.series.filter((s) => s.unit === 'ratio').every((s) => median(s.samples) <= 2),
  async run(mode: BenchMode) {
    const documents = mode === 'full' ? 100 : 10;
    const runs = mode === 'full' ? 3 : 1;
    const root = await mkdtemp(join(tmpdir(), 'corroborate-bench-w5-'));
    try {
      const workspaceDir = join(root, 'workspace');
      const store = await WorkspaceStore.open(workspaceDir, { holder: 'cli' });
      await writeSnapshotIntoStore(store, benchSnapshot(documents));
      await store.close();
      const series = [];
      const checks: string[] = [];
      for (const format of ['w3c', 'brat'] as const) {
        const results: RunFigures[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const figures = measureExportInChild(workspaceDir, format, join(root, `${format}-${i}`));
          await rm(join(root, `${format}-${i}`), { recursive: true, force: true });
          if (i > 0) results.push(figures);
        }
        series.push({ name: `${format}: export (streamed, fsynced, renamed into place)`, unit: 'ms' as const, samples: results.map((r) => r.exportMs) });
        series.push({ name: `${format}: memory growth / output size`, unit: 'ratio' as const, samples: results.map((r) => (r.peakRssMb - r.rssBeforeMb) / r.outputMb) });
        checks.push(`${format}: ${results[0]!.annotations} annotations exported, ${results[0]!.outputMb.toFixed(1)} MB written`);
      }
      return { series, checks, sizes: { documents, annotations: documents * 1000 } };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
