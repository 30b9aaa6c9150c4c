import type { Annotation, AttributeValue, TextRange } from '../model/annotation.js';
import type { Label, LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import { CodePointIndex } from '../text/code-points.js';
import { contentHash } from '../text/content-hash.js';
import { fragmentAt } from '../text/text-quote.js';
import { joinBratPieces } from './brat-pieces.js';
import { decodeBratValue, encodeBratValue } from './brat-values.js';
import { linksFromCrossDocumentRows, parseCrossDocumentLinks } from './cross-document-links.js';
import type { FormatProblem, ParseOutcome } from './format-problem.js';
import { provenanceAnnotator, type ImportProvenance } from './import-provenance.js';

/** One brat document: its name (without extension) and the contents of `NAME.txt` and `NAME.ann`. */
export interface BratDocumentFiles {
  name: string;
  txt: string;
  ann: string;
}

/** What the brat parser needs to know about the workspace it reads into. */
export interface BratParseContext {
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  /** The id to give the document (default: its name). */
  documentId?: string;
  /** Author and timestamp of the annotations and links read (default empty). */
  author?: string;
  timestamp?: string;
  /** The layer the annotations and links read go to (default: the owner's). */
  annotator?: string;
  /** Makes the id of an annotation or link from the brat id (default `NAME:T3`, `NAME:R1`). */
  newId?: (documentName: string, bratId: string) => string;
}

/** A brat document read back. */
export interface ParsedBratDocument {
  name: string;
  documentId: string;
  /** The `.txt` contents: the text the annotations' offsets index. */
  text: string;
  annotations: Annotation[];
  /** Relations inside the document. */
  links: Link[];
  /** Annotation id of each brat T id read. */
  annotationIdsByBratId: Map<string, string>;
}

const T_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/;
const A_LINE = /^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?$/;
const R_LINE = /^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)\s*$/;
const NOTE_LINE = /^(#\d*)\tAnnotatorNotes (T\d+)\t(.*)$/;
const EQUIV_LINE = /^\*\t(\S+)((?: T\d+)+)\s*$/;

/**
 * Reads one brat document back. T offsets (code points) are converted to UTF-16 against the
 * `.txt`; the text column must equal the pieces joined by one space, or the line is reported (with
 * its line number) and skipped. Pieces separated only by line breaks are joined again
 * (`joinBratPieces`). The entity type is matched to a label id, then to an (encoded) label name.
 * `A` lines become attributes typed by the label's schema (binary → true, numbers parsed,
 * values decoded), `#` AnnotatorNotes lines notes, `R` lines links whose type must be a link type
 * id, `*` lines (equivalences) a chain of links. Other lines (events, normalisations) are reported
 * and ignored.
 */
export function parseBratStandoff(files: BratDocumentFiles, context: BratParseContext): ParseOutcome<ParsedBratDocument> {
  const fileName = `${files.name}.ann`;
  const problems: FormatProblem[] = [];
  const text = files.txt;
  const index = new CodePointIndex(text);
  const hash = contentHash(text);
  const documentId = context.documentId ?? files.name;
  const newId = context.newId ?? ((name: string, bratId: string) => `${name}:${bratId}`);
  const author = context.author ?? '';
  const annotator = provenanceAnnotator(context);
  const timestamp = context.timestamp ?? '';
  const labelsById = new Map(context.labels.map((l) => [l.id, l]));
  const labelsByName = new Map(context.labels.map((l) => [encodeBratValue(l.name), l]));
  const typeIds = new Set(context.linkTypes.map((t) => t.id));
  const annotations = new Map<string, Annotation>();
  const links: Link[] = [];
  const deferred: Array<{ line: number; content: string }> = [];
  const problem = (line: number, reason: string, itemId?: string) =>
    problems.push({ fileName, line, ...(itemId === undefined ? {} : { itemId }), reason });

  const lines = files.ann.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/\r$/, '');
    if (!content.trim()) return;
    const t = T_LINE.exec(content);
    if (!t) {
      if (/^T\d+\t/.test(content)) problem(line, 'a text-bound line must read `Tn<TAB>Type START END[;START END]<TAB>text`; skipped');
      else deferred.push({ line, content });
      return;
    }
    const [, bratId, type, offsets, written] = t as unknown as [string, string, string, string, string];
    if (annotations.has(bratId)) return problem(line, `${bratId} is defined twice; skipped`, bratId);
    const label = labelsById.get(type) ?? labelsByName.get(type);
    if (!label) return problem(line, `unknown entity type "${type}"; skipped`, bratId);
    const pieces: TextRange[] = [];
    for (const pair of offsets.split(';')) {
      const [start, end] = pair.split(' ').map(Number) as [number, number];
      if (end <= start || end > index.codePointLength) {
        return problem(line, `offsets ${start} ${end} are not a span of the ${index.codePointLength}-character text; skipped`, bratId);
      }
      pieces.push({ start: index.toUtf16(start), end: index.toUtf16(end) });
    }
    pieces.sort((a, b) => a.start - b.start);
    if (pieces.some((p, j) => j > 0 && p.start < pieces[j - 1]!.end)) return problem(line, 'its pieces overlap; skipped', bratId);
    const actual = pieces.map((p) => text.slice(p.start, p.end)).join(' ');
    if (actual !== written) {
      return problem(line, `the offsets give "${actual}" but the line says "${written}"; skipped`, bratId);
    }
    annotations.set(bratId, {
      id: newId(files.name, bratId),
      documentId,
      labelId: label.id,
      fragments: joinBratPieces(text, pieces).map((range) => fragmentAt(text, range)),
      contentHash: hash,
      attributes: {},
      note: '',
      author,
      annotator,
      createdAt: timestamp,
      updatedAt: timestamp,
      orphaned: false,
    });
  });

  for (const { line, content } of deferred) {
    const a = A_LINE.exec(content);
    if (a) {
      const [, bratId, encodedName, target, encodedValue] = a as unknown as [string, string, string, string, string | undefined];
      const annotation = annotations.get(target);
      if (!annotation) {
        problem(line, `attribute of unknown or skipped ${target}; ignored`, bratId);
        continue;
      }
      const label = labelsById.get(annotation.labelId)!;
      const definition = label.attributes.find((d) => encodeBratValue(d.name) === encodedName);
      const name = definition?.name ?? decodeBratValue(encodedName);
      if (!definition) problem(line, `"${name}" is not an attribute of label ${label.id}; kept as text`, bratId);
      annotation.attributes[name] = attributeValue(definition?.type, encodedValue);
      continue;
    }
    const note = NOTE_LINE.exec(content);
    if (note) {
      const annotation = annotations.get(note[2]!);
      if (!annotation) problem(line, `note on unknown or skipped ${note[2]!}; ignored`, note[1]!);
      else annotation.note = annotation.note ? `${annotation.note}\n${note[3]!}` : note[3]!;
      continue;
    }
    const r = R_LINE.exec(content);
    if (r) {
      const [, bratId, type, arg1, arg2] = r as unknown as [string, string, string, string, string];
      const source = annotations.get(arg1);
      const target = annotations.get(arg2);
      if (!typeIds.has(type)) problem(line, `unknown relation type "${type}"; skipped`, bratId);
      else if (!source || !target) problem(line, `relation between unknown or skipped spans; skipped`, bratId);
      else links.push(makeLink(newId(files.name, bratId), type, source, target, { author, annotator, timestamp }));
      continue;
    }
    const equiv = EQUIV_LINE.exec(content);
    if (equiv) {
      const type = equiv[1]!;
      const members = equiv[2]!.trim().split(' ').map((id) => annotations.get(id));
      if (!typeIds.has(type)) problem(line, `unknown equivalence type "${type}"; skipped`);
      else if (members.some((m) => !m)) problem(line, 'equivalence of unknown or skipped spans; skipped');
      else {
        for (let j = 1; j < members.length; j++) {
          links.push(makeLink(newId(files.name, `*${line}-${j}`), type, members[j - 1]!, members[j]!, { author, annotator, timestamp }));
        }
      }
      continue;
    }
    problem(line, `unsupported or malformed line "${content.slice(0, 40)}"; ignored`);
  }

  const annotationIdsByBratId = new Map([...annotations].map(([bratId, a]) => [bratId, a.id]));
  return {
    ok: true,
    value: { name: files.name, documentId, text, annotations: [...annotations.values()], links, annotationIdsByBratId },
    problems,
  };
}

