import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CURATED_ANNOTATOR } from '../model/annotator.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { assignToAnnotator } from '../model/workspace-v1.js';
import { DOCUMENT_LAYERS_FILE } from './brat-export.js';
import { parseBratCrossDocumentLinks, parseBratStandoff, type ParsedBratDocument } from './brat-parse.js';
import { readCsv } from './csv-read.test-support.js';
import { assignDocumentFileNames } from './document-file-names.js';
import { collectExportedFiles } from './exported-file.js';
import { EXPORT_FORMAT_IDS, exportWorkspace, layerChoiceRefusal, type ExportFormatId } from './export-formats.js';
import { selectExportLayers, type ExportLayerChoice } from './export-layers.js';
import { ANA, BOB, buildLayeredSnapshot, LAYERED_IDS } from './layered-test-fixtures.js';
import { buildFixtureSnapshot } from './test-fixtures.js';

/** `validate-web-annotation` (CommonJS, ajv 6, schemas compiled locally: it fetches nothing). */
const validateWithPackage = createRequire(import.meta.url)('validate-web-annotation') as (annotation: unknown) => boolean;

function exported(format: ExportFormatId, choice: ExportLayerChoice, snapshot = buildLayeredSnapshot()): Map<string, string> {
  const { snapshot: selected, layers } = selectExportLayers(snapshot, choice);
  return collectExportedFiles(exportWorkspace(selected, format, undefined, layers));
}

const jsonLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line));
const ALL: ExportLayerChoice = { kind: 'all' };
const CURATED: ExportLayerChoice = { kind: 'curated', fallback: ANA.id };

describe('exports of one annotator’s layer', () => {
  it('are byte-identical to the export of that layer alone, in every format', () => {
    const alone: WorkspaceSnapshot = (() => {
      const fixture = buildFixtureSnapshot();
      return {
        ...fixture,
        documents: fixture.documents.map((d) => ({ ...d, annotations: assignToAnnotator(d.annotations, ANA.id) })),
        links: assignToAnnotator(fixture.links, ANA.id),
      };
    })();
    for (const format of EXPORT_FORMAT_IDS) {
      const written = exported(format, { kind: 'annotator', annotator: ANA.id }, { ...buildLayeredSnapshot(), clusterNames: [] });
      expect(written, format).toEqual(collectExportedFiles(exportWorkspace(alone, format)));
    }
  });
});

