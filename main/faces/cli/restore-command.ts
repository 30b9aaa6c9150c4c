import { parseArgs } from 'node:util';
import { openWorkbench } from '../../services/open-workbench.js';
import { ANNOTATOR_OPTIONS, ANNOTATOR_USAGE, requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';

/** `restore --workspace DIR FILE`: replaces a damaged workspace file with its newest valid backup. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore --workspace DIR FILE     replace a damaged workspace file (shared, or of your layer) with its newest valid backup\n' + ANNOTATOR_USAGE,
  run: runRestore,
};

async function runRestore(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string' }, ...ANNOTATOR_OPTIONS }, allowPositionals: true });
  const workspaceDir = requireWorkspace(values.workspace, 'restore');
  if (positionals.length !== 1) throw new UsageError('restore needs one FILE (relative to the workspace, e.g. workspace.json).');
  const { store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli', create: false, annotator: values.annotator, email: values.email });
  try {
    const backup = await store.restoreLastGoodBackup(positionals[0]!);
    io.stdout(`Restored ${positionals[0]} from the backup ${backup.name} (${backup.time.toISOString()}); the damaged bytes were kept as a copy.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
