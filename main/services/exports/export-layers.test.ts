import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import { assignDocumentFileNames } from '../../../shared/formats/document-file-names.js';
import { parseBratStandoff } from '../../../shared/formats/brat-parse.js';
import { ANA, BOB, buildLayeredSnapshot, LAYERED_IDS } from '../../../shared/formats/layered-test-fixtures.js';
import { CURATED_ANNOTATOR } from '../../../shared/model/annotator.js';
import { ReadOnlyWorkspace } from '../../workspace/read-only-workspace.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { EXPORT_MANIFEST_FILE } from './export-manifest.js';
import { layeredWorkspace } from './export.test-support.js';
import { exportToFolder } from './export-to-folder.js';

let root: string;
let workbench: OpenWorkbench;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-export-layers-'));
  await layeredWorkspace(join(root, 'ws'));
  workbench = await openWorkbench({ workspaceDir: join(root, 'ws'), annotator: ANA.name, email: ANA.email, env: { CORROBORATE_APP_DATA: join(root, 'app') } });
});
afterEach(async () => {
  await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

/** Exports through the contract as Ana (the app) and waits for the job. */
async function exportAsAna(request: Parameters<OpenWorkbench['api']['startExport']>[0]) {
  const { jobId } = await workbench.api.startExport(request);
  const finished = await workbench.service.exports.waitForExport(jobId);
  expect(finished.error).toBeNull();
  return finished.summary!;
}

const jsonLines = async (path: string) => (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));

describe('exports of chosen layers, from a workspace with two annotators and a curated layer', () => {
  it('offers every annotator but the curated layer, counts the curated articles, and says which formats cannot hold every layer', async () => {
    const options = await workbench.api.getExportOptions();
    expect(options.layers).toEqual({ me: ANA.id, annotators: [{ id: ANA.id, name: ANA.name }, { id: BOB.id, name: BOB.name }], curatedDocuments: 1, documentCount: 3 });
    expect(options.formats.filter((f) => f.refusesAllLayers !== null).map((f) => f.id)).toEqual(['doccano', 'conll-coref']);
  });

  it('curated: the curated layer where an article has one, my layer (as the store holds it) elsewhere', async () => {
    const [, b] = workbench.store.workspace.documents;
    await workbench.store.updateAnnotations(b!.id, (mine) => mine.filter((a) => a.labelId !== 'claim'));
    const destination = join(root, 'curated');
    const summary = await exportAsAna({ format: 'jsonl', layer: { kind: 'curated' }, destination });
    // Nobody marked the curation done: the export says what that means.
    expect(summary.notes[0]).toMatch(/^The curated layer of 1 of 3 articles; Ana López’s layer of the others\. One article is still being curated \(“.+”\): what is not decided there yet is not in the export\.$/);
    const lines = await jsonLines(join(destination, 'documents.jsonl'));
    expect(lines.map((l) => l.layer)).toEqual([CURATED_ANNOTATOR, ANA.id, ANA.id]);
    expect(lines[0].spans.map((s: { id: string }) => s.id).sort()).toEqual([LAYERED_IDS.curatedQuote, LAYERED_IDS.curatedFact].sort());
    expect(lines[1].spans.map((s: { annotator: string }) => s.annotator)).toEqual([ANA.id, ANA.id, ANA.id]);
    expect(summary).toMatchObject({ annotations: 2 + 3 + 2, links: 3 });
    const manifest = JSON.parse(await readFile(join(destination, EXPORT_MANIFEST_FILE), 'utf8'));
    expect(manifest.layers).toMatchObject({ kind: 'curated', fallback: ANA.id, documentLayers: { [b!.id]: ANA.id } });
  });

  it('curated: once the curation of the article is marked done (by the open store), the summary no longer warns', async () => {
    const [a] = workbench.store.workspace.documents;
    await workbench.store.curated.updateLinkLayer((layer) => {
      layer.documentStatus = { ...layer.documentStatus, [a!.id]: { status: 'done', updatedAt: new Date().toISOString() } };
    });
    const summary = await exportAsAna({ format: 'jsonl', layer: { kind: 'curated' }, destination: join(root, 'curated-done') });
    expect(summary.notes[0]).toBe('The curated layer of 1 of 3 articles; Ana López’s layer of the others.');
  });

  it('all: every annotator’s annotations, JSON Lines and brat folders the brat reader reads', async () => {
    const jsonl = join(root, 'all-jsonl');
    const summary = await exportAsAna({ format: 'jsonl', layer: { kind: 'all' }, destination: jsonl });
    expect(summary.notes[0]).toBe('Every annotator’s layer (3: Ana López, Bob Stone, Curated), each annotation saying whose it is.');
    const spans = (await jsonLines(join(jsonl, 'documents.jsonl'))).flatMap((l) => l.spans);
    expect(spans.filter((s) => s.annotator === ANA.id)).toHaveLength(16);
    expect(spans.filter((s) => s.annotator === BOB.id).map((s) => s.text).sort()).toEqual(['Mayor Li said', 'confirmed 3 deaths 😢', 'three people died']);
    expect(spans.filter((s) => s.annotator === CURATED_ANNOTATOR)).toHaveLength(2);

    const brat = join(root, 'all-brat');
    await exportAsAna({ format: 'brat', layer: { kind: 'all' }, destination: brat });
    expect((await readdir(brat)).sort()).toEqual([EXPORT_MANIFEST_FILE, ANA.id, BOB.id, CURATED_ANNOTATOR]);
    const snapshot = buildLayeredSnapshot();
    const name = assignDocumentFileNames(snapshot.documents.map((d) => d.meta)).get(snapshot.documents[0]!.meta.id)!;
    const read = parseBratStandoff(
      { name, txt: await readFile(join(brat, BOB.id, `${name}.txt`), 'utf8'), ann: await readFile(join(brat, BOB.id, `${name}.ann`), 'utf8') },
      { labels: snapshot.labels, linkTypes: snapshot.linkTypes },
    );
    expect(read.ok && read.value.annotations.map((a) => a.fragments[0]!.exact).sort()).toEqual(['Mayor Li said', 'confirmed 3 deaths 😢']);
  });

  it('another annotator’s layer, from the app and read-only as the command line reads it', async () => {
    const fromApp = join(root, 'bob-app');
    await exportAsAna({ format: 'csv', layer: { kind: 'annotator', annotator: BOB.id }, destination: fromApp });
    const fromDisk = join(root, 'bob-disk');
    const summary = await exportToFolder(await ReadOnlyWorkspace.open(join(root, 'ws'), ANA.id), { format: 'csv', layer: { kind: 'annotator', annotator: BOB.id }, destination: fromDisk });
    expect(summary).toMatchObject({ annotations: 3, links: 1, notes: ['Bob Stone’s layer.'] });
    for (const file of ['annotations.csv', 'links.csv']) expect(await readFile(join(fromApp, file), 'utf8')).toBe(await readFile(join(fromDisk, file), 'utf8'));
    const rows = (await readFile(join(fromDisk, 'annotations.csv'), 'utf8')).trimEnd().split('\r\n');
    expect(rows.slice(1).map((r) => r.split(',')[0]).sort()).toEqual([LAYERED_IDS.bobFact, LAYERED_IDS.bobClaim, LAYERED_IDS.bobPoliceFact].sort());
  });

  it('refuses every layer in doccano, and an annotator the workspace does not have, listing those it has', async () => {
    expect(await dispatchCall(workbench.api, 'startExport', { format: 'doccano', layer: { kind: 'all' }, destination: join(root, 'd') })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/^doccano’s JSONL has no annotator: .* Choose one annotator’s layer/) },
    });
    const unknown = await dispatchCall(workbench.api, 'startExport', { format: 'jsonl', layer: { kind: 'curated', fallback: 'carol-123456' }, destination: join(root, 'c') });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: `There is no annotator "carol-123456" in ${join(root, 'ws')}; its annotators are: ${ANA.id} (Ana López), ${BOB.id} (Bob Stone), curated (Curated).` },
    });
    expect(await readdir(root)).toEqual(expect.not.arrayContaining(['d', 'c']));
  });
});
