// Benchmark for PERFORMANCE.md W4: saving one new annotation in a store holding 100k annotations.
// Compares a durable save of one ~5 KB per-document annotation file (lowdb Low + CoalescingWriter +
// DurableJsonFile: validate, stable stringify, temp file, fsync, rename, fsync folder) with lowdb's
// own JSONFile rewriting a single ~59 MB file that holds all 100k annotations (no fsync), in the
// same process. Figures are milliseconds per save; the machine is shared, so compare the ratio.
//
// Run: npx tsx main/storage/bench-durable-save.ts [--dir <folder on the disk to measure>]
//        [--runs 300] [--lowdb-runs 15]
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Annotation } from '../../shared/model/annotation.js';
import type { AnnotationFile } from '../../shared/model/workspace.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { DurableJsonFile, type DurableJsonFileOptions } from './durable-json-file.js';
import { JsonFileCodec } from './json-file-codec.js';
import { annotationFileOptions, sampleAnnotation, sampleAnnotationFile } from './test-support.js';


const { values } = parseArgs({ options: { dir: { type: 'string' }, runs: { type: 'string' }, 'lowdb-runs': { type: 'string' } } });
const TOTAL_ANNOTATIONS = 100_000;
const PER_DOCUMENT = 8; // about 5 KB per document file
const DOCUMENTS = TOTAL_ANNOTATIONS / PER_DOCUMENT;
const RUNS = Number(values.runs ?? 300);
const LOWDB_RUNS = Number(values['lowdb-runs'] ?? 15);
const WARM_UP = 3;

interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/**
 * A lean but complete annotation: about 590 bytes as lowdb writes it (2-space indent), so 100k make
 * a ~59 MB single file; the schema's required fields (hash, dates, ids) leave little to trim.
 */
function benchAnnotation(sequence: number, documentId: string): Annotation {
  const start = (sequence * 37) % 40_000;
  return {
    ...sampleAnnotation(sequence, documentId),
    fragments: [{ start, end: start + 24, exact: `quoted words ${sequence}`, prefix: 'said ', suffix: ' today' }],
    attributes: {},
    note: '',
    author: 'ed',
  };
}

/** Adds one annotation to `db` (dropping its oldest, so sizes stay put) and times the save. */
let nextSequence = TOTAL_ANNOTATIONS + 1;
async function timeOneSave<T extends { annotations: Annotation[] }>(db: Low<T>, documentId: string): Promise<number> {
  db.data.annotations.push(benchAnnotation(nextSequence, documentId));
  db.data.annotations.shift();
  nextSequence += 1;
  const start = performance.now();
  await db.write();
  return performance.now() - start;
}

const root = await mkdtemp(join(values.dir ?? tmpdir(), 'corroborate-bench-'));
try {
  // The per-document store: 12,500 files of 8 annotations (set up quickly, without fsync).
  const workspace = join(root, 'per-document');
  await mkdir(join(workspace, 'annotations'), { recursive: true });
  const codec = new JsonFileCodec(annotationFileOptions);
  const pathOf = (doc: number): string => join(workspace, 'annotations', `doc-${doc}.json`);
  for (let doc = 0; doc < DOCUMENTS; doc += 1) {
    const data = {
      ...sampleAnnotationFile(0, 1, `doc-${doc}`),
      annotations: Array.from({ length: PER_DOCUMENT }, (_, i) => benchAnnotation(doc * PER_DOCUMENT + i + 1, `doc-${doc}`)),
    };
    await writeFile(pathOf(doc), codec.encode(data, pathOf(doc)));
  }
  const documentBytes = (await stat(pathOf(0))).size;

  const open = async (doc: number, options: DurableJsonFileOptions<AnnotationFile>): Promise<Low<AnnotationFile>> => {
    const db = new Low(new CoalescingWriter(new DurableJsonFile(pathOf(doc), options)), sampleAnnotationFile(0));
    await db.read();
    return db;
  };

  // 1. Each save goes to a different random document (opening it is not timed).
  const randomDocuments: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run += 1) {
    const doc = Math.floor(Math.random() * DOCUMENTS);
    const sample = await timeOneSave(await open(doc, annotationFileOptions), `doc-${doc}`);
    if (run >= WARM_UP) randomDocuments.push(sample);
  }

  // 2. Repeated saves of one document backing up every previous version (minIntervalMs 0); with
  //    the default interval (60 s) almost every save is like 1.
  const withBackups: number[] = [];
  const backedUp = await open(1, { ...annotationFileOptions, backups: { workspaceDir: workspace, minIntervalMs: 0 } });
  for (let run = 0; run < WARM_UP + RUNS; run += 1) {
    const sample = await timeOneSave(backedUp, 'doc-1');
    if (run >= WARM_UP) withBackups.push(sample);
  }

  // 3. The peer: lowdb's JSONFile holding all 100k annotations in one file, rewritten on each save.
  const singlePath = join(root, 'single', 'db.json');
  await mkdir(join(root, 'single'));
  const single = new Low(new JSONFile<{ annotations: Annotation[] }>(singlePath), { annotations: [] });
  for (let n = 1; n <= TOTAL_ANNOTATIONS; n += 1) {
    single.data.annotations.push(benchAnnotation(n, `doc-${Math.floor((n - 1) / PER_DOCUMENT)}`));
  }
  await single.write();
  const singleBytes = (await stat(singlePath)).size;
  const lowdbRewrites: number[] = [];
  for (let run = 0; run < WARM_UP + LOWDB_RUNS; run += 1) {
    const sample = await timeOneSave(single, 'doc-0');
    if (run >= WARM_UP) lowdbRewrites.push(sample);
  }

  const rows = [
    { workload: `durable save, one ${(documentBytes / 1024).toFixed(1)} KB document file (random of 12.5k), fsync`, ...summarise(randomDocuments) },
    { workload: 'same document saved repeatedly, backing up every previous version', ...summarise(withBackups) },
    { workload: `lowdb JSONFile rewrite, one ${(singleBytes / 1e6).toFixed(1)} MB file of 100k annotations, no fsync`, ...summarise(lowdbRewrites) },
  ];
  console.log(`Save one new annotation in a store of ${TOTAL_ANNOTATIONS.toLocaleString('en')} annotations, in ${root} (ms)`);
  console.table(
    rows.map(({ workload, n, p50, p95, min, max }) => ({
      workload,
      n,
      p50: p50.toFixed(2),
      p95: p95.toFixed(2),
      min: min.toFixed(2),
      max: max.toFixed(2),
    })),
  );
  const ratio = (summarise(lowdbRewrites).p50 / summarise(randomDocuments).p50).toFixed(0);
  console.log(`lowdb full rewrite p50 is ${ratio}x the durable per-document save p50`);
  console.log(JSON.stringify({ documentBytes, singleBytes, rows }));
} finally {
  await rm(root, { recursive: true, force: true });
}
