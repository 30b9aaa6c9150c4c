/** Where the CLI writes and which environment it reads. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** One `corroborate` command: its name, its line in the help, and what it does. */
export interface CliCommand {
  name: string;
  /** The command's line in the help text: arguments, then what it does. */
  usage: string;
  /** Runs the command; resolves to the exit code. Throw UsageError for wrong arguments. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong arguments: the CLI prints the message and the help, and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The options naming who edits, for `parseArgs`: `--annotator NAME` and `--email ADDRESS`. */
export const ANNOTATOR_OPTIONS = { annotator: { type: 'string' }, email: { type: 'string' } } as const;

/** The help line of the annotator options. */
export const ANNOTATOR_USAGE =
  '      [--annotator NAME] [--email ADDRESS]  whose layer is written (else CORROBORATE_ANNOTATOR and\n' +
  '                                     CORROBORATE_ANNOTATOR_EMAIL, else your saved name, else the owner)';

/** The `--workspace` value, or a UsageError saying the command needs it. */
export function requireWorkspace(workspace: string | undefined, command: string): string {
  if (!workspace) throw new UsageError(`${command} needs --workspace DIR.`);
  return workspace;
}
