import { agreementCommand } from './agreement-command.js';
import { checkCommand } from './check-command.js';
import { UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';
import { importCommand } from './import-command.js';
import { joinCommand } from './join-command.js';
import { exportCommand } from './export-command.js';
import { historyCommand } from './history-command.js';
import { importAnnotationsCommand } from './import-annotations-command.js';
import { importWorkspaceCommand } from './import-workspace-command.js';
import { restoreCommand } from './restore-command.js';
import { shareCommand } from './share-command.js';
import { statsCommand } from './stats-command.js';
import { syncCommand } from './sync-command.js';

export type { CliIo } from './cli-command-spec.js';

/** Every command, in the order the help lists them. Adding a command is one module and one line here. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  importCommand,
  statsCommand,
  checkCommand,
  restoreCommand,
  exportCommand,
  importAnnotationsCommand,
  importWorkspaceCommand,
  shareCommand,
  joinCommand,
  syncCommand,
  historyCommand,
  agreementCommand,
];

/** The CLI's help text. */
export const CLI_USAGE = `Usage: corroborate <command> [options]
       npm run corroborate -- <command> [options]

Commands:
${CLI_COMMANDS.map((c) => `  ${c.usage}`).join('\n')}
  --help                           show this help

Exit codes: 0 done, 1 failed (the message says which file and why), 2 wrong usage.`;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(`${CLI_USAGE}\n`);
      return name === undefined ? 2 : 0;
    }
    const command = CLI_COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\n\n${CLI_USAGE}\n`);
      return 2;
    }
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
}
