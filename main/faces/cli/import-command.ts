import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ImportResult, StagedFile } from '../../../shared/api/import-schemas.js';
import { ArticleImportService } from '../../services/imports/article-import-service.js';
import { maxImportBytesFrom, MAX_IMPORT_BYTES_ENV, parseByteLimit } from '../../services/imports/import-size-limit.js';
import { collectImportFiles, readLocalFile } from '../../services/imports/local-import-files.js';
import { StagedImport } from '../../services/imports/staged-import.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { plural } from '../../../shared/text/plural.js';
import { ANNOTATOR_OPTIONS, ANNOTATOR_USAGE, requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';

/**
 * `import --workspace DIR [--replace] [--skip-errors] [--max-bytes N] PATH...`: imports article
 * files (.txt, .md, .html, .json, .jsonl), and every article file in a folder, recursively. Every
 * file is read and checked before the workspace is opened; by default one bad file imports nothing.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'import --workspace DIR PATH...  import article files or folders (.txt .md .html .json .jsonl) into a workspace (created if missing)\n' +
    '      [--replace]                    replace documents with the new versions found (annotations re-anchored, unplaceable ones orphaned)\n' +
    '      [--skip-errors]                import the good files even when some cannot be imported\n' +
    `      [--max-bytes N]                size limit of one file (e.g. 20MB; default ${MAX_IMPORT_BYTES_ENV} or 50MB)\n` +
    ANNOTATOR_USAGE,
  run: runImport,
};

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      replace: { type: 'boolean' },
      'skip-errors': { type: 'boolean' },
      'max-bytes': { type: 'string' },
      ...ANNOTATOR_OPTIONS,
    },
    allowPositionals: true,
  });
  const workspaceDir = requireWorkspace(values.workspace, 'import');
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE or folder.');
  let maxBytes: number;
  try {
    maxBytes = values['max-bytes'] === undefined ? maxImportBytesFrom(io.env ?? process.env) : parseByteLimit(values['max-bytes'], '--max-bytes');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  // Read and check every file before the workspace is opened (or created).
  const { files, problems } = await collectImportFiles(positionals);
  const staged = new StagedImport(randomUUID(), maxBytes);
  for (const [i, file] of files.entries()) {
    await staged.addWholeFile({ fileKey: String(i), path: file.path, fromFolder: file.fromFolder, size: file.size }, () => readLocalFile(file));
  }
  const errors = [...problems.map((p) => p.message), ...staged.files.flatMap((f) => (f.status === 'error' ? [f.message] : []))];
  for (const message of errors) io.stderr(`${message}\n`);
  if (errors.length > 0 && !values['skip-errors']) {
    io.stderr(`Nothing was imported: ${errors.length} ${errors.length === 1 ? 'file cannot' : 'files cannot'} be imported (use --skip-errors to import the others).\n`);
    return 1;
  }
  if (!staged.files.some((f) => f.status === 'ready')) {
    io.stderr('Nothing was imported: no article files were found.\n');
    for (const file of staged.files) if (file.status === 'skipped') io.stderr(`  skipped ${file.message}\n`);
    return 1;
  }

  const { store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli', maxImportBytes: maxBytes, annotator: values.annotator, email: values.email });
  try {
    const importer = new ArticleImportService(store, { maxFileBytes: maxBytes, now: () => new Date() });
    const described = await importer.adopt(staged);
    const replace = values.replace ? newVersionIds(described) : [];
    const result = await importer.commit(staged.id, replace);
    report(result, workspaceDir, Boolean(values.replace), io);
  } finally {
    await store.close();
  }
  return 0;
}

function newVersionIds(files: readonly StagedFile[]): string[] {
  return files.flatMap((f) => f.articles.filter((a) => a.status === 'new-version').map((a) => a.stagedId));
}

function report(result: ImportResult, workspaceDir: string, replacing: boolean, io: CliIo): void {
  for (const d of result.duplicates) {
    io.stdout(`${d.path}: already in the workspace (same text as "${d.existingTitle}"), not added again.\n`);
  }
  for (const r of result.replaced) {
    io.stdout(`Replaced "${r.title}" with its new version: ${r.placed} ${plural(r.placed, 'annotation')} placed, ${r.orphaned} orphaned.\n`);
  }
  for (const n of result.notReplaced) {
    io.stdout(
      replacing
        ? `${n.path}: "${n.title}" is another new version of "${n.existingTitle}", which this import already replaces; nothing imported for it.\n`
        : `${n.path}: "${n.title}" is a new version of "${n.existingTitle}"; nothing imported for it (use --replace to replace the document).\n`,
    );
  }
  for (const f of result.failed) io.stderr(`${f.message}\n`);
  for (const s of result.skipped) io.stdout(`Skipped ${s.message}\n`);
  const parts = [`Imported ${result.added.length} ${plural(result.added.length, 'article')} into ${workspaceDir}`];
  if (result.replaced.length) parts.push(`replaced ${result.replaced.length}`);
  if (result.duplicates.length) parts.push(`${result.duplicates.length} already present`);
  if (result.notReplaced.length) parts.push(`${result.notReplaced.length} ${plural(result.notReplaced.length, 'new version')} not replaced`);
  if (result.failed.length) parts.push(`${result.failed.length} ${plural(result.failed.length, 'file')} not imported`);
  if (result.skipped.length) parts.push(`${result.skipped.length} ${plural(result.skipped.length, 'file')} skipped`);
  io.stdout(`${parts.join('; ')}.\n`);
}
