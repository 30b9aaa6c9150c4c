import type { DocumentHistory, HistoryEntry } from '../../../shared/api/contract/history.js';
import { readAnnotatorIdentities } from '../../workspace/layer-reading.js';
import { isRepository } from '../sync/team-repository.js';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { WORKSPACE_LAYOUT } from '../../workspace/workspace-layout.js';
import { ChangeDescriber, type ArticleVersionChange, type CurrentNames } from './change-description.js';
import { DocumentFiles, NO_FILES, type WorkingTreeState } from './document-files.js';
import { commitsNewestFirst } from './commit-order.js';
import { RepositoryReading } from './repository-reading.js';

/** What an article's history says in a workspace that is not a team workspace. */
export const NOT_SHARED_REASON = 'Not a team workspace: history starts when it is shared.';
/** What it says when nothing in the history touched the article. */
export const NO_CHANGES_REASON = 'No changes to this article yet.';
/** How many entries a history lists unless asked for another number. */
export const DEFAULT_HISTORY_LIMIT = 50;
/** How many hex digits of a commit's id an entry shows (as `git log --oneline` does). */
const SHORT_ID_LENGTH = 7;

/** Which article's history to read, from which workspace. */
export interface DocumentHistoryRequest {
  /** The team workspace's folder. */
  dir: string;
  documentId: string;
  /** The most entries to list (the changes not yet synced count as one); `DEFAULT_HISTORY_LIMIT` when absent. */
  limit?: number | undefined;
}

/**
 * Who changed what in one article, and when, from the git history of a team workspace, newest first:
 * first what the working tree holds that the last commit does not (saved here, not yet synced), then
 * every commit that changed the article's annotations (in any layer), its text or its entry in
 * `workspace.json`, walked from HEAD by commit time. Only the article's own files are compared, each
 * version of a file is read once, and the large folders are never listed, so the cost follows the
 * number of commits and of the article's versions rather than the size of the workspace. A folder
 * that is not a git repository answers with no entries and `NOT_SHARED_REASON`; it only reads, so it
 * runs while the app has the workspace open.
 */
export async function readDocumentHistory(request: DocumentHistoryRequest): Promise<DocumentHistory> {
  const { dir, documentId } = request;
  const limit = request.limit ?? DEFAULT_HISTORY_LIMIT;
  if (!(await isRepository(dir))) return { team: false, emptyReason: NOT_SHARED_REASON, entries: [], more: false, problems: [] };
  const repo = await RepositoryReading.open(dir);
  try {
    return await readHistory(repo, documentId, limit);
  } finally {
    await repo.close();
  }
}

/** How many commits ahead of the one being compared have their version of the article read meanwhile. */
const READ_AHEAD = 8;

async function readHistory(repo: RepositoryReading, documentId: string, limit: number): Promise<DocumentHistory> {
  const files = new DocumentFiles(repo, documentId);
  const working = await files.inWorkingTree();
  const describer = new ChangeDescriber(files, await currentNames(repo.dir, files, working));
  const { oids, commits } = await commitsNewestFirst(repo, await repo.head());
  const stateOf = (oid: string) => files.inTree(commits.get(oid)!.tree);

  const entries: HistoryEntry[] = [];
  const local = await describer.describe(working, [oids[0] ? await stateOf(oids[0]) : NO_FILES], 'the changes not yet synced');
  if (local) entries.push({ commit: null, author: null, at: newestWrite(working, documentId, local), message: '', merge: false, ...local });

  let more = false;
  for (const [position, oid] of oids.entries()) {
    // Reading is mostly waiting for the disk: the next commits' files are read while this one is compared.
    const ahead = oids[position + READ_AHEAD];
    if (ahead) void stateOf(ahead).catch(() => undefined);
    const commit = commits.get(oid)!;
    const parents = await Promise.all(commit.parents.map((parent) => (commits.has(parent) ? stateOf(parent) : NO_FILES)));
    const changes = await describer.describe(await stateOf(oid), parents, `commit ${oid.slice(0, SHORT_ID_LENGTH)}`);
    if (!changes) continue;
    if (entries.length >= limit) {
      more = true;
      break;
    }
    entries.push({
      commit: oid.slice(0, SHORT_ID_LENGTH),
      author: { name: commit.author.name, email: commit.author.email },
      at: new Date(commit.author.timestamp * 1000).toISOString(),
      message: commit.message.split('\n')[0]!.trim(),
      merge: commit.parents.length > 1,
      ...changes,
    });
  }
  return { team: true, emptyReason: entries.length === 0 ? NO_CHANGES_REASON : null, entries, more, problems: [...describer.problems] };
}

/** The workspace's label and annotator names now, and which annotations of the article each layer holds now. */
async function currentNames(dir: string, files: DocumentFiles, working: WorkingTreeState): Promise<CurrentNames> {
  const present = new Map<string, ReadonlySet<string>>();
  for (const [annotator, blob] of working.layers) present.set(annotator, new Set((await files.layer(blob))?.keys() ?? []));
  const identities = await readAnnotatorIdentities(dir).catch(() => []);
  return {
    labels: await files.labelNames(working.index),
    annotators: new Map(identities.filter((a) => a.name !== a.id).map((a) => [a.id, a.name])),
    present,
  };
}

/** When the newest of the working tree's files holding what `change` lists was written. */
function newestWrite(working: WorkingTreeState, documentId: string, change: ArticleVersionChange): string | null {
  const paths = change.layers.map((l) => WORKSPACE_LAYOUT.annotations(documentId, l.annotator.id));
  if (change.article.length > 0) paths.push(WORKSPACE_FILE, WORKSPACE_LAYOUT.text(documentId));
  const times = paths.flatMap((path) => working.writtenAt.get(path)?.getTime() ?? []);
  return times.length === 0 ? null : new Date(Math.max(...times)).toISOString();
}
