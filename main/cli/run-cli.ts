import { open, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPlainText } from '../../shared/import/plain-text.js';
import { checkWorkspace } from '../workspace/check-workspace.js';
import { openWorkbench } from '../workspace/open-workbench.js';

/** Where the CLI writes and which environment it reads. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** Largest article file imported, in bytes (checked before reading). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The CLI's help text. */
export const CLI_USAGE = `Usage: corroborate <command> [options]
       npm run corroborate -- <command> [options]

Commands:
  import --workspace DIR FILE...   add article files (.txt) to a workspace (created if missing)
  stats --workspace DIR [--json]   count documents, annotations by label, and links
  check --workspace DIR            read every file of a workspace and report what is broken (exit 1 if any)
  restore --workspace DIR FILE     replace a damaged workspace file with its newest valid backup
  --help                           show this help

Exit codes: 0 done, 1 failed (the message says which file and why), 2 wrong usage.`;

class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${CLI_USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'import') return await importCommand(rest, io);
    if (command === 'stats') return await statsCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    if (command === 'restore') return await restoreCommand(rest, io);
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\n\n${CLI_USAGE}\n`);
      return 2;
    }
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
}

function requireWorkspace(workspace: string | undefined, command: string): string {
  if (!workspace) throw new UsageError(`${command} needs --workspace DIR.`);
  return workspace;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string' } }, allowPositionals: true });
  const workspaceDir = requireWorkspace(values.workspace, 'import');
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE.');
  // Read and check every file first, so a bad file imports nothing.
  const articles = [];
  for (const file of positionals) articles.push(importPlainText(basename(file), await readArticleFile(file)));
  const { service, store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli' });
  let added = 0;
  for (const [i, article] of articles.entries()) {
    const result = await service.addArticle(article);
    if ('added' in result) added++;
    else io.stdout(`${positionals[i]}: already in the workspace (same text as "${result.alreadyPresent.title}"), not added again.\n`);
  }
  await store.close();
  io.stdout(`Imported ${added} of ${articles.length} ${articles.length === 1 ? 'file' : 'files'} into ${workspaceDir}.\n`);
  return 0;
}

/** Reads one article file, refusing what is not a UTF-8 text file with a message naming it. */
async function readArticleFile(file: string): Promise<string> {
  if (!/\.txt$/i.test(file)) throw new Error(`${file}: only .txt article files can be imported so far.`);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_BYTES) throw new Error(`${file}: the file is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte limit.`);
    const bytes = await readFile(handle);
    if (bytes.subarray(0, 8192).includes(0)) throw new Error(`${file}: this is a binary file, not text.`);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    if (text.trim() === '') throw new Error(`${file}: the file is empty.`);
    return text;
  } catch (error) {
    if (error instanceof TypeError) throw new Error(`${file}: the file is not valid UTF-8 text.`);
    throw error;
  } finally {
    await handle.close();
  }
}

async function statsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' }, json: { type: 'boolean' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'stats');
  const { service, store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli' });
  const stats = await service.getStats();
  await store.close();
  if (values.json) {
    io.stdout(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  }
  io.stdout(`Documents:   ${stats.documents}\nAnnotations: ${stats.annotations}\n`);
  for (const [label, count] of Object.entries(stats.annotationsByLabel)) io.stdout(`  ${label}: ${count}\n`);
  io.stdout(`Links:       ${stats.links}\n`);
  for (const [type, count] of Object.entries(stats.linksByType)) io.stdout(`  ${type}: ${count}\n`);
  return 0;
}

async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'check');
  const findings = await checkWorkspace(workspaceDir);
  if (findings.length === 0) {
    io.stdout(`${workspaceDir}: every file reads and validates.\n`);
    return 0;
  }
  for (const finding of findings) io.stderr(`${join(workspaceDir, finding.file)}: ${finding.message}\n`);
  io.stderr(`${findings.length} ${findings.length === 1 ? 'problem' : 'problems'} found; no file was changed.\n`);
  return 1;
}

async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string' } }, allowPositionals: true });
  const workspaceDir = requireWorkspace(values.workspace, 'restore');
  if (positionals.length !== 1) throw new UsageError('restore needs one FILE (relative to the workspace, e.g. workspace.json).');
  const { store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli' });
  try {
    const backup = await store.restoreLastGoodBackup(positionals[0]!);
    io.stdout(`Restored ${positionals[0]} from the backup ${backup.name} (${backup.time.toISOString()}); the damaged bytes were kept as a copy.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
