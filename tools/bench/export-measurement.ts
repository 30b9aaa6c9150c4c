// Benchmark for docs/PERFORMANCE.md W5: export 100k annotations to W3C JSON-LD and brat, streamed,
// peak memory ≤ 2× the output size, ≤ 1 s.
//
// Builds a workspace of 100 articles × ~50 KB (with astral emoji and line breaks) holding 1,000
// random spans each (5–200 characters, some across lines, with attributes and notes) and 2,000
// links (half across articles) in a temp folder through the real store. Then, for each format and
// run, a fresh child process opens the workspace, reads it (timed apart: "read"), and exports it
// with `exportToFolder` into a new folder, streamed, fsynced and renamed into place ("export").
// The child reports its RSS before exporting and its peak RSS (getrusage maxrss), so the memory
// the export itself needs is peak − before; the output size is the bytes written. Medians over
// the runs after warm-up; the machine is shared, so read the figures as a range.
//
// Run: npx tsx tools/bench/export-measurement.ts [--runs 5] [--warm-up 1] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Annotation } from '../../shared/model/annotation.js';
import { defaultLabels, defaultLinkTypes } from '../../shared/model/label-schema.js';
import type { Link } from '../../shared/model/link.js';
import { CURRENT_SCHEMA_VERSION, type DocumentSnapshot, type WorkspaceSnapshot } from '../../shared/model/workspace.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { fragmentAt } from '../../shared/text/text-quote.js';
import { WorkspaceStore } from '../../main/workspace/workspace-store.js';
import { exportToFolder } from '../../main/services/exports/export-to-folder.js';
import { writeSnapshotIntoStore } from '../../main/services/exports/import-native-workspace.js';

const DOCUMENTS = 100;
const SPANS_PER_DOCUMENT = 1000;
const TEXT_LENGTH = 50_000;
const LINKS = 2000;
const FORMATS = ['w3c', 'brat'] as const;

/** Whether this file runs as the script (rather than imported by the benchmark suite). */
const runAsScript = process.argv[1] === fileURLToPath(import.meta.url);

