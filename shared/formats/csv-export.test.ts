import { describe, expect, it } from 'vitest';
import { csvField } from './csv-field.js';
import { exportCsv } from './csv-export.js';
import { collectExportedFiles } from './exported-file.js';
import { unguardSpreadsheetCell } from './spreadsheet-formula-guard.js';
import { buildFixtureSnapshot, sliceCodePoints } from './test-fixtures.js';
import { readCsv } from './csv-read.test-support.js';

const unguard = unguardSpreadsheetCell;

function tables(options?: Parameters<typeof exportCsv>[1]) {
  const files = collectExportedFiles(exportCsv(buildFixtureSnapshot(), options));
  return Object.fromEntries([...files].map(([path, text]) => {
    const [header, ...rows] = readCsv(text);
    return [path, rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])))];
  })) as Record<'documents.csv' | 'annotations.csv' | 'links.csv', Array<Record<string, string>>>;
}

describe('CSV export', () => {
  it('writes three RFC 4180 files with CRLF records and a header', () => {
    const files = collectExportedFiles(exportCsv(buildFixtureSnapshot()));
    expect([...files.keys()]).toEqual(['documents.csv', 'annotations.csv', 'links.csv']);
    for (const text of files.values()) expect(text.endsWith('\r\n')).toBe(true);
    const t = tables();
    expect(t['documents.csv']).toHaveLength(3);
    expect(t['annotations.csv']).toHaveLength(17);
    expect(t['links.csv']).toHaveLength(7);
  });

  it('gives offsets in both units that slice the document text (after removing the formula guard)', () => {
    const t = tables();
    const texts = new Map(t['documents.csv'].map((d) => [d.document_id!, unguard(d.text!)]));
    for (const row of t['annotations.csv']) {
      const text = texts.get(row.document_id!)!;
      const exact = unguard(row.text!);
      expect(text.slice(Number(row.start_utf16), Number(row.end_utf16))).toBe(exact);
      expect(sliceCodePoints(text, Number(row.start_code_point), Number(row.end_code_point))).toBe(exact);
    }
  });

  it('guards cells that spreadsheets would run as formulas, reversibly, and can be told not to', () => {
    const guarded = tables()['annotations.csv'].find((r) => r.attributes!.includes('HYPERLINK'))!;
    expect(guarded.attributes).toBe('{"claimant":"=HYPERLINK(\\"x\\")"}');
    expect(csvField('=SUM(A1)', true)).toBe("'=SUM(A1)");
    expect(csvField('-3 dead', true)).toBe("'-3 dead");
    expect(csvField("'quoted", true)).toBe("''quoted");
    expect(csvField('@cmd', false)).toBe('@cmd');
    expect(csvField(-3, true)).toBe('-3');
    expect(csvField('a,"b"\nc', false)).toBe('"a,""b""\nc"');
    expect(csvField(null, true)).toBe('');
  });

  it('adds a byte-order mark when asked', () => {
    const files = collectExportedFiles(exportCsv(buildFixtureSnapshot(), { byteOrderMark: true }));
    for (const text of files.values()) expect(text.startsWith('\ufeffdocument_id,') || text.startsWith('\ufeffannotation_id,') || text.startsWith('\ufefflink_id,')).toBe(true);
  });

  it('writes one row per fragment of a discontinuous span', () => {
    const rows = tables()['annotations.csv'].filter((r) => r.annotation_id === 'a1000000-0000-4000-8000-000000000005');
    expect(rows.map((r) => [r.fragment_index, r.fragment_count, r.text])).toEqual([
      ['0', '2', 'Families 👨‍👩‍👧'],
      ['1', '2', '10\u00a0km away'],
    ]);
  });
});
