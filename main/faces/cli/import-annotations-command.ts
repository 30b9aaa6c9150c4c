import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ANNOTATION_IMPORT_FORMAT_IDS, type AnnotationImportFormatId } from '../../../shared/api/export-schemas.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { ANNOTATOR_OPTIONS, ANNOTATOR_USAGE, requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';
import { requireExistingWorkspace } from './export-command.js';

/** `import-annotations --workspace DIR --format w3c|brat PATH`: adds exported annotations back, all or nothing. */
export const importAnnotationsCommand: CliCommand = {
  name: 'import-annotations',
  usage:
    'import-annotations --workspace DIR --format w3c|brat PATH\n' +
    '                                   add annotations and links from a W3C file or a brat folder to the\n' +
    '                                   articles already in the workspace, into your layer (all or nothing; problems listed)\n' +
    ANNOTATOR_USAGE,
  run: runImportAnnotations,
};

async function runImportAnnotations(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { workspace: { type: 'string' }, format: { type: 'string' }, ...ANNOTATOR_OPTIONS }, allowPositionals: true });
  const workspaceDir = requireWorkspace(values.workspace, 'import-annotations');
  const format = values.format;
  if (format === 'native') throw new UsageError('A native export is a whole workspace: recreate it with import-workspace --workspace NEW_DIR FILE.');
  if (!format || !(ANNOTATION_IMPORT_FORMAT_IDS as readonly string[]).includes(format)) {
    throw new UsageError(`import-annotations needs --format ${ANNOTATION_IMPORT_FORMAT_IDS.join('|')}.`);
  }
  if (positionals.length !== 1) throw new UsageError('import-annotations needs one PATH (a W3C .jsonld/.jsonl file, or a brat folder).');
  await requireExistingWorkspace(workspaceDir);
  const { service, store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli', annotator: values.annotator, email: values.email });
  try {
    const summary = await service.importAnnotations({ format: format as AnnotationImportFormatId, path: resolve(positionals[0]!) });
    if (!summary.imported) {
      for (const p of summary.problems) {
        io.stderr(`${p.file}${p.line === null ? '' : `:${p.line}`}${p.itemId === null ? '' : ` (${p.itemId})`}: ${p.reason}\n`);
      }
      io.stderr(`${summary.problems.length} ${summary.problems.length === 1 ? 'problem' : 'problems'} found; nothing was imported.\n`);
      return 1;
    }
    io.stdout(
      `Imported ${summary.annotationsAdded} annotations and ${summary.linksAdded} links into ${summary.documentsTouched} documents` +
        `${summary.alreadyPresent > 0 ? ` (${summary.alreadyPresent} already there, not added twice)` : ''}.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
