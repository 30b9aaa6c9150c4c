import { parseArgs } from 'node:util';
import { countWorkspace } from '../../services/workspace/workspace-stats.js';
import { ReadOnlyWorkspace } from '../../services/workspace/workspace-upkeep.js';
import { requireWorkspace, type CliCommand, type CliIo } from './cli-command-spec.js';

/**
 * `stats --workspace DIR [--json]`: counts documents, annotations by label and by annotator
 * (`annotationsByAnnotator`), links by type, over every annotator's layer, and the documents each
 * annotator marked done (`documentsDoneByAnnotator`). It
 * only reads (no lock), so it runs while the app or another process has the workspace open, and
 * counts what is saved on disk.
 */
export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats --workspace DIR [--json]   count documents, annotations by label and by annotator, and links, over every layer (what is saved; works while the app has it open)',
  run: runStats,
};

async function runStats(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' }, json: { type: 'boolean' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'stats');
  const snapshot = await (await ReadOnlyWorkspace.open(workspaceDir)).readSnapshot({ texts: false });
  const stats = countWorkspace(snapshot, snapshot.documents.map((d) => d.annotations), snapshot.documents.map((d) => d.meta.id));
  if (values.json) {
    io.stdout(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  }
  io.stdout(`Documents:   ${stats.documents}\nAnnotations: ${stats.annotations}\n`);
  for (const [label, count] of Object.entries(stats.annotationsByLabel)) io.stdout(`  ${label}: ${count}\n`);
  for (const [annotator, count] of Object.entries(stats.annotationsByAnnotator)) io.stdout(`  by ${annotator}: ${count}\n`);
  for (const [annotator, count] of Object.entries(stats.documentsDoneByAnnotator)) io.stdout(`Done by ${annotator}: ${count} of ${stats.documents} documents\n`);
  io.stdout(`Links:       ${stats.links}\n`);
  for (const [type, count] of Object.entries(stats.linksByType)) io.stdout(`  ${type}: ${count}\n`);
  return 0;
}
