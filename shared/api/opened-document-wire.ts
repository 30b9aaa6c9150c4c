import type { Annotation, AttributeValue, TextFragment } from '../model/annotation.js';
import type { DocumentMeta } from '../model/document.js';
import { fragmentAt } from '../text/text-quote.js';
import type { OpenedDocument } from './contract/index.js';

/**
 * The compact form an opened document travels in between the processes. Written as JSON, an
 * annotation repeats its document id, content hash, TextQuote, label and timestamps: about 600 bytes
 * each, 60 MB for an article with 100k annotations, which takes longer to send and parse than the
 * whole open may take (docs/PERFORMANCE.md W2). Here each annotation is one row of numbers and short
 * strings: repeated strings are sent once in a table, and a fragment's TextQuote is left out when it
 * is exactly what the text gives back at its offsets (it is taken again on arrival). Decoding what was
 * encoded gives back equal annotations, field for field and in the same key order, as JSON does
 * (a number attribute of −0 arrives as 0, as it is stored).
 */
export interface PackedOpenedDocument {
  meta: DocumentMeta;
  text: string;
  /** Every repeated string (labels, attributes as JSON, notes, authors, timestamps, ids and hashes unlike the document's), once. */
  strings: string[];
  /** One row per annotation, in the order given. */
  rows: PackedAnnotation[];
}

/**
 * One annotation: id; labelId; fragment offsets flattened (start, end, start, end…); attributes as
 * JSON, note, author, createdAt, updatedAt; orphaned (1 or 0); documentId and contentHash (-1 when
 * they are the document's); and the fragments in full where a TextQuote is not what the text gives
 * back (0 otherwise); its annotator. Strings other than the id are indices into `strings`.
 */
export type PackedAnnotation = [
  id: string,
  labelId: number,
  offsets: number[],
  attributes: number,
  note: number,
  author: number,
  createdAt: number,
  updatedAt: number,
  orphaned: 0 | 1,
  documentId: number,
  contentHash: number,
  fragments: 0 | TextFragment[],
  annotator: number,
];

/** Packs an opened document for sending (see PackedOpenedDocumentSchema). */
export function packOpenedDocument(document: OpenedDocument): PackedOpenedDocument {
  const { meta, text } = document;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const ref = (value: string): number => {
    let index = indexOf.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      indexOf.set(value, index);
    }
    return index;
  };
  const rows = document.annotations.map((a): PackedAnnotation => {
    const offsets: number[] = [];
    for (const f of a.fragments) offsets.push(f.start, f.end);
    return [
      a.id,
      ref(a.labelId),
      offsets,
      ref(JSON.stringify(a.attributes)),
      ref(a.note),
      ref(a.author),
      ref(a.createdAt),
      ref(a.updatedAt),
      a.orphaned ? 1 : 0,
      a.documentId === meta.id ? -1 : ref(a.documentId),
      a.contentHash === meta.contentHash ? -1 : ref(a.contentHash),
      a.fragments.every((f) => quoteIsTaken(text, f)) ? 0 : a.fragments,
      ref(a.annotator),
    ];
  });
  return { meta, text, strings, rows };
}

/** Unpacks what `packOpenedDocument` made back into the opened document. */
export function unpackOpenedDocument(packed: PackedOpenedDocument): OpenedDocument {
  const { meta, text, strings } = packed;
  const attributes = new Map<number, Record<string, AttributeValue>>();
  const annotations = packed.rows.map(([id, label, offsets, attrs, note, author, createdAt, updatedAt, orphaned, documentId, hash, full, annotator]): Annotation => {
    let parsed = attributes.get(attrs);
    if (!parsed) {
      parsed = JSON.parse(strings[attrs]!) as Record<string, AttributeValue>;
      attributes.set(attrs, parsed);
    }
    const fragments: TextFragment[] = [];
    if (full === 0) for (let i = 0; i < offsets.length; i += 2) fragments.push(fragmentAt(text, { start: offsets[i]!, end: offsets[i + 1]! }));
    return {
      id,
      documentId: documentId === -1 ? meta.id : strings[documentId]!,
      labelId: strings[label]!,
      fragments: full === 0 ? fragments : full,
      contentHash: hash === -1 ? meta.contentHash : strings[hash]!,
      // Each annotation gets its own attributes object (the UI edits copies, but never shares one).
      attributes: { ...parsed },
      note: strings[note]!,
      author: strings[author]!,
      annotator: strings[annotator]!,
      createdAt: strings[createdAt]!,
      updatedAt: strings[updatedAt]!,
      orphaned: orphaned === 1,
    };
  });
  return { meta, text, annotations };
}

/** Whether a fragment's TextQuote is exactly what `fragmentAt` takes from the text at its offsets. */
function quoteIsTaken(text: string, fragment: TextFragment): boolean {
  let taken: TextFragment;
  try {
    taken = fragmentAt(text, fragment);
  } catch {
    return false;
  }
  return taken.exact === fragment.exact && taken.prefix === fragment.prefix && taken.suffix === fragment.suffix;
}