describe('exports of every layer', () => {
  it('JSON Lines: each span and link says whose it is', () => {
    const [a, b, c] = jsonLines(exported('jsonl', ALL).get('documents.jsonl')!);
    expect(new Set(a.spans.map((s: { annotator: string }) => s.annotator))).toEqual(new Set([ANA.id, BOB.id, CURATED_ANNOTATOR]));
    expect(a.spans.find((s: { id: string }) => s.id === LAYERED_IDS.bobFact)).toMatchObject({ annotator: BOB.id, text: 'confirmed 3 deaths 😢' });
    expect(b.spans.every((s: { annotator: string }) => s.annotator === ANA.id)).toBe(true);
    expect(c.links.find((l: { id: string }) => l.id === LAYERED_IDS.bobLink)).toMatchObject({ annotator: BOB.id, role: 'target', spanId: LAYERED_IDS.bobPoliceFact });
    expect(a).not.toHaveProperty('layer');
  });

  it('W3C: each annotation’s creator is its annotator’s agent, valid Web Annotations', () => {
    for (const format of ['w3c-jsonl', 'w3c'] as const) {
      const files = exported(format, ALL);
      const items = format === 'w3c' ? JSON.parse(files.get('annotations.jsonld')!).first.items : jsonLines(files.get('annotations.jsonl')!);
      const creatorOf = (id: string) => items.find((i: { id: string }) => i.id === `urn:uuid:${id}`).creator;
      expect(creatorOf(LAYERED_IDS.bobFact)).toEqual({ id: `urn:corroborate:annotator:${BOB.id}`, type: 'Person', name: 'Bob Stone', nickname: BOB.id });
      expect(creatorOf('a1000000-0000-4000-8000-000000000001')).toEqual({ id: `urn:corroborate:annotator:${ANA.id}`, type: 'Person', name: 'Ana López', nickname: ANA.id });
      expect(creatorOf(LAYERED_IDS.curatedLink)).toEqual({ id: 'urn:corroborate:annotator:curated', type: 'Organization', name: 'Curated', nickname: 'curated' });
      expect(items).toHaveLength(21 + 9);
      for (const item of items) {
        const { created: _c, modified: _m, ...rest } = item;
        expect(validateWithPackage({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...rest }), item.id).toBe(true);
      }
    }
  });

  it('CSV: an annotator column in the annotations and links', () => {
    const files = exported('csv', ALL);
    const [header, ...rows] = readCsv(files.get('annotations.csv')!);
    expect(header!.slice(13, 16)).toEqual(['author', 'annotator', 'created_at']);
    const whose = new Map(rows.map((r) => [r[0], r[14]]));
    expect(whose.get(LAYERED_IDS.bobClaim)).toBe(BOB.id);
    expect(whose.get(LAYERED_IDS.curatedQuote)).toBe(CURATED_ANNOTATOR);
    expect(whose.get('b1000000-0000-4000-8000-000000000001')).toBe(ANA.id);
    const [linkHeader, ...links] = readCsv(files.get('links.csv')!);
    expect(linkHeader![10]).toBe('annotator');
    expect(links.map((l) => l[10])).toEqual([...Array(7).fill(ANA.id), BOB.id, CURATED_ANNOTATOR]);
  });

  it('Label Studio: one task per document with one annotation per annotator, each completed by them', () => {
    const tasks = JSON.parse(exported('labelstudio', ALL).get('label-studio-tasks.json')!);
    expect(tasks).toHaveLength(3);
    const [a, b] = tasks;
    expect(a.annotations.map((x: { corroborate_annotator: { id: string } }) => x.corroborate_annotator.id)).toEqual([ANA.id, BOB.id, CURATED_ANNOTATOR]);
    const [ana, bob, curated] = a.annotations;
    expect(ana).toMatchObject({ completed_by: { email: 'ana@example.org', first_name: 'Ana López' }, ground_truth: false });
    expect(bob).not.toHaveProperty('completed_by');
    expect(bob.ground_truth).toBe(false);
    expect(curated.ground_truth).toBe(true);
    const regions = (x: { result: Array<{ type: string; meta?: { annotation_id: string } }> }) => x.result.filter((r) => r.type === 'labels').map((r) => r.meta!.annotation_id);
    expect(new Set(regions(bob))).toEqual(new Set([LAYERED_IDS.bobFact, LAYERED_IDS.bobClaim]));
    expect(new Set(regions(curated))).toEqual(new Set([LAYERED_IDS.curatedQuote, LAYERED_IDS.curatedFact]));
    expect(curated.result.filter((r: { type: string }) => r.type === 'relation')).toEqual([
      { from_id: LAYERED_IDS.curatedFact, to_id: LAYERED_IDS.curatedQuote, type: 'relation', direction: 'right', labels: ['Supports'] },
    ]);
    expect(ana.result.filter((r: { type: string }) => r.type === 'relation')).toHaveLength(2);
    expect(b.annotations).toHaveLength(1);
  });

  it('brat: one folder per annotator, each a complete collection the brat reader reads back', () => {
    const snapshot = buildLayeredSnapshot();
    const files = exported('brat', ALL, snapshot);
    const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
    for (const annotator of [ANA.id, BOB.id, CURATED_ANNOTATOR]) {
      for (const name of ['annotation.conf', 'visual.conf', 'cross-document-links.tsv']) expect(files.has(`${annotator}/${name}`), `${annotator}/${name}`).toBe(true);
      const parsed: ParsedBratDocument[] = snapshot.documents.map((d) => {
        const name = names.get(d.meta.id)!;
        const result = parseBratStandoff(
          { name, txt: files.get(`${annotator}/${name}.txt`)!, ann: files.get(`${annotator}/${name}.ann`)! },
          { labels: snapshot.labels, linkTypes: snapshot.linkTypes, documentId: d.meta.id },
        );
        if (!result.ok) throw new Error(result.error.reason);
        expect(result.problems).toEqual([]);
        expect(result.value.text).toBe(d.text);
        return result.value;
      });
      const expected = snapshot.documents.map((d) => d.annotations.filter((a) => a.annotator === annotator).map((a) => `${a.labelId} ${a.fragments.map((f) => f.exact).join('|')}`).sort());
      expect(parsed.map((d) => d.annotations.map((a) => `${a.labelId} ${a.fragments.map((f) => f.exact).join('|')}`).sort()), annotator).toEqual(expected);
      const cross = parseBratCrossDocumentLinks(files.get(`${annotator}/cross-document-links.tsv`)!, 'cross-document-links.tsv', parsed);
      if (!cross.ok) throw new Error(cross.error.reason);
      const relations = parsed.flatMap((d) => d.links).length + cross.value.length;
      expect(relations, annotator).toBe(snapshot.links.filter((l) => l.annotator === annotator).length);
    }
    expect(new Set([...files.keys()].map((path) => path.split('/')[0]))).toEqual(new Set([ANA.id, BOB.id, CURATED_ANNOTATOR]));
  });

  it('doccano and CoNLL coreference refuse every layer, naming the format and what to choose instead', () => {
    for (const format of EXPORT_FORMAT_IDS) {
      const refusal = layerChoiceRefusal(format, ALL);
      if (format === 'doccano') expect(refusal).toBe('doccano’s JSONL has no annotator: every layer would read as one person’s labels. Choose one annotator’s layer (doccano keeps one file per user) or the curated layer.');
      else if (format === 'conll-coref') expect(refusal).toMatch(/^The CoNLL coreference file .* Choose one annotator’s layer or the curated layer\.$/);
      else expect(refusal, format).toBeNull();
      expect(layerChoiceRefusal(format, CURATED)).toBeNull();
    }
  });
});

