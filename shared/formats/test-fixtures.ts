import type { Annotation, AttributeValue } from '../model/annotation.js';
import type { DocumentMeta, TextNormalisation } from '../model/document.js';
import { defaultLabels, defaultLinkTypes, type Label } from '../model/label-schema.js';
import type { Link } from '../model/link.js';
import { CURRENT_SCHEMA_VERSION, type DocumentSnapshot, type WorkspaceSnapshot } from '../model/workspace.js';
import { contentHash } from '../text/content-hash.js';
import { normaliseText } from '../text/normalise-text.js';
import { fragmentAt } from '../text/text-quote.js';

/**
 * Test data for the format tests (not used by the app). The texts hold astral emoji (incl. a ZWJ
 * family and a flag), combining marks that survive NFC (Ẹ + U+0301, Arabic harakat), a decomposed
 * é that import composed, Arabic and Hebrew (RTL), a no-break space, and one text that was CRLF
 * before normalisation. The spans overlap, nest, break across a line, and one is discontinuous;
 * there are attributes of every type (one attribute name has a space), notes (one multi-line),
 * links inside documents and across them.
 */
export const FIXTURE_TIME = '2024-05-01T10:00:00.000Z';

/** The label schema of the fixture: the default labels, `fact` with a number attribute added. */
export const fixtureLabels: Label[] = defaultLabels.map((label) =>
  label.id === 'fact'
    ? {
        ...label,
        attributes: [...label.attributes, { name: 'death toll', type: 'number' as const, description: 'Deaths stated.' }],
      }
    : { ...label, attributes: [...label.attributes] },
);

/** Text of the first fixture document (stored form). */
export const TEXT_A =
  'Mayor Li said "We will rebuild." Police confirmed 3 deaths 😢 near the 🇺🇦 flag.\n' +
  'Families 👨‍👩‍👧 waited 10\u00a0km away; \u1eb8\u0301mi said "the water\nrose fast" at dawn.\n' +
  'قالت الشرطة مَرْحَبًا — שלום עולם.\n' +
  'Final line 🎉 ends here.';

/** The raw (CRLF, decomposed é) text the second fixture document was imported from. */
export const RAW_TEXT_B =
  'Officials said the toll rose to 3.\r\nThe cafe\u0301 owner said: "We will rebuild."\r\nIt was 🌊 chaos, she said.';

/** Text of the third fixture document. */
export const TEXT_C = 'Police said three people died. Nobody else was hurt.';

interface SpanSpec {
  id: string;
  label: string;
  /** Each piece: the text to find, and which occurrence (0-based). */
  pieces: Array<string | [string, number]>;
  attributes?: Record<string, AttributeValue>;
  note?: string;
}

