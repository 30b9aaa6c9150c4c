import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { bratEntityIds, exportBratStandoff } from './brat-export.js';
import { parseBratCrossDocumentLinks, parseBratStandoff, type ParsedBratDocument } from './brat-parse.js';
import { bratPieces, joinBratPieces } from './brat-pieces.js';
import { decodeBratValue, encodeBratValue } from './brat-values.js';
import { assignDocumentFileNames } from './document-file-names.js';
import { exportableAnnotations } from './exportable-annotation.js';
import { collectExportedFiles } from './exported-file.js';
import { buildFixtureSnapshot, sliceCodePoints, snapshotOfSeededSpans } from './test-fixtures.js';

function exportFiles(snapshot: WorkspaceSnapshot) {
  return collectExportedFiles(exportBratStandoff(snapshot));
}

function parseAll(snapshot: WorkspaceSnapshot, files: Map<string, string>): ParsedBratDocument[] {
  const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
  return snapshot.documents.map((d) => {
    const name = names.get(d.meta.id)!;
    const result = parseBratStandoff(
      { name, txt: files.get(`${name}.txt`)!, ann: files.get(`${name}.ann`)! },
      { labels: snapshot.labels, linkTypes: snapshot.linkTypes, documentId: d.meta.id },
    );
    expect(result.ok && result.problems).toEqual([]);
    if (!result.ok) throw new Error('unreachable');
    return result.value;
  });
}

/** What brat keeps of an annotation: fragments in canonical brat form, false booleans dropped, one-line notes. */
function bratView(text: string, a: Annotation) {
  return {
    labelId: a.labelId,
    fragments: joinBratPieces(text, bratPieces(text, a.fragments)),
    attributes: Object.fromEntries(Object.entries(a.attributes).filter(([, v]) => v !== false)),
    note: a.note.replace(/[\t\n]/g, ' '),
  };
}

