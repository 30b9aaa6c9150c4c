import { parseArgs } from 'node:util';
import type { SyncConflict } from '../../../shared/sync/merge-file.js';
import { pendingConflicts, resolveConflicts, syncWorkspace, type SyncOutcome } from '../../services/sync/sync-workspace.js';
import { requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';
import { authorFrom, cancellableByInterrupt, TEAM_OPTIONS, TOKEN_VARIABLE, tokenFrom } from './team-sync-options.js';

/** `sync --workspace DIR`: commits, fetches, merges and pushes a team workspace. */
export const syncCommand: CliCommand = {
  name: 'sync',
  usage:
    'sync --workspace DIR [--annotator NAME] [--email EMAIL] [--keep mine|theirs]\n' +
    '                                   send your changes to the team and receive theirs (commit, fetch, merge, push); where\n' +
    '                                   both changed the same thing it stops, lists the conflicts and changes nothing: run it\n' +
    `                                   again with --keep mine or --keep theirs to settle them (token: ${TOKEN_VARIABLE})`,
  run: runSync,
};

async function runSync(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...TEAM_OPTIONS, keep: { type: 'string' } } });
  const dir = requireWorkspace(values.workspace, 'sync');
  if (values.remote !== undefined) throw new UsageError('sync takes no --remote: a team workspace syncs with the repository it was shared to or joined from.');
  if (values.keep !== undefined && values.keep !== 'mine' && values.keep !== 'theirs') throw new UsageError('--keep takes mine or theirs.');
  const author = authorFrom(values, io, 'sync');
  const common = { dir, author, token: tokenFrom(io), tokenName: TOKEN_VARIABLE };
  const outcome = await cancellableByInterrupt(async (signal) => {
    if (values.keep === undefined) return syncWorkspace({ ...common, signal });
    const side = values.keep === 'mine' ? 'ours' : 'theirs';
    const choices = Object.fromEntries((await pendingConflicts(dir)).map((conflict) => [conflict.id, side] as const));
    return resolveConflicts({ ...common, choices, signal });
  });
  return report(outcome, dir, io);
}

function report(outcome: SyncOutcome, dir: string, io: CliIo): number {
  if (outcome.status === 'synced') {
    const received = outcome.received.length;
    const what = [
      outcome.pushed ? 'your changes are on the server' : 'you had nothing new to send',
      received === 0 ? 'nothing new came in' : `${received} ${received === 1 ? 'file' : 'files'} came in from the team`,
    ];
    io.stdout(`Synced ${dir}: ${what.join('; ')} (commit ${outcome.head.slice(0, 7)}).\n`);
    return 0;
  }
  for (const conflict of outcome.conflicts) io.stderr(`  ${describeConflict(conflict)}\n`);
  const count = outcome.conflicts.length;
  io.stderr(
    `The sync stopped at ${count} ${count === 1 ? 'conflict' : 'conflicts'} (listed above), before merging or sending anything: ` +
      `run \`corroborate sync --workspace ${dir} --keep mine\` or \`--keep theirs\` to settle ${count === 1 ? 'it' : 'them'}.\n`,
  );
  return 1;
}

/** One conflict on one line: where, then the base, mine and theirs. */
function describeConflict(conflict: SyncConflict): string {
  if (conflict.kind === 'file') {
    return `${conflict.file}: ${conflict.reason} (base ${textValue(conflict.base)}, mine ${textValue(conflict.ours)}, theirs ${textValue(conflict.theirs)})`;
  }
  const value = (side: 'base' | 'ours' | 'theirs') => (conflict.absent.includes(side) ? '(absent)' : shorten(JSON.stringify(conflict[side])));
  return `${conflict.file} ${conflict.where}: base ${value('base')}, mine ${value('ours')}, theirs ${value('theirs')}`;
}

function textValue(text: string | null): string {
  return text === null ? '(absent)' : `${text.length} characters`;
}

function shorten(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}
