import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportLayerRequest, ExportSummary } from '../../../shared/api/export-schemas.js';
import { AnnotatorIdSchema } from '../../../shared/model/annotator.js';
import { EXPORT_FORMAT_IDS, isExportFormatId } from '../../../shared/formats/export-formats.js';
import { describeExportFailure } from '../../services/exports/export-jobs.js';
import { exportToFolder } from '../../services/exports/export-to-folder.js';
import { ReadOnlyWorkspace, WORKSPACE_FILE } from '../../services/workspace/workspace-upkeep.js';
import { plural } from '../../../shared/text/plural.js';
import { ANNOTATOR_OPTIONS, ANNOTATOR_USAGE, requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';
import { resolveIdentity } from '../../services/open-workbench.js';

/**
 * `export --workspace DIR --format F --out DIR [--force] [--layer L [--fallback A]]`: writes a
 * dataset export of the layers chosen, all or nothing, every byte checked. It only reads the
 * workspace (no lock), so a pipeline can export while the app has it open; it exports what is saved
 * on disk, as one consistent snapshot.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    `export --workspace DIR --format FORMAT --out DIR [--force] [--documents ID,..] [--labels ID,..]\n` +
    `       [--layer curated|all|ANNOTATOR_ID] [--fallback ANNOTATOR_ID] [--json]\n` +
    `                                   export into a new or empty folder, all or nothing (--force replaces an earlier\n` +
    `                                   export of ours, nothing else; never inside a workspace but under its exports/);\n` +
    `                                   FORMAT: ${EXPORT_FORMAT_IDS.join('|')};\n` +
    `                                   --layer: your layer by default, or one annotator's (by id), or curated (the\n` +
    `                                   curated layer where an article has one, else --fallback's, by default yours),\n` +
    `                                   or all (every layer, each annotation saying whose; not doccano, conll-coref)\n` +
    ANNOTATOR_USAGE,
  run: runExport,
};

async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      documents: { type: 'string' },
      labels: { type: 'string' },
      layer: { type: 'string' },
      fallback: { type: 'string' },
      json: { type: 'boolean' },
      ...ANNOTATOR_OPTIONS,
    },
  });
  const workspaceDir = requireWorkspace(values.workspace, 'export');
  if (!values.format) throw new UsageError(`export needs --format (${EXPORT_FORMAT_IDS.join(', ')}).`);
  if (!isExportFormatId(values.format)) throw new UsageError(`Unknown export format "${values.format}"; use one of ${EXPORT_FORMAT_IDS.join(', ')}.`);
  if (!values.out) throw new UsageError('export needs --out DIR (a new or empty folder for the exported files).');
  const layer = layerRequest(values.layer, values.fallback);
  await requireExistingWorkspace(workspaceDir);
  const scope = {
    ...(values.documents ? { documentIds: splitList(values.documents) } : {}),
    ...(values.labels ? { labelIds: splitList(values.labels) } : {}),
  };
  const { identity } = await resolveIdentity({ annotator: values.annotator, email: values.email, env: io.env });
  const workspace = await ReadOnlyWorkspace.open(workspaceDir, identity.id);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    const summary = await exportToFolder(
      workspace,
      { format: values.format, scope, ...(layer ? { layer } : {}), destination: values.out, overwrite: values.force ?? false },
      { signal: controller.signal },
    );
    if (values.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout(describeSummary(summary));
    for (const item of summary.leftOut) {
      io.stderr(`left out: ${item.kind} ${item.id} in "${item.documentTitle}": ${item.reason}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr(`${controller.signal.aborted ? 'The export was interrupted; nothing was written.' : describeExportFailure(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** The summary for people: what was written where, then each file. */
function describeSummary(summary: ExportSummary): string {
  const lines = [
    `Exported ${summary.annotations} ${plural(summary.annotations, 'annotation')} and ${summary.links} ${plural(summary.links, 'link')} ` +
      `from ${summary.documents} ${plural(summary.documents, 'document')} as ${summary.format} (offsets: ${summary.offsetUnit}) into ${summary.destination}:`,
    ...summary.files.map((f) => `  ${f.path}  ${f.bytes} bytes`),
    `${summary.files.length} ${plural(summary.files.length, 'file')}, ${summary.totalBytes} bytes.`,
  ];
  if (summary.leftOut.length > 0) lines.push(`${summary.leftOut.length} left out (listed on stderr).`);
  lines.push(...summary.notes);
  return `${lines.join('\n')}\n`;
}

/** Refuses a folder that is not a workspace, so a mistyped path never creates an empty one. */
export async function requireExistingWorkspace(workspaceDir: string): Promise<void> {
  try {
    await access(join(workspaceDir, WORKSPACE_FILE));
  } catch {
    throw new Error(`${workspaceDir} is not a Corroborate workspace (it has no ${WORKSPACE_FILE}).`);
  }
}

/** The layer choice `--layer` and `--fallback` ask for (none: my layer), or a UsageError saying what is wrong with them. */
function layerRequest(layer: string | undefined, fallback: string | undefined): ExportLayerRequest | undefined {
  const annotatorId = (value: string, option: string) => {
    if (!AnnotatorIdSchema.safeParse(value).success) {
      throw new UsageError(`${option} "${value}" is not an annotator id (lower-case letters, digits and single hyphens, as \`stats --json\` lists them).`);
    }
    return value;
  };
  if (fallback !== undefined && layer !== 'curated') throw new UsageError('--fallback goes with --layer curated: whose layer to export where an article has no curated layer.');
  if (layer === undefined) return undefined;
  if (layer === 'all') return { kind: 'all' };
  if (layer === 'curated') return fallback === undefined ? { kind: 'curated' } : { kind: 'curated', fallback: annotatorId(fallback, '--fallback') };
  return { kind: 'annotator', annotator: annotatorId(layer, '--layer') };
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