describe('brat standoff export', () => {
  it('writes .txt/.ann per document, both confs and the side file', () => {
    const files = exportFiles(buildFixtureSnapshot());
    expect([...files.keys()]).toEqual([
      'flood-in-riverton-mayor-vows-a0000000.txt',
      'flood-in-riverton-mayor-vows-a0000000.ann',
      'riverton-officials-revise-toll-b0000000.txt',
      'riverton-officials-revise-toll-b0000000.ann',
      'police-statement-c0000000.txt',
      'police-statement-c0000000.ann',
      'annotation.conf',
      'visual.conf',
      'cross-document-links.tsv',
    ]);
  });

  it('writes the stored text exactly, and T offsets in code points that slice it to the written text', () => {
    const snapshot = buildFixtureSnapshot();
    const files = exportFiles(snapshot);
    const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
    for (const document of snapshot.documents) {
      const name = names.get(document.meta.id)!;
      const txt = files.get(`${name}.txt`)!;
      expect(txt).toBe(document.text);
      const tLines = files.get(`${name}.ann`)!.split('\n').filter((l) => l.startsWith('T'));
      expect(tLines).toHaveLength(document.annotations.length);
      const byPosition = exportableAnnotations(document);
      tLines.forEach((line, i) => {
        const [, body, written] = line.split('\t') as [string, string, string];
        const [, ...ranges] = body.split(/ (?=\d)/);
        const pieces = ranges.join(' ').split(';').map((r) => r.split(' ').map(Number) as [number, number]);
        expect(pieces.map(([s, e]) => sliceCodePoints(txt, s, e)).join(' ')).toBe(written);
        expect(written).not.toMatch(/\n/);
        const original = byPosition[i]!;
        expect(pieces.map(([s, e]) => sliceCodePoints(txt, s, e)).join('')).toBe(original.fragments.map((f) => f.exact).join('').replaceAll('\n', ''));
      });
    }
  });

  it('writes discontinuous and multi-line spans as ; pieces, attributes, notes and relations', () => {
    const ann = exportFiles(buildFixtureSnapshot()).get('flood-in-riverton-mayor-vows-a0000000.ann')!;
    expect(ann).toContain('\tfact 79 93;101 111\tFamilies 👨‍👩‍👧 10\u00a0km away\n');
    expect(ann).toMatch(/\tquote \d+ \d+;\d+ \d+\tthe water rose fast\n/);
    expect(ann).toContain('\tspeaker T1 Mayor%20Li\n'.replace('T1', ann.match(/(T\d+)\tquote [\d ]+\tWe will rebuild\./)![1]!));
    expect(ann).toMatch(/^A\d+\tverbatim T\d+$/m);
    expect(ann).not.toMatch(/verbatim T\d+ false/);
    expect(ann).toMatch(/^A\d+\tdeath%20toll T\d+ 3$/m);
    expect(ann).toMatch(/^#\d+\tAnnotatorNotes T\d+\tNeeds a second source; see AP\.$/m);
    expect(ann).toMatch(/^R1\tsupports Arg1:T\d+ Arg2:T\d+$/m);
    expect(ann).toMatch(/^R2\tcontradicts Arg1:T\d+ Arg2:T\d+$/m);
  });

  it('generates annotation.conf and visual.conf from the schema', () => {
    const files = exportFiles(buildFixtureSnapshot());
    const conf = files.get('annotation.conf')!;
    expect(conf).toContain('[entities]\nclaim\nquote\nfact\n');
    expect(conf).toContain('same\tArg1:<ENTITY>, Arg2:<ENTITY>\n');
    expect(conf).toContain('verdict\tArg:claim, Value:true|false|misleading|unverifiable\n');
    expect(conf).toContain('verbatim\tArg:quote\n');
    expect(conf).toMatch(/^speaker\tArg:quote, Value:Mayor%20Li\|Ẹ́mi$/m);
    expect(conf).toMatch(/^death%20toll\tArg:fact, Value:3\|0$/m);
    const visual = files.get('visual.conf')!;
    expect(visual).toContain('quote | Quote\n');
    expect(visual).toContain('quote\tbgColor:#3b82f6\n');
    expect(visual).toContain('same\tcolor:#6366f1\n');
  });

  it('puts links between documents in the side file as NAME:Tn', () => {
    const tsv = exportFiles(buildFixtureSnapshot()).get('cross-document-links.tsv')!;
    const rows = tsv.trimEnd().split('\n');
    expect(rows[0]).toBe('link_id\ttype\tdirected\tsource\ttarget\tnote');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(/^11111111-0000-4000-8000-000000000001\tsame\tfalse\tflood-in-riverton-mayor-vows-a0000000:T\d+\triverton-officials-revise-toll-b0000000:T\d+\t$/);
  });

  it('round-trips spans, labels, attributes, notes and links', () => {
    const snapshot = buildFixtureSnapshot();
    const files = exportFiles(snapshot);
    const parsed = parseAll(snapshot, files);
    const idMap = new Map<string, string>();
    snapshot.documents.forEach((document, i) => {
      const doc = parsed[i]!;
      expect(doc.text).toBe(document.text);
      const expected = exportableAnnotations(document);
      expect(doc.annotations.map((a) => bratView(doc.text, a))).toEqual(expected.map((a) => bratView(document.text, a)));
      for (const [annotationId, tid] of bratEntityIds(document)) idMap.set(doc.annotationIdsByBratId.get(tid)!, annotationId);
    });
    const cross = parseBratCrossDocumentLinks(files.get('cross-document-links.tsv')!, 'cross-document-links.tsv', parsed);
    expect(cross.ok && cross.problems).toEqual([]);
    if (!cross.ok) return;
    const links = [...parsed.flatMap((d) => d.links), ...cross.value].map((l) => `${l.typeId} ${idMap.get(l.source.annotationId)} ${idMap.get(l.target.annotationId)}`);
    expect(links.sort()).toEqual(snapshot.links.map((l) => `${l.typeId} ${l.source.annotationId} ${l.target.annotationId}`).sort());
    expect(cross.value.map((l) => l.id).sort()).toEqual(snapshot.links.filter((l) => l.source.documentId !== l.target.documentId).map((l) => l.id).sort());
  });

  it('joins a span that crossed lines back into one fragment', () => {
    const snapshot = buildFixtureSnapshot();
    const [doc] = parseAll(snapshot, exportFiles(snapshot));
    const multiLine = doc!.annotations.find((a) => a.fragments.some((f) => f.exact.includes('\n')))!;
    expect(multiLine.fragments.map((f) => f.exact)).toEqual(['the water\nrose fast']);
  });
});

describe('parseBratStandoff', () => {
  const context = () => {
    const s = buildFixtureSnapshot();
    return { labels: s.labels, linkTypes: s.linkTypes };
  };

  it('reports, by line number, text that does not match the offsets, and unknown types', () => {
    const txt = 'Mayor 😢 Li said so.';
    const ann = ['T1\tquote 0 5\tMayor', 'T2\tquote 8 10\tLu', 'T3\trumour 0 5\tMayor', 'T4\tfact 6 7\t😢', 'A1\tverbatim T1', 'A2\tdeath%20toll T4 2', 'R1\tsupports Arg1:T4 Arg2:T2', 'E1\tEvent:T1', 'T5\tquote 0 99\tMayor'].join('\n');
    const result = parseBratStandoff({ name: 'doc', txt, ann }, context());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.problems.map((p) => `${p.fileName}:${p.line} ${p.reason}`)).toEqual([
      'doc.ann:2 the offsets give "Li" but the line says "Lu"; skipped',
      'doc.ann:3 unknown entity type "rumour"; skipped',
      'doc.ann:9 offsets 0 99 are not a span of the 19-character text; skipped',
      'doc.ann:7 relation between unknown or skipped spans; skipped',
      'doc.ann:8 unsupported or malformed line "E1\tEvent:T1"; ignored',
    ]);
    expect(result.value.annotations.map((a) => [a.id, a.fragments[0]!.exact, a.attributes])).toEqual([
      ['doc:T1', 'Mayor', { verbatim: true }],
      ['doc:T4', '😢', { 'death toll': 2 }],
    ]);
    expect(result.value.annotations[1]!.fragments[0]).toMatchObject({ start: 6, end: 8 });
  });

  it('reads equivalence lines as a chain of links', () => {
    const txt = 'a b c';
    const ann = 'T1\tfact 0 1\ta\nT2\tfact 2 3\tb\nT3\tfact 4 5\tc\n*\tsame T1 T2 T3\n';
    const result = parseBratStandoff({ name: 'd', txt, ann }, context());
    expect(result.ok && result.value.links.map((l) => `${l.source.annotationId}-${l.target.annotationId}`)).toEqual(['d:T1-d:T2', 'd:T2-d:T3']);
  });

  it('encodes attribute values brat cannot hold, reversibly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const encoded = encodeBratValue(value);
        expect(encoded).not.toMatch(/[\s|,]/u);
        expect(encoded.length).toBeGreaterThan(0);
        expect(decodeBratValue(encoded)).toBe(value);
      }),
    );
  });

  it('round-trips random spans over text with astral characters and line breaks (property)', () => {
    const char = fc.oneof(fc.constantFrom('a', ' ', '\n', '\u2028', 'e\u0301', '😢', '🇺🇦', '👨‍👩‍👧', '\u00a0', 'ש'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    const text = fc.array(char, { minLength: 1, maxLength: 40 }).map((parts) => parts.join('').replace(/\r/g, ''));
    const seeds = fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), { maxLength: 6 });
    fc.assert(
      fc.property(text, seeds, (t, s) => {
        const snapshot = snapshotOfSeededSpans(t, s);
        const files = exportFiles(snapshot);
        const document = snapshot.documents[0]!;
        const name = assignDocumentFileNames([document.meta]).get(document.meta.id)!;
        const result = parseBratStandoff({ name, txt: files.get(`${name}.txt`)!, ann: files.get(`${name}.ann`)! }, { labels: snapshot.labels, linkTypes: snapshot.linkTypes });
        expect(result.ok && result.problems).toEqual([]);
        if (!result.ok) return;
        const expected = exportableAnnotations(document).filter((a) => bratPieces(t, a.fragments).length > 0);
        expect(result.value.annotations.map((a) => bratView(t, a))).toEqual(expected.map((a) => bratView(t, a)));
      }),
      { numRuns: 200 },
    );
  });
});