describe('exports of the curated layer', () => {
  it('say which layer each document’s annotations come from, where the format can', () => {
    const snapshot = buildLayeredSnapshot();
    const [a, b] = jsonLines(exported('jsonl', CURATED, snapshot).get('documents.jsonl')!);
    expect([a.layer, b.layer]).toEqual([CURATED_ANNOTATOR, ANA.id]);
    expect(a.spans.map((s: { annotator: string }) => s.annotator)).toEqual([CURATED_ANNOTATOR, CURATED_ANNOTATOR]);

    const doccano = jsonLines(exported('doccano', CURATED, snapshot).get('doccano.jsonl')!);
    expect(doccano.map((line) => line.annotator)).toEqual([CURATED_ANNOTATOR, ANA.id, ANA.id]);

    const brat = exported('brat', CURATED, snapshot).get(DOCUMENT_LAYERS_FILE)!.trimEnd().split('\n');
    expect(brat[0]).toBe('document\tannotator\tannotator_name');
    expect(brat.slice(1).map((row) => row.split('\t').slice(1))).toEqual([[CURATED_ANNOTATOR, 'Curated'], [ANA.id, 'Ana López'], [ANA.id, 'Ana López']]);

    const mentions = exported('conll-coref', CURATED, snapshot).get('mentions.tsv')!.trimEnd().split('\n');
    expect(mentions[0]!.endsWith('\ttokens\tannotator')).toBe(true);
    expect(new Set(mentions.slice(1).map((row) => row.split('\t').at(-1)))).toEqual(new Set([ANA.id]));

    const tasks = JSON.parse(exported('labelstudio', CURATED, snapshot).get('label-studio-tasks.json')!);
    expect(tasks.map((t: { annotations: Array<{ corroborate_annotator: { id: string }; ground_truth: boolean }> }) => t.annotations.map((x) => [x.corroborate_annotator.id, x.ground_truth]))).toEqual([
      [[CURATED_ANNOTATOR, true]],
      [[ANA.id, false]],
      [[ANA.id, false]],
    ]);
  });
});