/** Builds the fixture workspace snapshot. */
export function buildFixtureSnapshot(): WorkspaceSnapshot {
  const normalisedB = normaliseText(RAW_TEXT_B);
  const a = makeDocument('a0000000-0000-4000-8000-00000000000a', 'Flood in Riverton: mayor vows', TEXT_A, LF, [
    { id: 'a1000000-0000-4000-8000-000000000001', label: 'claim', pieces: ['Mayor Li said "We will rebuild."'],
      attributes: { claimant: 'Mayor Li', verdict: 'unverifiable' }, note: 'Needs a second source;\nsee AP.' },
    { id: 'a1000000-0000-4000-8000-000000000002', label: 'quote', pieces: ['We will rebuild.'],
      attributes: { speaker: 'Mayor Li', verbatim: true } },
    { id: 'a1000000-0000-4000-8000-000000000003', label: 'fact', pieces: ['confirmed 3 deaths 😢'],
      attributes: { status: 'disputed', 'death toll': 3 } },
    { id: 'a1000000-0000-4000-8000-000000000004', label: 'fact', pieces: ['3 deaths 😢 near the 🇺🇦 flag'],
      attributes: { status: 'consistent' } },
    { id: 'a1000000-0000-4000-8000-000000000005', label: 'fact', pieces: ['Families 👨‍👩‍👧', '10\u00a0km away'],
      attributes: { 'death toll': 0 }, note: 'discontinuous' },
    { id: 'a1000000-0000-4000-8000-000000000006', label: 'quote', pieces: ['the water\nrose fast'],
      attributes: { speaker: '\u1eb8\u0301mi', verbatim: false } },
    { id: 'a1000000-0000-4000-8000-000000000007', label: 'claim', pieces: ['قالت الشرطة مَرْحَبًا'],
      attributes: { claimant: 'الشرطة' } },
    { id: 'a1000000-0000-4000-8000-000000000008', label: 'quote', pieces: ['שלום עולם'], attributes: { verbatim: true } },
    { id: 'a1000000-0000-4000-8000-000000000009', label: 'fact', pieces: ['\u1eb8\u0301mi'] },
    { id: 'a1000000-0000-4000-8000-00000000000a', label: 'quote', pieces: ['🎉'], note: 'emoji only; = formula?' },
  ]);
  const b = makeDocument(
    'b0000000-0000-4000-8000-00000000000b',
    'Riverton: officials revise toll',
    normalisedB.text,
    normalisedB.normalisation,
    [
      { id: 'b1000000-0000-4000-8000-000000000001', label: 'fact', pieces: ['the toll rose to 3'], attributes: { 'death toll': 3 } },
      { id: 'b1000000-0000-4000-8000-000000000002', label: 'quote', pieces: ['We will rebuild.'] },
      { id: 'b1000000-0000-4000-8000-000000000003', label: 'claim', pieces: ['café owner said'],
        attributes: { claimant: '=HYPERLINK("x")' } },
      { id: 'b1000000-0000-4000-8000-000000000004', label: 'fact', pieces: ['🌊 chaos'] },
    ],
    'riverton-update.txt',
  );
  const c = makeDocument('c0000000-0000-4000-8000-00000000000c', '', TEXT_C, NONE_CHANGED, [
    { id: 'c1000000-0000-4000-8000-000000000001', label: 'fact', pieces: ['three people died'] },
    { id: 'c1000000-0000-4000-8000-000000000002', label: 'fact', pieces: ['Nobody else was hurt'] },
  ], 'wire/police-statement.txt');
  const links: Link[] = [
    link('11111111-0000-4000-8000-000000000001', 'same', a, 'a1000000-0000-4000-8000-000000000002', b, 'b1000000-0000-4000-8000-000000000002'),
    link('11111111-0000-4000-8000-000000000002', 'paraphrase', a, 'a1000000-0000-4000-8000-000000000003', b, 'b1000000-0000-4000-8000-000000000001'),
    link('11111111-0000-4000-8000-000000000003', 'same', b, 'b1000000-0000-4000-8000-000000000001', c, 'c1000000-0000-4000-8000-000000000001'),
    link('11111111-0000-4000-8000-000000000004', 'supports', a, 'a1000000-0000-4000-8000-000000000004', a, 'a1000000-0000-4000-8000-000000000001', 'figure backs the claim'),
    link('11111111-0000-4000-8000-000000000005', 'contradicts', a, 'a1000000-0000-4000-8000-000000000005', a, 'a1000000-0000-4000-8000-000000000003'),
    link('11111111-0000-4000-8000-000000000006', 'contradicts', b, 'b1000000-0000-4000-8000-000000000003', a, 'a1000000-0000-4000-8000-000000000007'),
    link('11111111-0000-4000-8000-000000000007', 'supports', c, 'c1000000-0000-4000-8000-000000000002', c, 'c1000000-0000-4000-8000-000000000001'),
  ];
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    labels: fixtureLabels,
    linkTypes: [...defaultLinkTypes],
    documents: [a, b, c],
    links,
  };
}

const LF: TextNormalisation = { bomRemoved: false, lineEndings: 'lf', nfcApplied: false };
const NONE_CHANGED: TextNormalisation = { bomRemoved: false, lineEndings: 'none', nfcApplied: false };

