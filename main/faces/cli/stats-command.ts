import { parseArgs } from 'node:util';
import { openWorkbench } from '../../services/open-workbench.js';
import { requireWorkspace, type CliCommand, type CliIo } from './cli-command-spec.js';

/** `stats --workspace DIR [--json]`: counts documents, annotations by label and links by type. */
export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats --workspace DIR [--json]   count documents, annotations by label, and links',
  run: runStats,
};

async function runStats(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' }, json: { type: 'boolean' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'stats');
  const { service, store } = await openWorkbench({ workspaceDir, env: io.env, holder: 'cli', create: false });
  let stats;
  try {
    stats = await service.getStats();
  } finally {
    await store.close();
  }
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
