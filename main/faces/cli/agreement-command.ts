import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AgreementFailure, AgreementWorker } from '../../services/agreement/agreement-worker-client.js';
import { agreementText } from './agreement-table.js';
import { requireWorkspace, UsageError, type CliCommand, type CliIo } from './cli-command-spec.js';

/**
 * `agreement --workspace DIR [--json] [--annotators ID,…] [--documents ID,…]`: inter-annotator
 * agreement over every annotator's layer (what is saved on disk; it only reads, without the lock,
 * so it runs while the app has the workspace open), computed in a worker thread as the app does:
 * span F1 (exact and overlap), unitizing alpha, attribute alpha, link alpha and F1, and the
 * coreference scores of clusters, overall, per label, per pair and per article, each with the
 * sentence that says how it was computed.
 */
export const agreementCommand: CliCommand = {
  name: 'agreement',
  usage:
    'agreement --workspace DIR [--json] [--annotators ID,…] [--documents ID,…]\n' +
    '                                   inter-annotator agreement of every layer (span F1 exact and overlap, unitizing α,\n' +
    '                                   attribute α, link α and F1, MUC/B³/CEAF-e/CoNLL/LEA of clusters), each figure with how\n' +
    '                                   it was computed; annotator ids as `stats` lists them (default: every person, not the\n' +
    '                                   curated or owner layer); works while the app has the workspace open',
  run: runAgreement,
};

async function runAgreement(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, json: { type: 'boolean' }, annotators: { type: 'string' }, documents: { type: 'string' } },
  });
  const dir = resolve(requireWorkspace(values.workspace, 'agreement'));
  const annotators = listOf(values.annotators, '--annotators');
  const documentIds = listOf(values.documents, '--documents');
  if (annotators && annotators.length < 2) throw new UsageError('--annotators takes at least two annotator ids, separated by commas.');
  const worker = new AgreementWorker();
  try {
    const scope = { ...(annotators ? { annotators } : {}), ...(documentIds ? { documentIds } : {}) };
    const { report } = await worker.report({ dir, revision: 'cli', names: {}, unsaved: null, cacheFile: null }, scope);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : agreementText(report));
    return 0;
  } catch (error) {
    if (error instanceof AgreementFailure && error.failure !== 'internal') {
      io.stderr(`${dir}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await worker.close();
  }
}

/** A comma-separated option as a list (absent: undefined); an empty list is wrong usage. */
function listOf(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`${option} takes a list separated by commas.`);
  return list;
}
