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
