import { describe, expect, it } from 'vitest';
import { CURATED_ANNOTATOR } from '../model/annotator.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { assignToAnnotator } from '../model/workspace-v1.js';
import { collectExportedFiles } from './exported-file.js';
import { exportWorkspace } from './export-formats.js';
import { describeExportedLayers, selectExportLayers, type ExportLayerChoice } from './export-layers.js';
import { scopeSnapshot } from './export-scope.js';
import { ANA, BOB, buildLayeredSnapshot, LAYERED_IDS } from './layered-test-fixtures.js';
import { buildFixtureSnapshot, sliceCodePoints } from './test-fixtures.js';

const ids = (snapshot: WorkspaceSnapshot) => snapshot.documents.map((d) => d.annotations.map((a) => a.id));
const linkIds = (snapshot: WorkspaceSnapshot) => snapshot.links.map((l) => l.id);
const anaLink = (n: number) => `11111111-0000-4000-8000-00000000000${n}`;

describe('selectExportLayers', () => {
  it('one annotator’s layer: only their annotations, links and cluster names', () => {
    const snapshot = buildLayeredSnapshot();
    const ana = selectExportLayers(snapshot, { kind: 'annotator', annotator: ANA.id });
    expect(ana.snapshot.documents.flatMap((d) => d.annotations).every((a) => a.annotator === ANA.id)).toBe(true);
    expect(ana.snapshot.documents.map((d) => d.annotations.length)).toEqual([10, 4, 2]);
    expect(linkIds(ana.snapshot)).toEqual([1, 2, 3, 4, 5, 6, 7].map(anaLink));
    expect(ana.snapshot.clusterNames?.map((n) => n.id)).toEqual([LAYERED_IDS.anaCluster]);
    expect(ana.layers.annotators).toEqual([ANA]);
    expect(describeExportedLayers(ana.layers)).toBe('Ana López’s layer.');

    const bob = selectExportLayers(snapshot, { kind: 'annotator', annotator: BOB.id });
    expect(ids(bob.snapshot)).toEqual([[LAYERED_IDS.bobFact, LAYERED_IDS.bobClaim], [], [LAYERED_IDS.bobPoliceFact]]);
    expect(linkIds(bob.snapshot)).toEqual([LAYERED_IDS.bobLink]);
    expect(bob.snapshot.clusterNames?.map((n) => n.id)).toEqual([LAYERED_IDS.bobCluster]);
  });

  it('one annotator’s layer of a snapshot holding only that layer is the snapshot as it was', () => {
    const fixture = buildFixtureSnapshot();
    const { snapshot } = selectExportLayers(fixture, { kind: 'annotator', annotator: 'owner' });
    expect(snapshot).toEqual(scopeSnapshot(fixture, {}));
    expect(snapshot.documents.map((d) => d.annotations)).toEqual(fixture.documents.map((d) => d.annotations));
  });

  it('curated: the curated layer where a document has one, the fallback’s elsewhere, and only links within those', () => {
    const snapshot = buildLayeredSnapshot();
    const before = structuredClone(snapshot);
    const { snapshot: selected, layers } = selectExportLayers(snapshot, { kind: 'curated', fallback: ANA.id });
    expect(snapshot).toEqual(before);
    const [a, b, c] = snapshot.documents;
    expect([...layers.documentLayers!]).toEqual([[a!.meta.id, CURATED_ANNOTATOR], [b!.meta.id, ANA.id], [c!.meta.id, ANA.id]]);
    expect(ids(selected)[0]).toEqual([LAYERED_IDS.curatedQuote, LAYERED_IDS.curatedFact]);
    expect(selected.documents[1]!.annotations.every((x) => x.annotator === ANA.id)).toBe(true);
    expect(selected.documents[2]!.annotations.map((x) => x.annotator)).toEqual([ANA.id, ANA.id]);
    // Ana's links into the curated article go; hers between b and c stay; Bob's go with his layer.
    expect(linkIds(selected)).toEqual([anaLink(3), anaLink(7), LAYERED_IDS.curatedLink]);
    // Ana's cluster keeps its name, naming only its member still exported.
    expect(selected.clusterNames).toEqual([expect.objectContaining({ id: LAYERED_IDS.anaCluster, members: ['b1000000-0000-4000-8000-000000000002'] })]);
    expect(layers.annotators.map((x) => [x.id, x.name])).toEqual([[ANA.id, ANA.name], [CURATED_ANNOTATOR, 'Curated']]);
    expect(describeExportedLayers(layers)).toBe('The curated layer of 1 of 3 articles; Ana López’s layer of the others.');
  });

  it('curated with another fallback: that annotator’s layer where nothing is curated', () => {
    const { snapshot, layers } = selectExportLayers(buildLayeredSnapshot(), { kind: 'curated', fallback: BOB.id });
    expect(ids(snapshot)).toEqual([[LAYERED_IDS.curatedQuote, LAYERED_IDS.curatedFact], [], [LAYERED_IDS.bobPoliceFact]]);
    // Bob's link ends in the curated article, so it goes; his cluster names only the member kept.
    expect(linkIds(snapshot)).toEqual([LAYERED_IDS.curatedLink]);
    expect(snapshot.clusterNames).toEqual([expect.objectContaining({ id: LAYERED_IDS.bobCluster, members: [LAYERED_IDS.bobPoliceFact] })]);
    expect(describeExportedLayers(layers)).toBe('The curated layer of 1 of 3 articles; Bob Stone’s layer of the others.');
  });

  it('curated: an empty curated file still makes the article curated; without any, every article is the fallback’s', () => {
    const snapshot = buildLayeredSnapshot();
    snapshot.documents[1]!.layers = [...snapshot.documents[1]!.layers!, CURATED_ANNOTATOR];
    const emptyCurated = selectExportLayers(snapshot, { kind: 'curated', fallback: ANA.id });
    expect(emptyCurated.snapshot.documents[1]!.annotations).toEqual([]);
    // Its curation is not done (the first article's is): the export says so.
    expect(emptyCurated.layers.stillCurating).toEqual([snapshot.documents[1]!.meta.title]);
    expect(describeExportedLayers(emptyCurated.layers)).toBe(
      `The curated layer of 2 of 3 articles; Ana López’s layer of the others. One article is still being curated (“${snapshot.documents[1]!.meta.title}”): what is not decided there yet is not in the export.`,
    );

    const fixture = buildFixtureSnapshot();
    const none = selectExportLayers(fixture, { kind: 'curated', fallback: 'owner' });
    expect(none.snapshot.documents.map((d) => d.annotations)).toEqual(fixture.documents.map((d) => d.annotations));
    expect(describeExportedLayers(none.layers)).toBe('No article has a curated layer: owner’s layer of every article.');
  });

  it('all: every layer, every link and cluster name, and who each annotator is', () => {
    const snapshot = buildLayeredSnapshot();
    const { snapshot: selected, layers } = selectExportLayers(snapshot, { kind: 'all' });
    expect(selected.documents.map((d) => d.annotations)).toEqual(snapshot.documents.map((d) => d.annotations));
    expect(selected.links).toEqual(snapshot.links);
    expect(selected.clusterNames).toEqual(snapshot.clusterNames);
    expect(layers.documentLayers).toBeNull();
    expect(layers.annotators).toEqual([ANA, BOB, { id: CURATED_ANNOTATOR, name: 'Curated', email: '' }]);
    expect(describeExportedLayers(layers)).toBe('Every annotator’s layer (3: Ana López, Bob Stone, Curated), each annotation saying whose it is.');
  });

  it('never keeps a link or cluster member whose end is not in the export, whatever the choice and scope', () => {
    const snapshot = buildLayeredSnapshot();
    const choices: ExportLayerChoice[] = [
      { kind: 'all' },
      { kind: 'curated', fallback: ANA.id },
      { kind: 'curated', fallback: BOB.id },
      { kind: 'annotator', annotator: ANA.id },
      { kind: 'annotator', annotator: BOB.id },
      { kind: 'annotator', annotator: CURATED_ANNOTATOR },
    ];
    for (const choice of choices) {
      for (const scope of [{}, { labelIds: ['fact'] }, { documentIds: [snapshot.documents[0]!.meta.id] }]) {
        const selected = scopeSnapshot(selectExportLayers(snapshot, choice).snapshot, scope);
        const kept = new Set(selected.documents.flatMap((d) => d.annotations.map((a) => `${a.annotator} ${d.meta.id} ${a.id}`)));
        for (const l of selected.links) {
          expect(kept.has(`${l.annotator} ${l.source.documentId} ${l.source.annotationId}`), `${JSON.stringify(choice)} ${l.id}`).toBe(true);
          expect(kept.has(`${l.annotator} ${l.target.documentId} ${l.target.annotationId}`), `${JSON.stringify(choice)} ${l.id}`).toBe(true);
        }
        const keptIds = new Set(selected.documents.flatMap((d) => d.annotations.map((a) => a.id)));
        for (const name of selected.clusterNames ?? []) {
          expect(name.members.length).toBeGreaterThan(0);
          expect(name.members.every((m) => keptIds.has(m))).toBe(true);
        }
      }
    }
  });

  it('keeps offsets as stored: emoji spans of the curated layer slice the same text in the export', () => {
    const snapshot = buildLayeredSnapshot();
    const { snapshot: selected, layers } = selectExportLayers(snapshot, { kind: 'curated', fallback: BOB.id });
    const fact = selected.documents[0]!.annotations.find((a) => a.id === LAYERED_IDS.curatedFact)!;
    expect(fact.fragments).toEqual(snapshot.documents[0]!.annotations.find((a) => a.id === LAYERED_IDS.curatedFact)!.fragments);
    expect(selected.documents[0]!.text.slice(fact.fragments[0]!.start, fact.fragments[0]!.end)).toBe('confirmed 3 deaths 😢');
    const line = JSON.parse(collectExportedFiles(exportWorkspace(selected, 'jsonl', undefined, layers)).get('documents.jsonl')!.split('\n')[0]!);
    const exported = line.spans.find((s: { id: string }) => s.id === LAYERED_IDS.curatedFact).fragments[0];
    expect(exported.utf16End - exported.utf16Start).toBe('confirmed 3 deaths 😢'.length);
    expect(sliceCodePoints(line.text, exported.codePointStart, exported.codePointEnd)).toBe('confirmed 3 deaths 😢');
  });

  it('names an annotator without a link file by their id', () => {
    const snapshot = buildLayeredSnapshot();
    snapshot.annotators = [];
    snapshot.documents[2]!.annotations.push(...assignToAnnotator(snapshot.documents[2]!.annotations.slice(0, 1), 'carol-0f0f0f').map((a) => ({ ...a, id: 'carol-1' })));
    const { layers } = selectExportLayers(snapshot, { kind: 'all' });
    expect(layers.annotators.map((a) => a.name)).toEqual([ANA.id, BOB.id, 'carol-0f0f0f', 'Curated']);
  });
});
