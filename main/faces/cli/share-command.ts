import { parseArgs } from 'node:util';
import { shareWorkspace } from '../../services/sync/share-workspace.js';
import { takeOverForSharing } from '../../services/team/take-over-for-sharing.js';
import { requireWorkspace, type CliCommand, type CliIo } from './cli-command-spec.js';
import { ANNOTATOR_VARIABLE, authorFrom, cancellableByInterrupt, requireRemote, TEAM_OPTIONS, TOKEN_VARIABLE, tokenFrom } from './team-sync-options.js';

/** `share --workspace DIR --remote URL`: makes a workspace a team workspace and pushes it. */
export const shareCommand: CliCommand = {
  name: 'share',
  usage:
    'share --workspace DIR --remote URL [--annotator NAME] [--email EMAIL]\n' +
    '                                   make the workspace a team workspace (a git repository) and push it to the empty\n' +
    `                                   repository URL (token: ${TOKEN_VARIABLE}; committer: --annotator or ${ANNOTATOR_VARIABLE})`,
  run: runShare,
};

async function runShare(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TEAM_OPTIONS });
  const dir = requireWorkspace(values.workspace, 'share');
  const remoteUrl = requireRemote(values.remote, 'share');
  const author = authorFrom(values, io, 'share');
  await takeOverForSharing(dir, author);
  const outcome = await cancellableByInterrupt((signal) => shareWorkspace({ dir, remoteUrl, author, token: tokenFrom(io), tokenName: TOKEN_VARIABLE, signal }));
  io.stdout(`Shared ${dir} with ${remoteUrl} (commit ${outcome.head.slice(0, 7)}): the team joins it with \`corroborate join --remote ${remoteUrl} --workspace DIR\`.\n`);
  return 0;
}
