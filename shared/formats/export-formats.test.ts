import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import type { Link } from '../model/link.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { contentHash } from '../text/content-hash.js';
import { fragmentAt } from '../text/text-quote.js';
import { EXPORT_FORMAT_IDS, exportFormats, exportWorkspace, isExportFormatId } from './export-formats.js';
import { collectExportedFiles } from './exported-file.js';
import { buildFixtureSnapshot, fixtureLabels, FIXTURE_TIME } from './test-fixtures.js';
import { defaultLinkTypes } from '../model/label-schema.js';

/** A workspace of `documents` × `perDocument` annotations over text with emoji, linked in pairs. */
function bigSnapshot(documents: number, perDocument: number): WorkspaceSnapshot {
  const sentence = 'Police confirmed 3 deaths 😢 near the 🇺🇦 flag, said "Ẹ́mi". ';
  const text = sentence.repeat(perDocument);
  const hash = contentHash(text);
  const deaths = sentence.indexOf('3 deaths');
  const emojiEnd = sentence.indexOf('😢') + 2;
  const docs: DocumentSnapshot[] = [];
  const links: Link[] = [];
  for (let d = 0; d < documents; d++) {
    const id = `doc-${d}`;
    const annotations: Annotation[] = [];
    for (let i = 0; i < perDocument; i++) {
      const base = i * sentence.length;
      annotations.push({
        id: `ann-${d}-${i}`,
        documentId: id,
        labelId: ['claim', 'quote', 'fact'][i % 3]!,
        fragments: i % 10 === 0 ? [fragmentAt(text, { start: base, end: base + 6 }), fragmentAt(text, { start: base + deaths, end: base + emojiEnd })] : [fragmentAt(text, { start: base + 7, end: base + emojiEnd })],
        contentHash: hash,
        attributes: i % 3 === 2 ? { status: 'disputed', 'death toll': 3 } : {},
        note: i % 7 === 0 ? 'checked' : '',
        author: 'editor',
        annotator: 'owner',
        createdAt: FIXTURE_TIME,
        updatedAt: FIXTURE_TIME,
        orphaned: false,
      });
    }
    docs.push({
      meta: { id, title: `Article ${d}`, outlet: null, date: null, url: null, sourceFile: null, contentHash: hash, length: text.length, normalisation: { bomRemoved: false, lineEndings: 'none', nfcApplied: false }, importedAt: FIXTURE_TIME },
      text,
      annotations,
    });
    if (d > 0) {
      for (let i = 0; i < perDocument; i += 10) {
        links.push({ id: `link-${d}-${i}`, typeId: i % 20 === 0 ? 'same' : 'supports', source: { documentId: `doc-${d - 1}`, annotationId: `ann-${d - 1}-${i}` }, target: { documentId: id, annotationId: `ann-${d}-${i}` }, note: '', author: 'editor', annotator: 'owner', createdAt: FIXTURE_TIME, updatedAt: FIXTURE_TIME });
      }
    }
  }
  return { schemaVersion: 1, labels: fixtureLabels, linkTypes: [...defaultLinkTypes], documents: docs, links };
}

describe('export format registry', () => {
  it('lists every format with a description and an offset unit', () => {
    expect(Object.keys(exportFormats)).toEqual([...EXPORT_FORMAT_IDS]);
    for (const id of EXPORT_FORMAT_IDS) {
      expect(exportFormats[id].id).toBe(id);
      expect(exportFormats[id].description.length).toBeGreaterThan(10);
      expect(isExportFormatId(id)).toBe(true);
    }
    expect(isExportFormatId('docx')).toBe(false);
  });

  it('runs every format on the fixture, with relative POSIX paths', () => {
    for (const id of EXPORT_FORMAT_IDS) {
      const files = collectExportedFiles(exportWorkspace(buildFixtureSnapshot(), id));
      expect(files.size).toBeGreaterThan(0);
      for (const path of files.keys()) expect(path).toMatch(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9._-]+)*$/);
    }
  });

  it('applies an export scope', () => {
    const snapshot = buildFixtureSnapshot();
    const files = collectExportedFiles(exportWorkspace(snapshot, 'jsonl', { documentIds: [snapshot.documents[2]!.meta.id], labelIds: ['fact'] }));
    const lines = files.get('documents.jsonl')!.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].links.map((l: { id: string }) => l.id)).toEqual(['11111111-0000-4000-8000-000000000007', '11111111-0000-4000-8000-000000000007']);
  });

  it('streams 100k annotations in chunks far smaller than the output, in time proportional to JSON.stringify', () => {
    // The budget is 1 s per format for 100k annotations on a developer machine. Shared CI boxes
    // vary too much for a fixed wall-clock limit, so the test measures process CPU time against
    // a baseline taken in the same run (JSON.stringify of every annotation, the least any export
    // does), which catches quadratic slips; the absolute numbers are logged.
    const snapshot = bigSnapshot(200, 500);
    const cpu = () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    let started = cpu();
    let baselineChars = 0;
    for (const d of snapshot.documents) for (const a of d.annotations) baselineChars += JSON.stringify(a).length;
    const baseline = Math.max(cpu() - started, 50);
    expect(baselineChars).toBeGreaterThan(0);
    for (const id of EXPORT_FORMAT_IDS) {
      started = cpu();
      let total = 0;
      let largest = 0;
      for (const file of exportFormats[id].exporter(snapshot)) {
        for (const chunk of file.chunks) {
          total += chunk.length;
          largest = Math.max(largest, chunk.length);
        }
      }
      const elapsed = cpu() - started;
      console.log(`${id}: ${(total / 1e6).toFixed(1)}M chars in ${elapsed.toFixed(0)} ms CPU (baseline ${baseline.toFixed(0)} ms), largest chunk ${(largest / 1e3).toFixed(0)}k`);
      expect(elapsed, id).toBeLessThan(8 * baseline);
      expect(largest, id).toBeLessThan(total / 20);
    }
  });
});
