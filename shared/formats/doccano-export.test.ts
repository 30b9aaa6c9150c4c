import { describe, expect, it } from 'vitest';
import { parseCrossDocumentLinks } from './cross-document-links.js';
import { exportDoccano } from './doccano-export.js';
import { collectExportedFiles } from './exported-file.js';
import { buildFixtureSnapshot, sliceCodePoints } from './test-fixtures.js';

interface Line {
  id: number;
  text: string;
  entities: Array<{ id: number; start_offset: number; end_offset: number; label: string }>;
  relations: Array<{ id: number; from_id: number; to_id: number; type: string }>;
  corroborate_spans: Array<{ annotation_id: string; entity_ids: number[] }>;
}

function exportLines(options?: Parameters<typeof exportDoccano>[1]) {
  const files = collectExportedFiles(exportDoccano(buildFixtureSnapshot(), options));
  return { files, lines: files.get('doccano.jsonl')!.trimEnd().split('\n').map((l) => JSON.parse(l) as Line) };
}

describe('doccano export', () => {
  it('gives UTF-16 offsets by default, and code points when asked, that slice to the fragment text', () => {
    const snapshot = buildFixtureSnapshot();
    for (const [unit, slice] of [[undefined, (t: string, s: number, e: number) => t.slice(s, e)], ['codePoint', sliceCodePoints]] as const) {
      const { lines } = exportLines(unit ? { offsetUnit: unit } : {});
      lines.forEach((line, d) => {
        const fragments = snapshot.documents[d]!.annotations.flatMap((a) => a.fragments.map((f) => f.exact)).sort();
        expect(line.entities.map((e) => slice(line.text, e.start_offset, e.end_offset)).sort()).toEqual(fragments);
      });
    }
  });

  it('numbers entities uniquely, ties fragments, and writes in-document relations', () => {
    const { lines } = exportLines();
    const ids = lines.flatMap((l) => l.entities.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    const tied = lines[0]!.corroborate_spans.find((s) => s.annotation_id === 'a1000000-0000-4000-8000-000000000005')!;
    expect(tied.entity_ids).toHaveLength(2);
    expect(lines[0]!.relations.map((r) => r.type)).toEqual(['Supports', 'Contradicts']);
    expect(lines[2]!.relations).toHaveLength(1);
    for (const line of lines) {
      const own = new Set(line.entities.map((e) => e.id));
      for (const r of line.relations) expect(own.has(r.from_id) && own.has(r.to_id)).toBe(true);
    }
  });

  it('references cross-document ends as LINE:ENTITY, whatever order the files are read in', () => {
    const files = [...exportDoccano(buildFixtureSnapshot())];
    const side = [...files[1]!.chunks].join('');
    const lines = [...files[0]!.chunks].join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
    const parsed = parseCrossDocumentLinks(side, 'side.tsv');
    expect(parsed.ok && parsed.value).toHaveLength(4);
    if (!parsed.ok) return;
    for (const row of parsed.value) {
      for (const end of [row.source, row.target]) {
        const line = lines[Number(end.document) - 1]!;
        expect(line.entities.some((e) => e.id === Number(end.span))).toBe(true);
      }
    }
    expect(exportLines().files.get('cross-document-links.tsv')).toBe(side);
  });
});
