import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../../../main/services/open-workbench.js';
import { joinWorkspace } from '../../../main/services/sync/join-workspace.js';
import { shareWorkspace } from '../../../main/services/sync/share-workspace.js';
import { syncWorkspace } from '../../../main/services/sync/sync-workspace.js';
import { checkWorkspace } from '../../../main/workspace/check-workspace.js';
import { gitServerUnavailableReason, startGitServer } from '../../git-server/git-server-process.js';
import { writeBenchWorkspace } from '../browser/bench-workspace.js';
import { median, timeRepeatedly, type BenchMode, type Workload } from '../workload.js';

const TOKEN = 'bench-token';

/**
 * W8: team sync through a real git server (Debian's git http-backend behind the test server, on the
 * loopback interface). Ann's workspace of 1,000 articles / 100k annotations (the W4 corpus: 5 KB
 * articles, 100 spans each) is shared; Bob joins it (the first clone, timed from the call to a
 * folder that opens as a workspace); then, again and again, Ann annotates one article and syncs
 * (timed apart: "send"), and Bob's sync brings it in (the headline: fetch, merge, update the files).
 */
export const teamSyncWorkload: Workload = {
  id: 'W8',
  title: 'team sync: first clone of 1,000 articles / 100k annotations; incremental sync after one article changed',
  target: 'first clone ≤ 30 s; incremental ≤ 1 s',
  meetsTarget: (r) => median(r.series[0]!.samples) <= 1000 && median(r.series[1]!.samples) <= 30_000,
  notLandedReason: () => {
    const unavailable = gitServerUnavailableReason();
    return unavailable ? `the test git server cannot run here: ${unavailable}` : null;
  },
  async run(mode: BenchMode) {
    const documents = mode === 'full' ? 1000 : 50;
    const perDocument = mode === 'full' ? 100 : 10;
    const root = await mkdtemp(join(tmpdir(), 'corroborate-bench-w8-'));
    const server = await startGitServer({ root: join(root, 'server'), token: TOKEN });
    try {
      await server.createBareRepo('team.git');
      const remoteUrl = server.url('team.git');
      const ann = join(root, 'ann');
      await writeBenchWorkspace(
        ann,
        Array.from({ length: documents }, (_, d) => ({ title: `Article ${d}`, bytes: 5000, spans: perDocument, seed: d + 1 })),
      );
      const shareStarted = performance.now();
      await shareWorkspace({ dir: ann, remoteUrl, token: TOKEN, author: { name: 'Ann' } });
      const shareMs = performance.now() - shareStarted;

      let clones = 0;
      const cloneSamples = await timeRepeatedly(mode === 'full' ? 3 : 1, async () => {
        await joinWorkspace({ remoteUrl, dir: join(root, `bob-${clones++}`), token: TOKEN });
      }, 0);
      const bob = join(root, 'bob-0');
      const findings = await checkWorkspace(bob);
      if (findings.length > 0) throw new Error(`the joined workspace has problems: ${findings[0]!.file}: ${findings[0]!.message}`);
      for (let extra = 1; extra < clones; extra++) await rm(join(root, `bob-${extra}`), { recursive: true, force: true });

      const sendSamples: number[] = [];
      const receiveSamples: number[] = [];
      const warmUps = 2;
      const rounds = warmUps + (mode === 'full' ? 10 : 2);
      for (let round = 0; round < rounds; round++) {
        await annotateOneArticle(ann, round % documents, round);
        const sendStarted = performance.now();
        await syncWorkspace({ dir: ann, token: TOKEN, author: { name: 'Ann' } });
        const sendMs = performance.now() - sendStarted;
        const receiveStarted = performance.now();
        const outcome = await syncWorkspace({ dir: bob, token: TOKEN, author: { name: 'Bob' } });
        const receiveMs = performance.now() - receiveStarted;
        // One article's annotation file of Ann's layer (with her link file the first time she edits, which names her).
        const changed = outcome.status === 'synced' ? outcome.received : [];
        const annotationFiles = changed.filter((file) => file.startsWith('annotations/'));
        const others = changed.filter((file) => !file.startsWith('annotations/') && !(round === 0 && file.startsWith('links/')));
        if (annotationFiles.length !== 1 || others.length > 0) throw new Error(`Bob's sync did not bring in exactly one article's file: ${JSON.stringify(outcome)}`);
        if (round < warmUps) continue;
        sendSamples.push(sendMs);
        receiveSamples.push(receiveMs);
      }
      return {
        series: [
          { name: 'incremental sync bringing in one changed article (fetch, merge, files)', unit: 'ms' as const, samples: receiveSamples },
          { name: 'first clone (join) until it opens as a workspace', unit: 'ms' as const, samples: cloneSamples },
          { name: 'incremental sync sending one changed article (commit, fetch, push)', unit: 'ms' as const, samples: sendSamples },
          { name: 'share (first commit and push of the whole workspace)', unit: 'ms' as const, samples: [shareMs] },
        ],
        checks: [`the joined workspace checks sound (${documents} articles)`, `each of ${rounds} incremental syncs brought in exactly the one changed annotation file`],
        sizes: { documents, annotations: documents * perDocument },
      };
    } finally {
      await server.kill();
      await rm(root, { recursive: true, force: true });
    }
  },
};

/** Ann adds one annotation to one article through the services (setup, not timed). */
async function annotateOneArticle(dir: string, index: number, round: number): Promise<void> {
  const workbench = await openWorkbench({ workspaceDir: dir, create: false, holder: 'cli' });
  try {
    const documents = await workbench.service.listDocuments();
    const start = 100 + round * 7;
    await workbench.service.createAnnotation({ documentId: documents[index]!.id, labelId: 'fact', ranges: [{ start, end: start + 20 }] });
  } finally {
    await workbench.close();
  }
}
