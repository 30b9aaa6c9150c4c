import type { Annotation, AttributeValue, TextFragment } from '../model/annotation.js';
import type { DocumentMeta } from '../model/document.js';
import type { Label, LinkType } from '../model/label-schema.js';
import type { Link, LinkEnd } from '../model/link.js';
import { CodePointIndex, splitsSurrogatePair } from '../text/code-points.js';
import { fragmentAt } from '../text/text-quote.js';
import type { FormatProblem, ParseOutcome } from './format-problem.js';
import { emptyImportText, excessiveJsonNesting } from './import-input-checks.js';
import { documentIdFromIri, idFromIri, schemaIdFromIri, textSourceIri } from './web-annotation-iris.js';
import { provenanceAnnotator } from './import-provenance.js';

/** What the Web Annotation parser needs to know about the workspace it reads into. */
export interface WebAnnotationParseContext {
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  /** The documents targets may point at (by `urn:sha256:` source or document scope), with their text. */
  documents: ReadonlyArray<{ meta: DocumentMeta; text: string }>;
  /** Annotations already in the workspace that links in the file may point at. */
  knownAnnotations?: readonly LinkEnd[];
  /** Author and timestamp for annotations that carry none (default empty). */
  author?: string;
  timestamp?: string;
  /** The layer the annotations and links read go to (default: the owner's). */
  annotator?: string;
}

/** Annotations and links read from a Web Annotation export. */
export interface ParsedWebAnnotations {
  annotations: Annotation[];
  links: Link[];
}

type Json = Record<string, unknown>;

/**
 * Reads a Web Annotation export back: an `AnnotationCollection` with embedded pages (`first.items`),
 * a JSON array of annotations, one annotation, or JSON Lines. Each classifying annotation becomes an
 * annotation (one fragment per target; label from the classifying body's `urn:corroborate:label:`
 * id, else its value as a label name or id; attributes from `describing` JSON bodies; note from
 * `commenting` bodies), each `linking` annotation with two targets a link. Offsets come from the
 * TextPositionSelector (code points → UTF-16); when it does not slice the document's text to the
 * TextQuoteSelector's exact, that is reported for the annotation and the quote is searched for
 * (prefix+exact+suffix, then a unique exact), Hypothesis-style; when it cannot be placed the
 * annotation is left out. Problems name the file, the line (JSON Lines) and the annotation id.
 * A file with nothing to import (empty, white space, no annotation at all) or nested deeper than
 * any export (`MAX_IMPORT_JSON_NESTING`) is refused as a whole.
 */
export function parseW3cAnnotations(text: string, fileName: string, context: WebAnnotationParseContext): ParseOutcome<ParsedWebAnnotations> {
  const problems: FormatProblem[] = [];
  const items = readItems(text, fileName, problems);
  if (!Array.isArray(items)) return { ok: false, error: items };
  if (items.length === 0 && problems.length === 0) {
    return { ok: false, error: { fileName, reason: 'it holds no annotations (an empty list or collection); there is nothing to import' } };
  }

  const documents = new Map<string, { meta: DocumentMeta; text: string; index?: CodePointIndex }>();
  const byId = new Map<string, { meta: DocumentMeta; text: string; index?: CodePointIndex }>();
  for (const document of context.documents) {
    const entry = { ...document };
    documents.set(textSourceIri(document.meta.contentHash), entry);
    byId.set(document.meta.id, entry);
  }
  const labelsById = new Map(context.labels.map((l) => [l.id, l]));
  const typesById = new Map(context.linkTypes.map((t) => [t.id, t]));
  const ends = new Map<string, LinkEnd>();
  for (const end of context.knownAnnotations ?? []) ends.set(end.annotationId, end);

  const annotations: Annotation[] = [];
  const linkItems: Array<{ item: Json; line?: number }> = [];
  for (const { item, line } of items) {
    const problem = (reason: string): void => {
      problems.push({ fileName, ...(line === undefined ? {} : { line }), ...(typeof item.id === 'string' ? { itemId: item.id } : {}), reason });
    };
    if (!asArray(item.type).includes('Annotation') || typeof item.id !== 'string') {
      problem('not an Annotation with an id; skipped');
      continue;
    }
    if (asArray(item.motivation).includes('linking')) {
      linkItems.push(line === undefined ? { item } : { item, line });
      continue;
    }
    const annotation = readSpan(item, problem, documents, byId, labelsById, context);
    if (annotation) {
      annotations.push(annotation);
      ends.set(annotation.id, { documentId: annotation.documentId, annotationId: annotation.id });
    }
  }

  const links: Link[] = [];
  for (const { item, line } of linkItems) {
    const problem = (reason: string): void => {
      problems.push({ fileName, ...(line === undefined ? {} : { line }), itemId: item.id as string, reason });
    };
    const targets = asArray(item.target).map((t) => (typeof t === 'string' ? t : isObject(t) && typeof t.id === 'string' ? t.id : null));
    if (targets.length !== 2 || targets.some((t) => t === null)) {
      problem('a link needs exactly two annotation targets; skipped');
      continue;
    }
    const [source, target] = targets.map((t) => ends.get(idFromIri(t!)));
    if (!source || !target) {
      problem('it links an annotation that is not in the file or the workspace; skipped');
      continue;
    }
    const typeBody = bodiesOf(item).find((b) => asArray(b.purpose).includes('classifying') || asArray(b.purpose).includes('tagging'));
    const type = typeBody ? findSchemaItem(typeBody, 'link-type', typesById) : undefined;
    if (!type) {
      problem('its link type is missing or unknown; skipped');
      continue;
    }
    links.push({
      id: idFromIri(item.id as string),
      typeId: type.id,
      source,
      target,
      note: commentOf(item),
      ...provenanceOf(item, context),
    });
  }
  return { ok: true, value: { annotations, links }, problems };
}

