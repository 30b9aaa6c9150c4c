import type { Annotation, AttributeValue } from '../model/annotation.js';
import type { DocumentMeta } from '../model/document.js';
import type { Label, LinkType } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';

/** The label schema of the agreement tests: a claim with a verdict (nominal) and a score (interval), a quote without attributes. */
export const TEST_LABELS: Label[] = [
  {
    id: 'claim',
    name: 'Claim',
    colour: '#f59e0b',
    hotkey: '1',
    description: '',
    attributes: [
      { name: 'verdict', type: 'choice', description: '', options: ['true', 'false'] },
      { name: 'score', type: 'number', description: '' },
    ],
  },
  { id: 'quote', name: 'Quote', colour: '#3b82f6', hotkey: '2', description: '', attributes: [] },
];

/** Same (undirected, forms clusters) and supports (directed). */
export const TEST_LINK_TYPES: LinkType[] = [
  { id: 'same', name: 'Same', colour: '#6366f1', directed: false, description: '', allowedLabels: [] },
  { id: 'supports', name: 'Supports', colour: '#22c55e', directed: true, description: '', allowedLabels: [] },
];

/** A span for `snapshotOf`: `[annotator, id, document, label, start, end, attributes?]`. */
export type TestSpan = readonly [string, string, string, string, number, number, Record<string, AttributeValue>?];
/** A link for `snapshotOf`: `[annotator, source id, target id, type]` (ends by annotation id). */
export type TestLink = readonly [string, string, string, string];

/**
 * The hand-made workspace of the agreement tests: two articles (d1, d2; 100 characters each) and two annotators, Ana and Bob.
 * The units the alignment makes, and what each figure comes to, are worked out by hand below.
 *
 *   d1  U1  ana a1 claim 0–10  verdict true  score 1  |  bob b1 claim 0–10  verdict true  score 2   exact match
 *       U2  ana a2 claim 20–30 verdict false score 1  |  bob b2 claim 22–30 verdict true            overlap only
 *       U3  ana a3 quote 40–50                        |  bob b3 claim 40–50                         label differs
 *       U4                                            |  bob b4 quote 60–70                         only Bob
 *   d2  U5  ana a4 quote 0–20                         |  bob b5 quote 0–20                          exact
 *       U6  ana a5 claim 30–40 verdict false score 3  |  bob b6 claim 30–40 verdict false score 3   exact
 *
 * Links: both link U1–U5 as same and U2→U6 as supports; Bob also links U3–U5 as same.
 */
export const HAND_SPANS: TestSpan[] = [
  ['ana', 'a1', 'd1', 'claim', 0, 10, { verdict: 'true', score: 1 }],
  ['bob', 'b1', 'd1', 'claim', 0, 10, { verdict: 'true', score: 2 }],
  ['ana', 'a2', 'd1', 'claim', 20, 30, { verdict: 'false', score: 1 }],
  ['bob', 'b2', 'd1', 'claim', 22, 30, { verdict: 'true' }],
  ['ana', 'a3', 'd1', 'quote', 40, 50],
  ['bob', 'b3', 'd1', 'claim', 40, 50],
  ['bob', 'b4', 'd1', 'quote', 60, 70],
  ['ana', 'a4', 'd2', 'quote', 0, 20],
  ['bob', 'b5', 'd2', 'quote', 0, 20],
  ['ana', 'a5', 'd2', 'claim', 30, 40, { verdict: 'false', score: 3 }],
  ['bob', 'b6', 'd2', 'claim', 30, 40, { verdict: 'false', score: 3 }],
];
export const HAND_LINKS: TestLink[] = [
  ['ana', 'a1', 'a4', 'same'],
  ['ana', 'a2', 'a5', 'supports'],
  ['bob', 'b1', 'b5', 'same'],
  ['bob', 'b2', 'b6', 'supports'],
  ['bob', 'b3', 'b5', 'same'],
];
/** A workspace snapshot holding every layer: documents of `lengths`, the spans and links given. */
export function snapshotOf(lengths: Record<string, number>, spans: readonly TestSpan[], links: readonly TestLink[] = [], labels: Label[] = TEST_LABELS): WorkspaceSnapshot {
  const annotation = ([annotator, id, documentId, labelId, start, end, attributes]: TestSpan): Annotation => ({
    id,
    documentId,
    labelId,
    fragments: [{ start, end, exact: `${documentId}:${start}-${end}`, prefix: '', suffix: '' }],
    contentHash: `sha256:${'0'.repeat(64)}`,
    attributes: attributes ?? {},
    note: '',
    author: annotator,
    annotator,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    orphaned: false,
  });
  const all = spans.map(annotation);
  const documentOf = (annotator: string, id: string) => {
    const found = all.find((a) => a.annotator === annotator && a.id === id);
    if (!found) throw new Error(`no annotation ${annotator}/${id}`);
    return found.documentId;
  };
  return {
    schemaVersion: 2,
    labels,
    linkTypes: TEST_LINK_TYPES,
    documents: Object.entries(lengths).map(([id, length]) => ({
      meta: metaOf(id, length),
      text: '',
      annotations: all.filter((a) => a.documentId === id),
    })),
    links: links.map(
      ([annotator, source, target, typeId], i): Link => ({
        id: `link-${i}`,
        typeId,
        source: { documentId: documentOf(annotator, source), annotationId: source },
        target: { documentId: documentOf(annotator, target), annotationId: target },
        note: '',
        author: annotator,
        annotator,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      }),
    ),
    documentStatus: {},
  };
}

function metaOf(id: string, length: number): DocumentMeta {
  return {
    id,
    title: `Article ${id}`,
    outlet: null,
    date: null,
    url: null,
    sourceFile: null,
    contentHash: `sha256:${'0'.repeat(64)}`,
    length,
    normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}
