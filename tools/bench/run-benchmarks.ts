/**
 * `npm run bench [-- --quick] [--only W4,W6] [--desktop]`: runs the workloads of docs/PERFORMANCE.md on generated,
 * seeded corpora, writes the results as JSON (bench-results/latest.json and a dated copy) and prints
 * a table of medians, p95s and, where a peer runs side by side, the ratio peer/ours. Quick mode uses
 * small sizes to prove the suite works; it reports and never fails on timings. `--desktop` runs W1
 * against the desktop app instead of the browser host, and fails where Electron cannot run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median, percentile, type BenchMode, type Workload, type WorkloadReport } from './workload.js';
import { BENCH_WORKLOADS } from './workloads/index.js';
import { desktopLaunchWorkload } from './workloads/w1-desktop-launch.js';

const root = resolve(import.meta.dirname, '../..');

/** One workload's outcome in the results file. */
interface WorkloadOutcome {
  id: string;
  title: string;
  target: string;
  status: 'measured' | 'not-landed' | 'failed';
  reason?: string;
  meetsTarget?: boolean;
  report?: WorkloadReport;
  summary?: { name: string; unit: string; median: number; p95: number }[];
  peerRatio?: number;
}

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' }, desktop: { type: 'boolean' } },
});
const mode: BenchMode = values.quick ? 'quick' : 'full';
const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
const workloads = values.desktop ? BENCH_WORKLOADS.map((w) => (w.id === desktopLaunchWorkload.id ? desktopLaunchWorkload : w)) : BENCH_WORKLOADS;
const selected = workloads.filter((w) => !only || only.includes(w.id));

const outcomes: WorkloadOutcome[] = [];
for (const workload of selected) outcomes.push(await runOne(workload));

const results = {
  mode,
  finishedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  workloads: outcomes,
};
const outDir = values.out ? resolve(values.out) : join(root, 'bench-results');
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(outDir, `${mode}-${results.finishedAt.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
printTable(outcomes);
process.stdout.write(`\nResults written to ${join(outDir, 'latest.json')} (${mode} mode).\n`);
if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
// The desktop run was asked for by name: not being able to run it here is a failure, said in one sentence.
const desktopOutcome = values.desktop ? outcomes.find((o) => o.id === desktopLaunchWorkload.id) : undefined;
if (desktopOutcome?.status === 'not-landed') {
  process.stderr.write(`The W1 desktop benchmark did not run because ${desktopOutcome.reason?.replace(/^the desktop app cannot run here: /, '')}.\n`);
  process.exitCode = 1;
}

async function runOne(workload: Workload): Promise<WorkloadOutcome> {
  const base = { id: workload.id, title: workload.title, target: workload.target };
  const reason = workload.notLandedReason?.() ?? null;
  if (reason) return { ...base, status: 'not-landed', reason };
  process.stderr.write(`${workload.id} ${workload.title}…\n`);
  try {
    const report = await workload.run(mode);
    const summary = report.series.map((s) => ({ name: s.name, unit: s.unit, median: median(s.samples), p95: percentile(s.samples, 95) }));
    const peerRatio = report.peer ? median(report.peer.series.samples) / median(report.series[0]!.samples) : undefined;
    return { ...base, status: 'measured', report, summary, peerRatio, meetsTarget: workload.meetsTarget?.(report) };
  } catch (error) {
    return { ...base, status: 'failed', reason: (error as Error).stack ?? String(error) };
  }
}

function printTable(rows: WorkloadOutcome[]): void {
  const fmt = (n: number, unit: string) => (unit === '%' ? `${n.toFixed(1)} %` : `${n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en')} ${unit}`);
  const lines = ['', '| id | measure | median | p95 | target | peer/ours |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    if (row.status !== 'measured') {
      lines.push(`| ${row.id} | ${row.title} | — | — | ${row.target} | ${row.status === 'not-landed' ? `not landed: ${row.reason}` : `FAILED: ${row.reason?.split('\n')[0]}`} |`);
      continue;
    }
    row.summary!.forEach((s, i) => {
      const ratio = i === 0 && row.peerRatio !== undefined ? `${row.peerRatio.toFixed(1)}× (${row.report!.peer!.name})` : '';
      const target = i === 0 ? `${row.target}${row.meetsTarget === undefined ? '' : row.meetsTarget ? ' ✓' : ' ✗'}` : '';
      lines.push(`| ${i === 0 ? row.id : ''} | ${s.name} | ${fmt(s.median, s.unit)} | ${fmt(s.p95, s.unit)} | ${target} | ${ratio} |`);
    });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