function readItems(text: string, fileName: string, problems: FormatProblem[]): Array<{ item: Json; line?: number }> | FormatProblem {
  const empty = emptyImportText(text);
  if (empty) return { fileName, reason: empty };
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    const tooDeep = excessiveJsonNesting(whole);
    if (tooDeep) return { fileName, reason: tooDeep };
    if (Array.isArray(whole)) return whole.filter(isObject).map((item) => ({ item }));
    if (!isObject(whole)) return { fileName, reason: 'it holds neither annotations nor an annotation collection' };
    if (asArray(whole.type).includes('AnnotationCollection')) {
      const first = whole.first;
      if (!isObject(first) || !Array.isArray(first.items)) {
        return { fileName, reason: 'the collection does not embed its first page of items' };
      }
      if (first.next !== undefined) problems.push({ fileName, reason: 'only the first, embedded page was read' });
      return first.items.filter(isObject).map((item) => ({ item }));
    }
    if (asArray(whole.type).includes('AnnotationPage') && Array.isArray(whole.items)) return whole.items.filter(isObject).map((item) => ({ item }));
    return [{ item: whole }];
  }
  const items: Array<{ item: Json; line: number }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      const item: unknown = JSON.parse(line);
      const tooDeep = excessiveJsonNesting(item);
      if (tooDeep) return { fileName, line: i + 1, reason: tooDeep };
      if (isObject(item)) items.push({ item, line: i + 1 });
      else problems.push({ fileName, line: i + 1, reason: 'the line is not a JSON object; skipped' });
    } catch (error) {
      problems.push({ fileName, line: i + 1, reason: `the line is not valid JSON (${(error as Error).message}); skipped` });
    }
  }
  if (items.length === 0 && problems.length > 0) return { fileName, reason: 'it is neither JSON nor JSON Lines' };
  return items;
}

function readSpan(
  item: Json,
  problem: (reason: string) => void,
  documents: Map<string, { meta: DocumentMeta; text: string; index?: CodePointIndex }>,
  byId: Map<string, { meta: DocumentMeta; text: string; index?: CodePointIndex }>,
  labels: Map<string, Label>,
  context: WebAnnotationParseContext,
): Annotation | null {
  const targets = asArray(item.target).filter(isObject);
  if (targets.length === 0) {
    problem('it has no text target; skipped');
    return null;
  }
  let document: { meta: DocumentMeta; text: string; index?: CodePointIndex } | undefined;
  for (const target of targets) {
    const found =
      (typeof target.source === 'string' ? documents.get(target.source) : undefined) ??
      (typeof target.scope === 'string' ? byId.get(documentIdFromIri(target.scope) ?? '') : undefined);
    if (!found) {
      problem(`its target ${String(target.source)} is not a document of the workspace; skipped`);
      return null;
    }
    if (document && document !== found) {
      problem('its targets are in different documents; skipped');
      return null;
    }
    document = found;
  }
  const doc = document!;
  doc.index ??= new CodePointIndex(doc.text);
  const fragments: TextFragment[] = [];
  for (const target of targets) {
    const selectors = asArray(target.selector).filter(isObject);
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const range = placeTarget(doc.text, doc.index, position, quote, problem);
    if (!range) return null;
    fragments.push(fragmentAt(doc.text, range));
  }
  fragments.sort((a, b) => a.start - b.start);
  if (fragments.some((f, i) => i > 0 && f.start < fragments[i - 1]!.end)) {
    problem('its targets overlap; skipped');
    return null;
  }
  const bodies = bodiesOf(item);
  const classifying = bodies.find((b) => asArray(b.purpose).includes('classifying'));
  const label = classifying ? findSchemaItem(classifying, 'label', labels) : undefined;
  if (!label) {
    problem('its label is missing or unknown; skipped');
    return null;
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const body of bodies.filter((b) => asArray(b.purpose).includes('describing'))) {
    try {
      const parsed: unknown = JSON.parse(String(body.value));
      if (isObject(parsed) && typeof parsed.name === 'string' && ['string', 'number', 'boolean'].includes(typeof parsed.value)) {
        attributes[parsed.name] = parsed.value as AttributeValue;
        continue;
      }
    } catch {
      // Reported below.
    }
    problem(`a describing body is not {"name", "value"} JSON; ignored`);
  }
  return {
    id: idFromIri(item.id as string),
    documentId: doc.meta.id,
    labelId: label.id,
    fragments,
    contentHash: doc.meta.contentHash,
    attributes,
    note: commentOf(item),
    ...provenanceOf(item, context),
    orphaned: false,
  };
}

