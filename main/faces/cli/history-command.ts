import { parseArgs } from 'node:util';
import type { DocumentHistory, HistoryEntry } from '../../../shared/api/contract/history.js';
import { MAX_HISTORY_ENTRIES } from '../../../shared/api/contract/history.js';
import { annotationChangeWords, articleChangeWords, layerChangeCounts } from '../../../shared/history/history-wording.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { formatLocalMinute } from '../../../shared/text/local-minute.js';
import { DEFAULT_HISTORY_LIMIT, readDocumentHistory } from '../../services/history/document-history.js';
import { ReadOnlyWorkspace } from '../../services/workspace/workspace-upkeep.js';
import { requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';

/**
 * `history --workspace DIR --document ID_OR_TITLE [--json] [--limit N]`: who changed what in one
 * article of a team workspace, and when, newest first, from its git history (and what is saved here
 * but not yet synced). It only reads (no lock), so it runs while the app has the workspace open.
 */
export const historyCommand: CliCommand = {
  name: 'history',
  usage:
    'history --workspace DIR --document ID_OR_TITLE [--json] [--limit N]\n' +
    '                                   who changed what in one article of a team workspace, and when, newest first (from its git history)',
  run: runHistory,
};

async function runHistory(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' }, document: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } } });
  const workspaceDir = requireWorkspace(values.workspace, 'history');
  if (!values.document) throw new UsageError('history needs --document ID_OR_TITLE (the article’s id, or its title or a part of it).');
  const limit = values.limit === undefined ? DEFAULT_HISTORY_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_ENTRIES) throw new UsageError(`--limit takes a whole number from 1 to ${MAX_HISTORY_ENTRIES}.`);
  const workspace = await ReadOnlyWorkspace.open(workspaceDir);
  const meta = findArticle((await workspace.readIndex()).documents, values.document, workspace.dir);
  const history = await readDocumentHistory({ dir: workspace.dir, documentId: meta.id, limit });
  if (values.json) io.stdout(`${JSON.stringify({ documentId: meta.id, title: meta.title, ...history }, null, 2)}\n`);
  else io.stdout(historyText(history, meta, limit));
  return 0;
}

/**
 * The article `query` names: its id, else its title (exactly, then ignoring case), else the one
 * title that contains it. None, or several, is an error that says so (naming up to five).
 */
export function findArticle(documents: readonly DocumentMeta[], query: string, workspaceDir: string): DocumentMeta {
  const lower = query.toLowerCase();
  const candidates = [
    documents.filter((d) => d.id === query),
    documents.filter((d) => d.title === query),
    documents.filter((d) => d.title.toLowerCase() === lower),
    documents.filter((d) => d.title.toLowerCase().includes(lower)),
  ];
  for (const found of candidates) {
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const named = found.slice(0, 5).map((d) => `  ${d.id}  ${d.title}`).join('\n');
      throw new Error(`${found.length} articles of ${workspaceDir} match “${query}”; give one’s id:\n${named}${found.length > 5 ? '\n  …' : ''}`);
    }
  }
  throw new Error(`No article of ${workspaceDir} has the id or a title like “${query}”.`);
}

/** The history as people read it in a terminal: one block per change, newest first. */
function historyText(history: DocumentHistory, meta: DocumentMeta, limit: number): string {
  const heading = `History of “${meta.title}” (${meta.id})`;
  if (history.entries.length === 0) return `${heading}: ${history.emptyReason ?? 'no changes.'}\n`;
  const blocks = history.entries.map(entryText);
  const more = history.more ? [`Older changes are not listed: --limit ${Math.min(limit * 2, MAX_HISTORY_ENTRIES)} lists more.`] : [];
  const problems = history.problems.map((problem) => `Note: ${problem}`);
  return `${heading}, newest first:\n\n${[...blocks, ...more, ...problems].join('\n\n')}\n`;
}

function entryText(entry: HistoryEntry): string {
  const when = entry.at ? formatLocalMinute(new Date(entry.at)) : 'an unknown time';
  const lines =
    entry.commit === null
      ? [`Not yet synced (saved here, last at ${when})`]
      : [`${entry.commit}  ${entry.author!.name}${entry.author!.email ? ` <${entry.author!.email}>` : ''}  ${when}${entry.merge ? '  (merge)' : ''}  ${entry.message}`];
  for (const change of entry.article) lines.push(`  ${articleChangeWords(change)}`);
  for (const layer of entry.layers) {
    lines.push(`  ${layer.annotator.name}’s annotations: ${layerChangeCounts(layer)}`);
    for (const example of layer.examples) lines.push(`    ${example.label} “${example.quote}”: ${annotationChangeWords(example)}`);
    const quoted = layer.examples.length;
    const total = layer.added + layer.removed + layer.changed;
    if (total > quoted) lines.push(`    … and ${total - quoted} more`);
  }
  return lines.join('\n');
}
