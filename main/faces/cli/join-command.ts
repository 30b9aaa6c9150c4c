import { parseArgs } from 'node:util';
import { joinWorkspace } from '../../services/sync/join-workspace.js';
import { requireWorkspace, type CliCommand, type CliIo } from './cli-command-spec.js';
import { cancellableByInterrupt, requireRemote, TEAM_OPTIONS, TOKEN_VARIABLE, tokenFrom } from './team-sync-options.js';

/** `join --remote URL --workspace DIR`: clones a team workspace into a new or empty folder. */
export const joinCommand: CliCommand = {
  name: 'join',
  usage:
    'join --remote URL --workspace DIR\n' +
    `                                   clone the team workspace at URL into a new or empty folder (token: ${TOKEN_VARIABLE})`,
  run: runJoin,
};

async function runJoin(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TEAM_OPTIONS });
  const dir = requireWorkspace(values.workspace, 'join');
  const remoteUrl = requireRemote(values.remote, 'join');
  const outcome = await cancellableByInterrupt((signal) => joinWorkspace({ dir, remoteUrl, token: tokenFrom(io), tokenName: TOKEN_VARIABLE, signal }));
  io.stdout(`Joined ${remoteUrl} into ${dir} (commit ${outcome.head.slice(0, 7)}); sync it with \`corroborate sync --workspace ${dir}\`.\n`);
  return 0;
}
