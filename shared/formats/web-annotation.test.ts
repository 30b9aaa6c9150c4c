import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { exportableAnnotations } from './exportable-annotation.js';
import { collectExportedFiles } from './exported-file.js';
import { buildFixtureSnapshot, sliceCodePoints, snapshotOfSeededSpans } from './test-fixtures.js';
import { exportW3cAnnotationCollection, exportW3cAnnotationJsonLines } from './web-annotation-export.js';
import { parseW3cAnnotations } from './web-annotation-parse.js';

/** `validate-web-annotation` (CommonJS, ajv 6, schemas compiled locally: it fetches nothing). */
const validateWithPackage = createRequire(import.meta.url)('validate-web-annotation') as (annotation: unknown) => boolean;

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
const PURPOSES = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'];

/**
 * Our own statement of the MUSTs the W3C test suite (w3c/web-annotation-tests, annotationMusts)
 * checks, for the parts we use; written here, not copied. It also covers what the package gets
 * wrong: it requires `created`/`modified` to be a date, where the model (and the suite's
 * `createdValidIfPresent`) require xsd:dateTime.
 */
function mustViolations(annotation: Record<string, unknown>): string[] {
  const out: string[] = [];
  const context = annotation['@context'];
  if (!(context === 'http://www.w3.org/ns/anno.jsonld' || (Array.isArray(context) && context.includes('http://www.w3.org/ns/anno.jsonld')))) out.push('context');
  if (typeof annotation.id !== 'string' || !IRI.test(annotation.id)) out.push('id');
  const type = annotation.type;
  if (!(type === 'Annotation' || (Array.isArray(type) && type.includes('Annotation')))) out.push('type');
  if ('body' in annotation && 'bodyValue' in annotation) out.push('body and bodyValue');
  for (const key of ['created', 'modified'] as const) {
    if (key in annotation && (typeof annotation[key] !== 'string' || !XSD_DATE_TIME.test(annotation[key] as string))) out.push(key);
  }
  if (!PURPOSES.includes(annotation.motivation as string)) out.push('motivation');
  const targets = [annotation.target].flat();
  if (targets.length === 0 || targets[0] === undefined) out.push('target');
  for (const target of targets) {
    if (typeof target === 'string') {
      if (!IRI.test(target)) out.push('target IRI');
      continue;
    }
    const t = target as Record<string, unknown>;
    if (typeof t.source !== 'string' || !IRI.test(t.source)) out.push('target source');
    if (typeof t.scope !== 'string' || !IRI.test(t.scope)) out.push('target scope');
    for (const s of [t.selector].flat() as Array<Record<string, unknown>>) {
      if (s.type === 'TextQuoteSelector' && typeof s.exact !== 'string') out.push('quote exact');
      if (s.type === 'TextPositionSelector' && !(Number.isInteger(s.start) && Number.isInteger(s.end) && (s.start as number) >= 0 && (s.end as number) >= 0)) out.push('position');
    }
  }
  for (const body of [annotation.body].flat() as Array<Record<string, unknown>>) {
    if (body.type !== 'TextualBody' || typeof body.value !== 'string') out.push('body');
    if (!PURPOSES.includes(body.purpose as string)) out.push('purpose');
    if ('format' in body && !/^(application|text)\//.test(String(body.format))) out.push('format');
    if ('id' in body && !IRI.test(String(body.id))) out.push('body id');
  }
  return out;
}

function exportJsonLines(snapshot: WorkspaceSnapshot): Array<Record<string, unknown>> {
  const text = collectExportedFiles(exportW3cAnnotationJsonLines(snapshot)).get('annotations.jsonl')!;
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

function contextOf(snapshot: WorkspaceSnapshot) {
  return { labels: snapshot.labels, linkTypes: snapshot.linkTypes, documents: snapshot.documents };
}

/** What a span keeps through a W3C round trip. */
function essentials(a: Annotation) {
  return { id: a.id, documentId: a.documentId, labelId: a.labelId, fragments: a.fragments, attributes: a.attributes, note: a.note, author: a.author, createdAt: a.createdAt, updatedAt: a.updatedAt, contentHash: a.contentHash };
}

describe('W3C Web Annotation export', () => {
  it('writes one annotation per span and per link', () => {
    const snapshot = buildFixtureSnapshot();
    const lines = exportJsonLines(snapshot);
    const spans = snapshot.documents.reduce((n, d) => n + d.annotations.length, 0);
    expect(lines.filter((a) => a.motivation === 'classifying')).toHaveLength(spans);
    expect(lines.filter((a) => a.motivation === 'linking')).toHaveLength(snapshot.links.length);
  });

  it('passes validate-web-annotation and the W3C MUSTs for every annotation', () => {
    for (const annotation of exportJsonLines(buildFixtureSnapshot())) {
      expect(mustViolations(annotation), String(annotation.id)).toEqual([]);
      // The package wrongly wants created/modified as xsd:date; everything else it checks is kept.
      const { created: _c, modified: _m, ...rest } = annotation;
      expect(validateWithPackage(rest), String(annotation.id)).toBe(true);
    }
  });

  it('writes a collection whose embedded page holds the same annotations', () => {
    const snapshot = buildFixtureSnapshot();
    const collection = JSON.parse(collectExportedFiles(exportW3cAnnotationCollection(snapshot)).get('annotations.jsonld')!);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(collection.id).toMatch(/^urn:corroborate:collection:[0-9a-f]{64}$/);
    expect(collection.total).toBe(collection.first.items.length);
    const lines = exportJsonLines(snapshot);
    expect(collection.first.items.map((a: object) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...a }))).toEqual(lines);
  });

  it('writes an empty collection for an empty workspace', () => {
    const empty: WorkspaceSnapshot = { ...buildFixtureSnapshot(), documents: [], links: [] };
    const collection = JSON.parse(collectExportedFiles(exportW3cAnnotationCollection(empty)).get('annotations.jsonld')!);
    expect(collection.first.items).toEqual([]);
    expect(collection.total).toBe(0);
  });

  it('gives code-point positions that slice the text to the quote, one target per fragment', () => {
    const snapshot = buildFixtureSnapshot();
    const texts = new Map(snapshot.documents.map((d) => [`urn:${d.meta.contentHash}`, d.text]));
    const byId = new Map(snapshot.documents.flatMap((d) => d.annotations).map((a) => [`urn:uuid:${a.id}`, a]));
    for (const annotation of exportJsonLines(snapshot).filter((a) => a.motivation === 'classifying')) {
      const original = byId.get(annotation.id as string)!;
      const targets = [annotation.target].flat() as Array<{ source: string; selector: Array<{ type: string; start: number; end: number; exact: string }> }>;
      expect(targets).toHaveLength(original.fragments.length);
      targets.forEach((target, i) => {
        const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
        const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
        expect(sliceCodePoints(texts.get(target.source)!, position.start, position.end)).toBe(quote.exact);
        expect(quote.exact).toBe(original.fragments[i]!.exact);
      });
    }
  });

  it('round-trips spans, labels, attributes, notes and links (collection and JSON Lines)', () => {
    const snapshot = buildFixtureSnapshot();
    const files = [
      collectExportedFiles(exportW3cAnnotationCollection(snapshot)).get('annotations.jsonld')!,
      collectExportedFiles(exportW3cAnnotationJsonLines(snapshot)).get('annotations.jsonl')!,
    ];
    for (const text of files) {
      const result = parseW3cAnnotations(text, 'annotations', contextOf(snapshot));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.problems).toEqual([]);
      const expected = snapshot.documents.flatMap((d) => exportableAnnotations(d));
      expect(result.value.annotations.map(essentials)).toEqual(expected.map(essentials));
      expect(result.value.links).toEqual(snapshot.links);
    }
  });

  it('leaves out orphaned annotations and their links', () => {
    const snapshot = buildFixtureSnapshot();
    snapshot.documents[0]!.annotations[1]!.orphaned = true;
    const lines = exportJsonLines(snapshot);
    expect(lines.some((a) => a.id === `urn:uuid:${snapshot.documents[0]!.annotations[1]!.id}`)).toBe(false);
    expect(lines.filter((a) => a.motivation === 'linking')).toHaveLength(snapshot.links.length - 1);
  });
});

