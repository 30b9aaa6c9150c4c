import type { Link } from '../model/link.js';
import type { FormatProblem, ParseOutcome } from './format-problem.js';
import { guardSpreadsheetCell, unguardSpreadsheetCell } from './spreadsheet-formula-guard.js';
import { provenanceAnnotator, type ImportProvenance } from './import-provenance.js';

/** The file name of the side file that holds links between documents, in formats that cannot. */
export const CROSS_DOCUMENT_LINKS_FILE = 'cross-document-links.tsv';

/** The header row of the cross-document links side file. */
export const CROSS_DOCUMENT_LINKS_HEADER = ['link_id', 'type', 'directed', 'source', 'target', 'note'] as const;

/** One row of the side file: `source`/`target` are `DOCUMENT:SPAN` references in the format's own names. */
export interface CrossDocumentLinkRow {
  linkId: string;
  type: string;
  directed: boolean;
  source: { document: string; span: string };
  target: { document: string; span: string };
  note: string;
}

/**
 * Writes the cross-document links side file: tab-separated, LF, a header row, one link per line
 * with its id, type id, `true`/`false` for directed, the two ends as `DOCUMENT:SPAN` (brat
 * `name:T3`, Label Studio `task:region`, doccano `line:entity`) and the note. Tabs and line breaks
 * in fields are written as `\t`, `\n`, `\r`, and a backslash as `\\`; then every field is guarded
 * against spreadsheet formulas (`guardSpreadsheetCell`), which `parseCrossDocumentLinks` undoes.
 */
export function* crossDocumentLinkChunks(rows: Iterable<CrossDocumentLinkRow>): Iterable<string> {
  yield `${CROSS_DOCUMENT_LINKS_HEADER.join('\t')}\n`;
  for (const row of rows) {
    yield `${[
      row.linkId,
      row.type,
      String(row.directed),
      `${row.source.document}:${row.source.span}`,
      `${row.target.document}:${row.target.span}`,
      row.note,
    ]
      .map((field) => guardSpreadsheetCell(escapeField(field)))
      .join('\t')}\n`;
  }
}

/**
 * Reads a cross-document links side file back into rows. A row with the wrong number of fields or
 * an end without `:` is reported with its line number and skipped.
 */
export function parseCrossDocumentLinks(text: string, fileName: string): ParseOutcome<CrossDocumentLinkRow[]> {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== CROSS_DOCUMENT_LINKS_HEADER.join('\t')) {
    return { ok: false, error: { fileName, line: 1, reason: `the first line is not the header ${CROSS_DOCUMENT_LINKS_HEADER.join(', ')}` } };
  }
  const rows: CrossDocumentLinkRow[] = [];
  const problems: FormatProblem[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line) continue;
    const fields = line.split('\t').map((field) => unescapeField(unguardSpreadsheetCell(field)));
    const source = splitReference(fields[3]);
    const target = splitReference(fields[4]);
    if (fields.length !== CROSS_DOCUMENT_LINKS_HEADER.length || !source || !target) {
      problems.push({ fileName, line: i + 1, reason: 'expected 6 tab-separated fields with DOCUMENT:SPAN ends; skipped' });
      continue;
    }
    rows.push({ linkId: fields[0]!, type: fields[1]!, directed: fields[2] === 'true', source, target, note: fields[5]! });
  }
  return { ok: true, value: rows, problems };
}

/** Resolves side-file rows to links, given how a `DOCUMENT:SPAN` reference maps to an annotation. */
export function linksFromCrossDocumentRows(
  rows: readonly CrossDocumentLinkRow[],
  resolve: (reference: { document: string; span: string }) => { documentId: string; annotationId: string } | undefined,
  fileName: string,
  provenance: ImportProvenance = { author: '', timestamp: '' },
): ParseOutcome<Link[]> {
  const links: Link[] = [];
  const problems: FormatProblem[] = [];
  for (const row of rows) {
    const source = resolve(row.source);
    const target = resolve(row.target);
    if (!source || !target) {
      problems.push({ fileName, itemId: row.linkId, reason: 'one of its ends is not a known span; skipped' });
      continue;
    }
    links.push({
      id: row.linkId,
      typeId: row.type,
      source,
      target,
      note: row.note,
      author: provenance.author,
      annotator: provenanceAnnotator(provenance),
      createdAt: provenance.timestamp,
      updatedAt: provenance.timestamp,
    });
  }
  return { ok: true, value: links, problems };
}

function splitReference(value: string | undefined): { document: string; span: string } | null {
  if (value === undefined) return null;
  const colon = value.lastIndexOf(':');
  return colon > 0 && colon < value.length - 1 ? { document: value.slice(0, colon), span: value.slice(colon + 1) } : null;
}

function escapeField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

function unescapeField(value: string): string {
  return value.replace(/\\([\\tnr])/g, (_m, c: string) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c]!);
}
