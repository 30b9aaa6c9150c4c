import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocumentHistory } from '../../../main/services/history/document-history.js';
import { LARGE_HISTORY, unpackObjects, writeLargeHistory } from '../../../main/services/history/large-history.test-support.js';
import { debianGitUnavailableReason } from '../../git-server/debian-git.js';
import { median, timeRepeatedly, type BenchMode, type Workload } from '../workload.js';

/**
 * W8B: one article's history (who changed what, when) in a team workspace that has worked for a
 * while: 1,000 articles and 300 commits, read as the objects lie after a clone or `git gc` (packed,
 * trees as deltas of others) and after local commits (loose).
 */
export const articleHistoryWorkload: Workload = {
  id: 'W8B',
  title: 'one article’s history in a team workspace of 1,000 articles and 300 commits',
  target: 'none set (the issue asks that it stay quick)',
  notLandedReason: () => {
    const unavailable = debianGitUnavailableReason();
    return unavailable ? `Debian's git, which writes the history, is missing: ${unavailable}` : null;
  },
  async run(mode: BenchMode) {
    const size = mode === 'full' ? LARGE_HISTORY : { ...LARGE_HISTORY, articles: 100, commits: 60 };
    const root = await mkdtemp(join(tmpdir(), 'corroborate-bench-w8b-'));
    try {
      const made = await writeLargeHistory(root, size);
      let entries = 0;
      const read = async () => {
        const history = await readDocumentHistory({ dir: root, documentId: made.followed, limit: 500 });
        entries = history.entries.length;
      };
      const count = mode === 'full' ? 10 : 3;
      const packed = await timeRepeatedly(count, read, 1);
      const packedEntries = entries;
      await unpackObjects(root);
      const loose = await timeRepeatedly(count, read, 1);
      if (packedEntries !== made.followedChanges || entries !== made.followedChanges) {
        throw new Error(`the history lists ${packedEntries} (packed) and ${entries} (loose) changes of the article, not ${made.followedChanges}`);
      }
      return {
        series: [
          { name: 'history of one article, objects packed', unit: 'ms', samples: packed },
          { name: 'history of one article, objects loose', unit: 'ms', samples: loose },
        ],
        checks: [`both read the ${made.followedChanges} commits that changed the article, newest first`],
        sizes: { articles: size.articles, commits: size.commits, changesOfTheArticle: made.followedChanges },
        notes: [`median packed ${median(packed).toFixed(0)} ms, loose ${median(loose).toFixed(0)} ms`],
      };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
