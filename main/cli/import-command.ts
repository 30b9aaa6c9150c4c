import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importPlainText } from '../../shared/import/plain-text.js';
import { openWorkbench } from '../workspace/open-workbench.js';
import { requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';

/** Largest article file imported, in bytes (checked before reading). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** `import --workspace DIR FILE...`: adds article files to a workspace, all or nothing. */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import --workspace DIR FILE...   add article files (.txt) to a workspace (created if missing)',
  run: runImport,
};

async function runImport(args: string[], io: CliIo): Promise<number> {
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