function placeTarget(
  text: string,
  index: CodePointIndex,
  position: Json | undefined,
  quote: Json | undefined,
  problem: (reason: string) => void,
): { start: number; end: number } | null {
  const exact = quote && typeof quote.exact === 'string' && quote.exact ? quote.exact : null;
  if (position) {
    const { start, end } = position;
    if (Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) > (start as number) && (end as number) <= index.codePointLength) {
      const range = { start: index.toUtf16(start as number), end: index.toUtf16(end as number) };
      if (exact === null || text.slice(range.start, range.end) === exact) return range;
      problem(`its TextPositionSelector ${String(start)}–${String(end)} gives "${text.slice(range.start, range.end)}", not the quote "${exact}"`);
    } else {
      problem(`its TextPositionSelector ${String(start)}–${String(end)} is not inside the text`);
    }
  }
  if (exact === null) {
    problem('it has no usable selector; skipped');
    return null;
  }
  const prefix = typeof quote!.prefix === 'string' ? quote!.prefix : '';
  const suffix = typeof quote!.suffix === 'string' ? quote!.suffix : '';
  const withContext = text.indexOf(prefix + exact + suffix);
  let start = withContext >= 0 ? withContext + prefix.length : -1;
  if (start < 0) {
    const first = text.indexOf(exact);
    start = first >= 0 && text.indexOf(exact, first + 1) < 0 ? first : -1;
  }
  if (start < 0 || splitsSurrogatePair(text, start)) {
    problem(`its quote "${exact}" was not found once in the text; skipped`);
    return null;
  }
  if (position) problem(`placed by its quote at ${index.toCodePoint(start)}–${index.toCodePoint(start + exact.length)} instead`);
  return { start, end: start + exact.length };
}

function findSchemaItem<T extends { id: string; name: string }>(body: Json, kind: 'label' | 'link-type', byId: Map<string, T>): T | undefined {
  const fromIri = typeof body.id === 'string' ? schemaIdFromIri(body.id, kind) : null;
  if (fromIri !== null && byId.has(fromIri)) return byId.get(fromIri);
  const value = typeof body.value === 'string' ? body.value : '';
  const all = [...byId.values()];
  return (
    all.find((x) => x.name === value) ?? byId.get(value) ?? all.find((x) => x.name.toLowerCase() === value.toLowerCase())
  );
}

function bodiesOf(item: Json): Json[] {
  return asArray(item.body).filter(isObject);
}

function commentOf(item: Json): string {
  const notes = bodiesOf(item)
    .filter((b) => asArray(b.purpose).includes('commenting') && typeof b.value === 'string')
    .map((b) => b.value as string);
  if (typeof item.bodyValue === 'string') notes.push(item.bodyValue);
  return notes.join('\n\n');
}

function provenanceOf(item: Json, context: WebAnnotationParseContext): { author: string; annotator: string; createdAt: string; updatedAt: string } {
  const creator = asArray(item.creator)[0];
  const author = typeof creator === 'string' ? creator : isObject(creator) && typeof creator.name === 'string' ? creator.name : context.author ?? '';
  const createdAt = typeof item.created === 'string' ? item.created : context.timestamp ?? '';
  const updatedAt = typeof item.modified === 'string' ? item.modified : createdAt;
  return { author, annotator: provenanceAnnotator(context), createdAt, updatedAt };
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