const { values } = parseArgs({
  args: runAsScript ? process.argv.slice(2) : [],
  options: {
    runs: { type: 'string' },
    'warm-up': { type: 'string' },
    keep: { type: 'boolean' },
    child: { type: 'boolean' },
    workspace: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
});

/** What one child run measured. */
export interface RunFigures {
  readMs: number;
  exportMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  outputMb: number;
  annotations: number;
}

if (runAsScript && values.child) {
  // One measured export, in its own process so peak RSS is this export's.
  const store = await WorkspaceStore.open(values.workspace!, { holder: 'cli' });
  const readStart = performance.now();
  for (const meta of store.workspace.documents) {
    await store.readText(meta.id);
    await store.readAnnotations(meta.id);
  }
  const readMs = performance.now() - readStart;
  const rssBefore = process.memoryUsage().rss;
  const exportStart = performance.now();
  const summary = await exportToFolder(store, { format: values.format as (typeof FORMATS)[number], destination: values.out! });
  const exportMs = performance.now() - exportStart;
  const figures: RunFigures = {
    readMs,
    exportMs,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    outputMb: summary.totalBytes / 2 ** 20,
    annotations: summary.annotations,
  };
  await store.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else if (runAsScript) {
  await main();
}

/** Exports `workspaceDir` to `format` in a fresh process (so peak RSS is this export's) and returns its figures. */
export function measureExportInChild(workspaceDir: string, format: string, out: string): RunFigures {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', '--workspace', workspaceDir, '--format', format, '--out', out], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`the ${format} run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as RunFigures;
}

async function main(): Promise<void> {
  const runs = Number(values.runs ?? 5);
  const warmUp = Number(values['warm-up'] ?? 1);
  const root = await mkdtemp(join(tmpdir(), 'corroborate-bench-export-'));
  try {
    const workspaceDir = join(root, 'workspace');
    const buildStart = performance.now();
    const store = await WorkspaceStore.open(workspaceDir, { holder: 'cli' });
    await writeSnapshotIntoStore(store, benchSnapshot());
    await store.close();
    console.log(`Built ${DOCUMENTS} articles × ${SPANS_PER_DOCUMENT} spans, ${LINKS} links in ${((performance.now() - buildStart) / 1000).toFixed(1)} s (${workspaceDir}).`);
    console.log(
      `Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
        `medians of ${runs} runs after ${warmUp} warm-up, each in a fresh process.\n`,
    );
    for (const format of FORMATS) {
      const results: RunFigures[] = [];
      for (let i = 0; i < warmUp + runs; i++) {
        const out = join(root, `${format}-${i}`);
        const figures = measureExportInChild(workspaceDir, format, out);
        if (i >= warmUp) results.push(figures);
        await rm(out, { recursive: true, force: true });
      }
      const median = (pick: (r: RunFigures) => number) => {
        const sorted = results.map(pick).sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)]!;
      };
      const exportMs = median((r) => r.exportMs);
      const output = median((r) => r.outputMb);
      const growth = median((r) => r.peakRssMb - r.rssBeforeMb);
      console.log(
        `${format.padEnd(5)} ${results[0]!.annotations} annotations → ${output.toFixed(1)} MB: export ${exportMs.toFixed(0)} ms ` +
          `(min ${Math.min(...results.map((r) => r.exportMs)).toFixed(0)}, max ${Math.max(...results.map((r) => r.exportMs)).toFixed(0)}; ` +
          `reading the workspace before it ${median((r) => r.readMs).toFixed(0)} ms); ` +
          `RSS before ${median((r) => r.rssBeforeMb).toFixed(0)} MB, peak ${median((r) => r.peakRssMb).toFixed(0)} MB, ` +
          `growth during export ${growth.toFixed(0)} MB = ${(growth / output).toFixed(2)}× the output ` +
          `(peak ${(median((r) => r.peakRssMb) / output).toFixed(2)}× the output)`,
      );
    }
  } finally {
    if (values.keep) console.log(`\nKept ${root}.`);
    else await rm(root, { recursive: true, force: true });
  }
}

/** The benchmark workspace, deterministic (a seeded generator): `documents` articles of 1,000 spans. */
export function benchSnapshot(documentCount = DOCUMENTS): WorkspaceSnapshot {
  const random = mulberry32(5);
  const words = ['the', 'mayor', 'said', 'police', 'confirmed', 'flood', 'river', 'rebuild', 'officials', 'toll', 'rose', 'water', 'city', 'council'];
  const documents: DocumentSnapshot[] = [];
  for (let d = 0; d < documentCount; d++) {
    let text = '';
    while (text.length < TEXT_LENGTH) {
      const r = random();
      text += r < 0.02 ? '😢 ' : r < 0.04 ? '.\n' : `${words[Math.floor(random() * words.length)]} `;
    }
    const id = `doc-${String(d).padStart(4, '0')}`;
    const hash = contentHash(text);
    const annotations: Annotation[] = [];
    for (let a = 0; a < SPANS_PER_DOCUMENT; a++) {
      let start = Math.floor(random() * (text.length - 210));
      let end = start + 5 + Math.floor(random() * 196);
      if (isLowSurrogate(text, start)) start++;
      if (isLowSurrogate(text, end)) end++;
      annotations.push({
        id: `${id}-a${a}`,
        documentId: id,
        labelId: defaultLabels[a % 3]!.id,
        fragments: [fragmentAt(text, { start, end })],
        contentHash: hash,
        attributes: a % 3 === 0 ? { claimant: 'Mayor Li', verdict: 'unverifiable' } : a % 3 === 1 ? { verbatim: true } : {},
        note: a % 10 === 0 ? 'checked against the wire copy' : '',
        author: 'bench',
        annotator: 'owner',
        createdAt: '2024-05-01T10:00:00.000Z',
        updatedAt: '2024-05-01T10:00:00.000Z',
        orphaned: false,
      });
    }
    documents.push({
      meta: {
        id,
        title: `Bench article ${d}`,
        outlet: 'Bench Gazette',
        date: '2024-05-01',
        url: null,
        sourceFile: null,
        contentHash: hash,
        length: text.length,
        normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
        importedAt: '2024-05-01T10:00:00.000Z',
      },
      text,
      annotations,
    });
  }
  const links: Link[] = [];
  for (let l = 0; l < (LINKS * documentCount) / DOCUMENTS; l++) {
    const from = documents[l % documentCount]!;
    const to = l % 2 === 0 ? from : documents[(l + 1) % documentCount]!;
    links.push({
      id: `link-${l}`,
      typeId: defaultLinkTypes[l % defaultLinkTypes.length]!.id,
      source: { documentId: from.meta.id, annotationId: from.annotations[l % SPANS_PER_DOCUMENT]!.id },
      target: { documentId: to.meta.id, annotationId: to.annotations[(l + 7) % SPANS_PER_DOCUMENT]!.id },
      note: '',
      author: 'bench',
      annotator: 'owner',
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
    });
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, labels: structuredClone([...defaultLabels]), linkTypes: structuredClone([...defaultLinkTypes]), documents, links };
}

function isLowSurrogate(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 0xdc00 && c <= 0xdfff;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
