/** How big a run is: `full` uses the sizes of docs/PERFORMANCE.md, `quick` small ones that prove the suite works. */
export type BenchMode = 'full' | 'quick';

/** One timed series: what was measured, in milliseconds unless `unit` says otherwise. */
export interface Series {
  name: string;
  unit: 'ms' | 'MB' | 'ratio' | '%';
  samples: number[];
}

/** What a workload reports after running. */
export interface WorkloadReport {
  /** Our figures; the first series is the headline. */
  series: Series[];
  /** The peer's figures for the headline, run side by side on the same input. */
  peer?: { name: string; series: Series };
  /** Checks that both sides produced the same answers before their times counted. */
  checks: string[];
  /** The sizes actually used (documents, spans, bytes…). */
  sizes: Record<string, number>;
  notes?: string[];
}

/** A workload of docs/PERFORMANCE.md. */
export interface Workload {
  id: string;
  title: string;
  /** The target as docs/PERFORMANCE.md states it. */
  target: string;
  /** Checks the headline against the target (information only: the suite reports, it never gates). */
  meetsTarget?: (report: WorkloadReport) => boolean;
  /** Why the workload cannot run yet (its capability has not landed), or null. */
  notLandedReason?: () => string | null;
  run(mode: BenchMode): Promise<WorkloadReport>;
}

/** The median of samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The p-th percentile of samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Times `step` `count` times after `warmUp` untimed runs; resolves to the milliseconds of each. */
export async function timeRepeatedly(count: number, step: (i: number) => Promise<unknown> | unknown, warmUp = 2): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await step(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await step(i);
    samples.push(performance.now() - started);
  }
  return samples;
}
