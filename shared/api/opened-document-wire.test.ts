import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.js';
import type { DocumentMeta } from '../model/document.js';
import { contentHash } from '../text/content-hash.js';
import { fragmentAt } from '../text/text-quote.js';
import type { OpenedDocument } from './contract/index.js';
import { createClient } from './create-client.js';
import { dispatchCall } from './dispatch-call.js';
import { packOpenedDocument, unpackOpenedDocument, type PackedOpenedDocument } from './opened-document-wire.js';
import type { WorkbenchApi } from './contract/index.js';

const pieces = ['a', 'word ', ' ', '\n', '\n\n', 'q\u0303', '👍🏽', '👨‍👩‍👧', 'שָׁלוֹם ', 'مُ', '\u00a0', '.', '\r\n'];
const textArbitrary = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 60 }).map((p) => p.join(''));

function metaFor(text: string, id = 'doc-1'): DocumentMeta {
  return {
    id,
    title: 'Title',
    outlet: null,
    date: null,
    url: null,
    sourceFile: null,
    contentHash: contentHash(text),
    length: text.length,
    normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
    importedAt: '2026-11-21T00:00:00.000Z',
  } as DocumentMeta;
}

/** Annotations on `text`: some with their quotes as taken, some with quotes that no longer fit (orphaned, re-imported). */
function annotationsArbitrary(text: string, meta: DocumentMeta): fc.Arbitrary<Annotation[]> {
  const offsets = fc.integer({ min: 0, max: text.length });
  const fragment = fc
    .tuple(offsets, offsets, fc.option(fc.record({ exact: fc.string({ minLength: 1 }), prefix: fc.string(), suffix: fc.string() }), { freq: 3 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b, quote]) => {
      const start = Math.min(a, b);
      const end = Math.max(a, b);
      try {
        return quote ? { start, end, ...quote } : fragmentAt(text, { start, end });
      } catch {
        return { start, end, exact: 'x', prefix: '', suffix: '' };
      }
    });
  const annotation = fc.record({
    id: fc.uuid(),
    documentId: fc.constantFrom(meta.id, meta.id, 'other-doc'),
    labelId: fc.constantFrom('claim', 'quote', 'fact'),
    fragments: fc.array(fragment, { minLength: 1, maxLength: 3 }),
    contentHash: fc.constantFrom(meta.contentHash, meta.contentHash, contentHash('an older version')),
    attributes: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), { maxKeys: 3 }),
    note: fc.oneof(fc.constant(''), fc.string()),
    author: fc.constantFrom('', 'editor', 'Zoë 🧪'),
    annotator: fc.constantFrom('owner', 'zoe-3f9a2c'),
    createdAt: fc.constantFrom('2026-11-21T08:00:00.000Z', '2026-11-21T09:30:00.000Z'),
    updatedAt: fc.constantFrom('2026-11-21T08:00:00.000Z', '2026-11-22T10:00:00.000Z'),
    orphaned: fc.boolean(),
  });
  return fc.array(annotation, { maxLength: 12 });
}

const documentArbitrary: fc.Arbitrary<OpenedDocument> = textArbitrary.chain((text) => {
  const meta = metaFor(text);
  return annotationsArbitrary(text, meta).map((annotations) => ({ meta, text, annotations }));
});

describe('the wire form of an opened document', () => {
  it('gives back exactly the document it packed, through JSON, field for field and in key order', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const wire = JSON.parse(JSON.stringify(packOpenedDocument(document))) as PackedOpenedDocument;
        const back = unpackOpenedDocument(wire);
        expect(back).toStrictEqual(JSON.parse(JSON.stringify(document)));
        expect(JSON.stringify(back)).toBe(JSON.stringify(document));
      }),
      { numRuns: 300 },
    );
  });

  it('sends a TextQuote only where the text does not give it back, and each repeated string once', () => {
    const text = 'Hamilton said: “I’m sorry.” 👍🏽 Russell disagreed.\nשָׁלוֹם';
    const meta = metaFor(text);
    const base = { documentId: meta.id, contentHash: meta.contentHash, attributes: {}, note: '', author: 'editor', annotator: 'owner', createdAt: 't0', updatedAt: 't0', orphaned: false };
    const taken: Annotation = { ...base, id: 'a1', labelId: 'quote', fragments: [fragmentAt(text, { start: 15, end: 27 })] };
    const moved: Annotation = { ...base, id: 'a2', labelId: 'quote', fragments: [{ start: 0, end: 8, exact: 'Hamilton said', prefix: '', suffix: '' }], orphaned: true };
    const packed = packOpenedDocument({ meta, text, annotations: [taken, moved] });
    expect(packed.rows[0]![11]).toBe(0);
    expect(packed.rows[1]![11]).toEqual(moved.fragments);
    expect(packed.strings.filter((s) => s === 'quote')).toHaveLength(1);
    expect(JSON.stringify(packed.rows[0])).not.toContain('sorry');
    expect(unpackOpenedDocument(packed).annotations).toStrictEqual([taken, moved]);
  });

  it('is what openDocument sends across the transport, and the client gets the document back', async () => {
    const text = 'One line.\nAnother 👍🏽 line.';
    const meta = metaFor(text);
    const annotation: Annotation = {
      id: 'a1',
      documentId: meta.id,
      labelId: 'fact',
      fragments: [fragmentAt(text, { start: 10, end: 17 })],
      contentHash: meta.contentHash,
      attributes: { status: 'disputed' },
      note: 'check',
      author: 'editor',
      annotator: 'owner',
      createdAt: 't0',
      updatedAt: 't1',
      orphaned: false,
    };
    const document: OpenedDocument = { meta, text, annotations: [annotation] };
    const api = { openDocument: async () => document } as unknown as WorkbenchApi;
    const sent: unknown[] = [];
    const client = createClient(async (method, input) => {
      const result = await dispatchCall(api, method, input);
      const wire = JSON.parse(JSON.stringify(result)) as typeof result;
      sent.push(wire);
      return wire;
    });
    expect(await client.openDocument({ documentId: meta.id })).toStrictEqual(document);
    expect(sent[0]).toMatchObject({ ok: true, value: { rows: [['a1', 0, [10, 17], 1, 2, 3, 4, 5, 0, -1, -1, 0, 6]] } });
  });
});
