import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Annotation } from '../../../shared/model/annotation.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { openWorkbench } from '../../../main/services/open-workbench.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { seededRandom } from '../corpus-generator.js';
import { percentile, timeRepeatedly, type BenchMode, type Workload } from '../workload.js';

/** W4: one new annotation saved durably in a workspace of 1,000 documents / 100k annotations. */
export const durableSaveWorkload: Workload = {
  id: 'W4',
  title: 'save one new annotation durably, 100k in the store',
  target: 'p95 ≤ 10 ms; open ≤ 1 s',
  meetsTarget: (r) => percentile(r.series[0]!.samples, 95) <= 10 && percentile(r.series[1]!.samples, 50) <= 1000,
  async run(mode: BenchMode) {
    const documents = mode === 'full' ? 1000 : 100;
    const perDocument = 100;
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-w4-'));
    try {
      const written = await writeBenchWorkspace(
        join(dir, 'ws'),
        Array.from({ length: documents }, (_, d) => ({ title: `Article ${d}`, bytes: 5000, spans: perDocument, seed: d + 1 })),
      );
      const metas = written;
      const texts = written.map((a) => a.text);
      const annotations = written.map((a) => a.annotations);
      const peerFile = join(dir, 'plain-lowdb.json');
      const peer = new Low(new JSONFile<{ annotations: Annotation[] }>(peerFile), { annotations: [] });
      peer.data = { annotations: annotations.flat() };
      await peer.write();

      const openSamples = await timeRepeatedly(mode === 'full' ? 5 : 3, async () => {
        const opened = await openWorkbench({ workspaceDir: join(dir, 'ws'), holder: 'cli' });
        await opened.service.listDocuments();
        await opened.store.close();
      }, 1);

      const { service, store } = await openWorkbench({ workspaceDir: join(dir, 'ws'), holder: 'cli' });
      const random = seededRandom(4);
      const pick = (d: number) => {
        const start = Math.floor(random() * (texts[d]!.length - 50));
        return { start, end: start + 5 + Math.floor(random() * 40) };
      };
      // As in the app: an editor opens an article, then labels spans in it, one save each.
      const created: string[] = [];
      const ours: number[] = [];
      const articles = mode === 'full' ? 20 : 5;
      for (let n = 0; n < articles; n++) {
        const d = Math.floor(random() * documents);
        await service.openDocument({ documentId: metas[d]!.id });
        const samples = await timeRepeatedly(10, async () => {
          const annotation = await service.createAnnotation({ documentId: metas[d]!.id, labelId: 'fact', ranges: [pick(d)] });
          created.push(annotation.id);
        }, n === 0 ? 2 : 0);
        ours.push(...samples);
      }
      await store.close();

      const peerCreated: string[] = [];
      const plain = await timeRepeatedly(mode === 'full' ? 10 : 4, async () => {
        const d = Math.floor(random() * documents);
        const annotation = { ...annotations[d]![0]!, id: randomUUID(), fragments: [fragmentAt(texts[d]!, pick(d))] };
        peer.data.annotations.push(annotation);
        await peer.write();
        peerCreated.push(annotation.id);
      }, 1);

      const reopened = await openWorkbench({ workspaceDir: join(dir, 'ws'), holder: 'cli' });
      const stats = await reopened.service.getStats();
      await reopened.store.close();
      const check = new Low(new JSONFile<{ annotations: Annotation[] }>(peerFile), { annotations: [] });
      await check.read();
      const peerIds = new Set(check.data.annotations.map((a) => a.id));
      if (stats.annotations !== documents * perDocument + created.length) throw new Error('our store lost an annotation');
      if (!peerCreated.every((id) => peerIds.has(id))) throw new Error('plain lowdb lost an annotation');
      return {
        series: [
          { name: 'save one annotation (fsync)', unit: 'ms', samples: ours },
          { name: 'open workspace + list documents', unit: 'ms', samples: openSamples },
        ],
        peer: { name: 'lowdb JSONFile, whole store in one file (no fsync)', series: { name: 'save one annotation', unit: 'ms', samples: plain } },
        checks: [
          `after reopening, our store holds all ${stats.annotations} annotations, including every one saved`,
          `plain lowdb's file holds every annotation it saved (${peerCreated.length})`,
        ],
        sizes: { documents, annotations: documents * perDocument, bytesPerDocument: texts[0]!.length },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