/**
 * Reads brat's `cross-document-links.tsv` side file back into links between the given parsed
 * documents (ends are `NAME:Tn`); rows naming an unknown document or span are reported and skipped.
 */
export function parseBratCrossDocumentLinks(
  text: string,
  fileName: string,
  documents: readonly ParsedBratDocument[],
  provenance: ImportProvenance = { author: '', timestamp: '' },
): ParseOutcome<Link[]> {
  const rows = parseCrossDocumentLinks(text, fileName);
  if (!rows.ok) return rows;
  const byName = new Map(documents.map((d) => [d.name, d]));
  const links = linksFromCrossDocumentRows(
    rows.value,
    ({ document, span }) => {
      const parsed = byName.get(document);
      const annotationId = parsed?.annotationIdsByBratId.get(span);
      return parsed && annotationId ? { documentId: parsed.documentId, annotationId } : undefined;
    },
    fileName,
    provenance,
  );
  return links.ok ? { ok: true, value: links.value, problems: [...rows.problems, ...links.problems] } : links;
}

function attributeValue(type: string | undefined, encoded: string | undefined): AttributeValue {
  if (encoded === undefined) return true;
  const value = decodeBratValue(encoded);
  if (type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function makeLink(id: string, typeId: string, source: Annotation, target: Annotation, { author, annotator, timestamp }: Required<ImportProvenance>): Link {
  return {
    id,
    typeId,
    source: { documentId: source.documentId, annotationId: source.id },
    target: { documentId: target.documentId, annotationId: target.id },
    note: '',
    author,
    annotator,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}
