import type { Annotation } from '../model/annotation.js';
import type { LinkEnd } from '../model/link.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { computeClusters, COREFERENCE_LINK_TYPE_IDS, endKey } from '../linking/clusters.js';
import { tokenTable, type TokenTable } from './conll-tokeniser.js';
import { assignDocumentFileNames } from './document-file-names.js';
import { exportableAnnotations } from './exportable-annotation.js';
import type { ExportedFile } from './exported-file.js';
import type { ExportedLayers } from './export-layers.js';
import { guardSpreadsheetCell } from './spreadsheet-formula-guard.js';

/** Options of the CoNLL coreference export. */
export interface ConllCorefExportOptions {
  /** Topic (and subtopic) written in the first two columns and the document header (default `1`). */
  topic?: string;
  /** Link types that make clusters (default `same` and `paraphrase`). */
  linkTypeIds?: readonly string[];
  /** Also write annotations in no cluster, each as its own one-mention cluster (default false). */
  includeSingletons?: boolean;
  /** The layers the snapshot holds; for the curated layer `mentions.tsv` says whose each mention is. */
  layers?: ExportedLayers;
}

interface Mention {
  cluster: number;
  annotation: Annotation;
  first: number;
  last: number;
}

/**
 * Exports cross-document coreference in the ECB+-style CoNLL format scored by coval
 * (`coreference.conll`), plus `mentions.tsv` mapping every mention back to its annotation (its
 * text cells guarded against spreadsheet formulas with `guardSpreadsheetCell`; the CoNLL file is
 * not: its token column must be the text's own tokens for the tools that read it).
 *
 * The whole workspace is one topic: `#begin document <topic>` … `#end document`. Each token is a
 * tab-separated row `topic subtopic doc_id sent_id tok_id token flag cluster`: doc_id is the safe
 * document name (`assignDocumentFileNames`), sent_id the 0-based sentence in the document, tok_id
 * the 0-based token in the document, flag `True`, and cluster coval's last column: `(12` opens a
 * mention of cluster 12, `12)` closes one, `(12)` is a one-token mention, several joined by `|`
 * (closings first, so a mention closing where another of its cluster opens pairs correctly), `-`
 * for none. Sentences are separated by a blank line (coval counts sentences from them).
 *
 * Clusters are `computeClusters` over the chosen link types (transitive, across documents), ids 1,
 * 2, … ordered by their first mention in document and position order; the same id in different
 * doc_ids is a cross-document chain. Tokens come from `tokenise`. A mention covers every token its
 * annotation overlaps, from its first fragment to its last (CoNLL mentions are contiguous, so a
 * discontinuous span takes in its gap); when that crosses a sentence boundary the sentences are
 * merged, because coval needs a mention inside one sentence. Two mentions of one cluster that
 * overlap without nesting cannot be bracketed and read back as nested. Annotations covering no
 * token (white space only) or whose offsets do not fit the text are left out.
 *
 * Layers: the file holds one set of clusters and no annotator, so it holds one layer or the curated
 * layer, never every layer (`refusesAllLayers`). For the curated layer `mentions.tsv` has a last
 * column `annotator`, the id of the layer each mention comes from.
 */
export function* exportConllCoreference(snapshot: WorkspaceSnapshot, options: ConllCorefExportOptions = {}): Iterable<ExportedFile> {
  const topic = (options.topic ?? '1').replace(/\s+/g, '_') || '1';
  yield {
    path: 'coreference.conll',
    chunks: (function* () {
      yield `#begin document ${topic}\n`;
      for (const { docName, text, tokens, mentions, sentences } of documentLayouts(snapshot, options, true)) {
        const opens = new Map<number, string[]>();
        const closes = new Map<number, string[]>();
        const push = (map: Map<number, string[]>, at: number, value: string) => {
          const list = map.get(at);
          if (list) list.push(value);
          else map.set(at, [value]);
        };
        for (const m of mentions) {
          if (m.first === m.last) push(opens, m.first, `(${m.cluster})`);
          else {
            push(opens, m.first, `(${m.cluster}`);
            push(closes, m.last, `${m.cluster})`);
          }
        }
        const prefix = `${topic}\t${topic}\t${docName}\t`;
        let block = '';
        for (let i = 0; i < tokens.length; i++) {
          if (i > 0 && sentences[i] !== sentences[i - 1]) block += '\n';
          const cell = opens.has(i) || closes.has(i) ? [...(closes.get(i) ?? []), ...(opens.get(i) ?? []).sort(singlesFirst)].join('|') : '-';
          block += `${prefix}${sentences[i]}\t${i}\t${text.slice(tokens.starts[i]!, tokens.ends[i]!)}\tTrue\t${cell}\n`;
          if (block.length > 65536) {
            yield block;
            block = '';
          }
        }
        yield `${block}\n`;
      }
      yield '#end document\n';
    })(),
  };
  yield {
    path: 'mentions.tsv',
    chunks: (function* () {
      const withAnnotator = options.layers?.choice.kind === 'curated';
      yield `cluster_id\tdoc_id\tannotation_id\tsent_id\tfirst_tok_id\tlast_tok_id\ttokens${withAnnotator ? '\tannotator' : ''}\n`;
      for (const { docName, text, tokens, mentions, sentences } of documentLayouts(snapshot, options, false)) {
        let rows = '';
        for (const m of mentions) {
          const words = Array.from({ length: m.last - m.first + 1 }, (_, k) => text.slice(tokens.starts[m.first + k]!, tokens.ends[m.first + k]!)).join(' ');
          rows += `${m.cluster}\t${guardSpreadsheetCell(docName)}\t${guardSpreadsheetCell(m.annotation.id)}\t${sentences[m.first]}\t${m.first}\t${m.last}\t${guardSpreadsheetCell(words)}`;
          rows += withAnnotator ? `\t${guardSpreadsheetCell(m.annotation.annotator)}\n` : '\n';
        }
        if (rows) yield rows;
      }
    })(),
  };
}

