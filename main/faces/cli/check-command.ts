import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkWorkspace, describeRecoveryFile, findRecoveryFiles, recoveryDirOf } from '../../services/workspace/workspace-upkeep.js';
import { requireWorkspace, type CliCommand, type CliIo } from './cli-command-spec.js';

/** `check --workspace DIR`: reads every file of a workspace and reports what is broken. */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check --workspace DIR            read every file of a workspace and report what is broken (exit 1 if any), and unsaved edits kept for it',
  run: runCheck,
};

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'check');
  const findings = await checkWorkspace(workspaceDir);
  for (const recovered of await findRecoveryFiles(recoveryDirOf(io.env ?? process.env), resolve(workspaceDir))) {
    io.stdout(`${describeRecoveryFile(recovered)} Open the workspace in Corroborate to restore or discard them.\n`);
  }
  if (findings.length === 0) {
    io.stdout(`${workspaceDir}: every file reads and validates.\n`);
    return 0;
  }
  for (const finding of findings) io.stderr(`${join(workspaceDir, finding.file)}: ${finding.message}\n`);
  io.stderr(`${findings.length} ${findings.length === 1 ? 'problem' : 'problems'} found; no file was changed.\n`);
  return 1;
}
