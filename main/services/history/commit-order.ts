import type { CommitFacts, RepositoryReading } from './repository-reading.js';

/** The commits of a history in the order it lists them, each with what it says. */
export interface CommitOrder {
  /** Newest first. */
  oids: string[];
  commits: ReadonlyMap<string, CommitFacts>;
}

/**
 * Every commit reachable from `head`, newest first by commit time as `git log` lists them (a parent
 * is queued once its child is taken, so a commit never comes before one made on top of it when the
 * clocks agree), each commit object read once. Only commit objects are read: a few hundred
 * kilobytes for a long history.
 */
export async function commitsNewestFirst(repo: RepositoryReading, head: string | null): Promise<CommitOrder> {
  const commits = new Map<string, CommitFacts>();
  const queue: string[] = [];
  const enqueue = async (oid: string) => {
    if (commits.has(oid)) return;
    const commit = await repo.commit(oid);
    commits.set(oid, commit);
    const at = queue.findIndex((queued) => commits.get(queued)!.committedAt < commit.committedAt);
    queue.splice(at < 0 ? queue.length : at, 0, oid);
  };
  if (head !== null) await enqueue(head);
  const oids: string[] = [];
  for (let oid = queue.shift(); oid !== undefined; oid = queue.shift()) {
    oids.push(oid);
    for (const parent of commits.get(oid)!.parents) await enqueue(parent);
  }
  return { oids, commits };
}
