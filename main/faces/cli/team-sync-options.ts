import type { CommitAuthor } from '../../services/sync/team-repository.js';
import { TOKEN_VARIABLE } from '../../services/sync/git-credentials.js';
import { UsageError, type CliIo } from './cli-command-spec.js';

export { TOKEN_VARIABLE };
/** The environment variable naming the annotator when `--annotator` is not given. */
export const ANNOTATOR_VARIABLE = 'CORROBORATE_ANNOTATOR';

/** The options every team command shares, as `parseArgs` takes them. */
export const TEAM_OPTIONS = {
  workspace: { type: 'string' },
  remote: { type: 'string' },
  annotator: { type: 'string' },
  email: { type: 'string' },
} as const;

/** The token from the environment (undefined when unset or empty). */
export function tokenFrom(io: CliIo): string | undefined {
  const token = (io.env ?? process.env)[TOKEN_VARIABLE];
  return token === undefined || token === '' ? undefined : token;
}

/** Who commits: `--annotator` (or `CORROBORATE_ANNOTATOR`) and `--email`; a UsageError when there is no name. */
export function authorFrom(values: { annotator?: string | undefined; email?: string | undefined }, io: CliIo, command: string): CommitAuthor {
  const name = (values.annotator ?? (io.env ?? process.env)[ANNOTATOR_VARIABLE] ?? '').trim();
  if (name === '') throw new UsageError(`${command} needs --annotator NAME or ${ANNOTATOR_VARIABLE}: the name your changes are committed under.`);
  return { name, email: values.email };
}

/** `--remote`, or a UsageError saying the command needs it. */
export function requireRemote(remote: string | undefined, command: string): string {
  if (!remote) throw new UsageError(`${command} needs --remote URL (the team's git repository, http:// or https://).`);
  return remote;
}

/**
 * Runs `work` with a signal that Ctrl+C (SIGINT) aborts, so an interrupted share, join or sync ends
 * as a cancellation that leaves the workspace as it was, instead of killing the process mid-write.
 */
export async function cancellableByInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', interrupt);
  }
}