describe('parseW3cAnnotations', () => {
  it('reports a position that does not match its quote, and places the annotation by its quote', () => {
    const snapshot = buildFixtureSnapshot();
    const lines = exportJsonLines(snapshot);
    const target = lines[0]!.target as { selector: Array<{ type: string; start: number; end: number }> };
    const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
    position.start += 1;
    position.end += 1;
    const result = parseW3cAnnotations(lines.map((l) => JSON.stringify(l)).join('\n'), 'moved.jsonl', contextOf(snapshot));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ fileName: 'moved.jsonl', line: 1, itemId: lines[0]!.id, reason: expect.stringMatching(/not the quote/) }),
      expect.objectContaining({ line: 1, reason: expect.stringMatching(/placed by its quote/) }),
    ]);
    const first = snapshot.documents[0]!.annotations.find((a) => `urn:uuid:${a.id}` === lines[0]!.id)!;
    expect(result.value.annotations[0]!.fragments).toEqual(first.fragments);
  });

  it('skips, with a reason, annotations it cannot place or label, and links to them', () => {
    const snapshot = buildFixtureSnapshot();
    const lines = exportJsonLines(snapshot);
    const firstTarget = lines[0]!.target as { selector: Array<Record<string, unknown>> };
    firstTarget.selector = [{ type: 'TextQuoteSelector', exact: 'not in the text' }];
    (lines[1]!.body as Array<Record<string, unknown>>)[0] = { type: 'TextualBody', purpose: 'classifying', value: 'Rumour' };
    const text = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{oops\n`;
    const result = parseW3cAnnotations(text, 'bad.jsonl', contextOf(snapshot));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const reasons = result.problems.map((p) => `${p.line}: ${p.reason}`);
    expect(reasons).toContainEqual(expect.stringMatching(/^1: its quote "not in the text" was not found/));
    expect(reasons).toContainEqual(expect.stringMatching(/^2: its label is missing or unknown/));
    expect(reasons).toContainEqual(expect.stringMatching(new RegExp(`^${lines.length + 1}: the line is not valid JSON`)));
    expect(reasons.filter((r) => r.includes('not in the file or the workspace'))).not.toHaveLength(0);
  });

  it('refuses text that is no annotation export', () => {
    const result = parseW3cAnnotations('hello', 'x.txt', contextOf(buildFixtureSnapshot()));
    expect(result).toEqual({ ok: false, error: { fileName: 'x.txt', reason: 'it is neither JSON nor JSON Lines' } });
  });

  it('round-trips random spans over text with astral characters (property)', () => {
    const char = fc.oneof(
      fc.constantFrom('a', ' ', '\n', 'é', 'e\u0301', '😢', '🇺🇦', '👨‍👩‍👧', '\u00a0', 'ש', 'م'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const text = fc.array(char, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
    const seeds = fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), { maxLength: 6 });
    fc.assert(
      fc.property(text, seeds, (t, s) => {
        const snapshot = snapshotOfSeededSpans(t, s);
        const text = collectExportedFiles(exportW3cAnnotationJsonLines(snapshot)).get('annotations.jsonl')!;
        const result = parseW3cAnnotations(text, 'random.jsonl', contextOf(snapshot));
        if (exportableAnnotations(snapshot.documents[0]!).length === 0) {
          expect(result).toMatchObject({ ok: false, error: { fileName: 'random.jsonl', reason: expect.stringContaining('nothing to import') } });
          return;
        }
        expect(result.ok && result.problems).toEqual([]);
        if (!result.ok) return;
        expect(result.value.annotations.map(essentials)).toEqual(exportableAnnotations(snapshot.documents[0]!).map(essentials));
      }),
      { numRuns: 200 },
    );
  });
});