function makeDocument(
  id: string,
  title: string,
  text: string,
  normalisation: TextNormalisation,
  spans: SpanSpec[],
  sourceFile: string | null = null,
): DocumentSnapshot {
  const hash = contentHash(text);
  const meta: DocumentMeta = {
    id,
    title,
    outlet: title ? 'Riverton Gazette' : null,
    date: title ? '2024-04-30' : null,
    url: title ? `https://example.org/news/${id}` : null,
    sourceFile,
    contentHash: hash,
    length: text.length,
    normalisation,
    importedAt: FIXTURE_TIME,
  };
  const annotations = spans.map((spec): Annotation => ({
    id: spec.id,
    documentId: id,
    labelId: spec.label,
    fragments: spec.pieces.map((piece) => {
      const [needle, occurrence] = typeof piece === 'string' ? [piece, 0] : piece;
      return fragmentAt(text, rangeOf(text, needle, occurrence));
    }),
    contentHash: hash,
    attributes: spec.attributes ?? {},
    note: spec.note ?? '',
    author: 'editor@example.org',
    annotator: 'owner',
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    orphaned: false,
  }));
  return { meta, text, annotations };
}

/** The UTF-16 range of the `occurrence`-th (0-based) occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`"${needle}" not found ${occurrence + 1} times`);
  }
  return { start, end: start + needle.length };
}

function link(
  id: string,
  typeId: string,
  from: DocumentSnapshot,
  fromAnnotation: string,
  to: DocumentSnapshot,
  toAnnotation: string,
  note = '',
): Link {
  return {
    id,
    typeId,
    source: { documentId: from.meta.id, annotationId: fromAnnotation },
    target: { documentId: to.meta.id, annotationId: toAnnotation },
    note,
    author: 'editor@example.org',
    annotator: 'owner',
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
  };
}

/** Slices `text` by code-point offsets (what brat and W3C count). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * A one-document snapshot with one annotation per entry of `spans`, each fragment chosen by seeds:
 * a span's seeds, taken modulo the text's code-point length + 1, sorted and de-duplicated, are
 * paired into fragments (so random numbers always give valid, non-overlapping, in-order
 * fragments on code-point boundaries). Spans with fewer than two distinct seeds are dropped.
 */
export function snapshotOfSeededSpans(text: string, spanSeeds: readonly (readonly number[])[]): WorkspaceSnapshot {
  const offsets: number[] = [0];
  for (const char of text) offsets.push(offsets[offsets.length - 1]! + char.length);
  const spans: SpanSpec[] = [];
  const ranges: Array<Array<{ start: number; end: number }>> = [];
  spanSeeds.forEach((seeds, i) => {
    const points = [...new Set(seeds.map((s) => Math.abs(s) % offsets.length))].sort((a, b) => a - b);
    const fragments: Array<{ start: number; end: number }> = [];
    for (let j = 0; j + 1 < points.length; j += 2) fragments.push({ start: offsets[points[j]!]!, end: offsets[points[j + 1]!]! });
    if (fragments.length === 0) return;
    ranges.push(fragments);
    const label = ['claim', 'quote', 'fact'][i % 3]!;
    const attributes: Record<string, AttributeValue> =
      label === 'claim' ? { claimant: `person ${i} %|,` } : label === 'quote' ? { verbatim: i % 2 === 0 } : { 'death toll': i };
    spans.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, label, pieces: [], attributes });
  });
  const document = makeDocument('d0000000-0000-4000-8000-00000000000d', 'Random', text, LF, spans);
  document.annotations.forEach((annotation, i) => {
    annotation.fragments = ranges[i]!.map((range) => fragmentAt(text, range));
  });
  return { schemaVersion: CURRENT_SCHEMA_VERSION, labels: fixtureLabels, linkTypes: [...defaultLinkTypes], documents: [document], links: [] };
}