interface DocumentLayout {
  docName: string;
  text: string;
  tokens: TokenTable;
  mentions: Mention[];
  /** Sentence of each token, after merging. */
  sentences: Int32Array;
}

/**
 * Tokens, mentions and sentences of each document with tokens, in document order (pure; computed
 * lazily). Without `everyDocument`, documents without mentions are skipped (not even tokenised).
 */
function* documentLayouts(snapshot: WorkspaceSnapshot, options: ConllCorefExportOptions, everyDocument: boolean): Iterable<DocumentLayout> {
  const names = assignDocumentFileNames(snapshot.documents.map((d) => d.meta));
  const perDocument = snapshot.documents.map(exportableAnnotations);
  const order = new Map<string, number>();
  let rank = 0;
  perDocument.forEach((list, d) => list.forEach((a) => order.set(endKey({ documentId: snapshot.documents[d]!.meta.id, annotationId: a.id }), rank++)));
  const links = snapshot.links.filter((l) => order.has(endKey(l.source)) && order.has(endKey(l.target)));
  const clusters = computeClusters(links, {
    linkTypeIds: options.linkTypeIds ?? COREFERENCE_LINK_TYPE_IDS,
    compareEnds: (a: LinkEnd, b: LinkEnd) => order.get(endKey(a))! - order.get(endKey(b))!,
  });
  const clusterOf = new Map<string, number>();
  for (const cluster of clusters) for (const member of cluster.members) clusterOf.set(endKey(member), cluster.id);
  if (options.includeSingletons) {
    let next = clusters.length + 1;
    for (const key of order.keys()) if (!clusterOf.has(key)) clusterOf.set(key, next++);
  }
  for (let d = 0; d < snapshot.documents.length; d++) {
    const document = snapshot.documents[d]!;
    const clustered = perDocument[d]!.flatMap((annotation) => {
      const cluster = clusterOf.get(endKey({ documentId: document.meta.id, annotationId: annotation.id }));
      return cluster === undefined ? [] : [{ cluster, annotation }];
    });
    if (clustered.length === 0 && !everyDocument) continue;
    const tokens = tokenTable(document.text);
    if (tokens.length === 0) continue;
    const mentions: Mention[] = [];
    for (const { cluster, annotation } of clustered) {
      const span = tokenSpan(tokens, annotation.fragments[0]!.start, annotation.fragments[annotation.fragments.length - 1]!.end);
      if (span) mentions.push({ cluster, annotation, ...span });
    }
    yield { docName: names.get(document.meta.id)!, text: document.text, tokens, mentions, sentences: mergedSentences(tokens, mentions) };
  }
}

function singlesFirst(a: string, b: string): number {
  return Number(!a.endsWith(')')) - Number(!b.endsWith(')'));
}

/** The first and last token overlapping [start, end), or null when none does. */
function tokenSpan(tokens: TokenTable, start: number, end: number): { first: number; last: number } | null {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.ends[mid]! <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= tokens.length || tokens.starts[lo]! >= end) return null;
  let last = lo;
  while (last + 1 < tokens.length && tokens.starts[last + 1]! < end) last++;
  return { first: lo, last };
}

/** Sentence number of each token after merging sentences that a mention crosses, renumbered from 0. */
function mergedSentences(tokens: TokenTable, mentions: readonly Mention[]): Int32Array {
  const joined = new Uint8Array(tokens.length);
  for (const m of mentions) for (let i = m.first + 1; i <= m.last; i++) joined[i] = 1;
  const sentences = new Int32Array(tokens.length);
  let current = 0;
  for (let i = 1; i < tokens.length; i++) {
    if (tokens.sentences[i] !== tokens.sentences[i - 1] && !joined[i]) current++;
    sentences[i] = current;
  }
  return sentences;
}
