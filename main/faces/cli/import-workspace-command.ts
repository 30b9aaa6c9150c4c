import { parseArgs } from 'node:util';
import { importNativeWorkspace } from '../../services/exports/import-native-workspace.js';
import { ANNOTATOR_OPTIONS, ANNOTATOR_USAGE, requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';
import { resolveIdentity } from '../../services/open-workbench.js';

/** `import-workspace --workspace NEW_DIR FILE`: recreates a native export as a new workspace. */
export const importWorkspaceCommand: CliCommand = {
  name: 'import-workspace',
  usage:
    'import-workspace --workspace NEW_DIR FILE\n' +
    '                                   recreate a native export (corroborate-workspace.json) exactly, in a new or empty folder, as your layer\n' +
    ANNOTATOR_USAGE,
  run: runImportWorkspace,
};

async function runImportWorkspace(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string' }, ...ANNOTATOR_OPTIONS }, allowPositionals: true });
  const workspaceDir = requireWorkspace(values.workspace, 'import-workspace');
  if (positionals.length !== 1) throw new UsageError('import-workspace needs one FILE (a corroborate-workspace.json from a native export).');
  const { identity } = await resolveIdentity({ annotator: values.annotator, email: values.email, env: io.env });
  const result = await importNativeWorkspace(positionals[0]!, workspaceDir, identity);
  io.stdout(
    `Recreated ${result.documents} documents, ${result.annotations} annotations and ${result.links} links in ${result.workspaceDir}.\n`,
  );
  return 0;
}
