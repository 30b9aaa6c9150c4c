/**
 * Writes a workspace for the browser workloads directly in the store's own format (setup, not
 * timed): articles with seeded text and seeded, overlapping spans, in the order given (the article
 * list shows them in that order and a fresh profile opens the first).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../../../shared/model/annotation.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { TEST_EDITOR } from '../../host-process/browser-host-process.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { defaultLabels, defaultLinkTypes } from '../../../shared/model/label-schema.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, WorkspaceFileSchema } from '../../../shared/model/workspace.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { JsonFileCodec } from '../../../main/storage/index.js';
import { generateArticle, generateSpans, vocabulary, type GeneratedSpan } from '../corpus-generator.js';

/** One article to write: its title (shown in the list and the heading), size and span count. */
export interface BenchArticleSpec {
  title: string;
  bytes: number;
  spans: number;
  seed: number;
}

/** An article as written: its id, text and spans (the same offsets the peer gets). */
export interface BenchArticle {
  id: string;
  title: string;
  text: string;
  spans: GeneratedSpan[];
  /** The annotations stored for the spans. */
  annotations: Annotation[];
}

/** The index entry of a generated article (imported at the epoch, nothing known of it but its title). */
export function benchDocumentMeta(id: string, title: string, text: string): DocumentMeta {
  return {
    id,
    title,
    outlet: null,
    date: null,
    url: null,
    sourceFile: null,
    contentHash: contentHash(text),
    length: text.length,
    normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
    importedAt: new Date(0).toISOString(),
  };
}

/** Writes `specs` as a workspace in `dir`; resolves to the articles written. */
export async function writeBenchWorkspace(dir: string, specs: readonly BenchArticleSpec[]): Promise<BenchArticle[]> {
  const editor = annotatorIdOf(TEST_EDITOR);
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations'), { recursive: true });
  const words = vocabulary(5000);
  const versioning = { currentVersion: CURRENT_SCHEMA_VERSION };
  const annotationCodec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  const timestamp = new Date(0).toISOString();
  const metas: DocumentMeta[] = [];
  const articles: BenchArticle[] = [];
  for (const [d, spec] of specs.entries()) {
    const text = generateArticle(spec.bytes, spec.seed, words).trimEnd();
    const spans = generateSpans(text, spec.spans, spec.seed + 1);
    const meta = benchDocumentMeta(`bench-${String(d).padStart(3, '0')}`, spec.title, text);
    const labels = ['claim', 'quote', 'fact'];
    const list: Annotation[] = spans.map((span, i) => ({
      id: `${meta.id}-a${i}`,
      documentId: meta.id,
      labelId: labels[i % labels.length]!,
      fragments: [fragmentAt(text, span)],
      contentHash: meta.contentHash,
      attributes: {},
      note: '',
      author: 'bench',
      annotator: editor,
      createdAt: timestamp,
      updatedAt: timestamp,
      orphaned: false,
    }));
    await writeFile(join(dir, 'documents', `${meta.id}.txt`), text);
    // The layer of the person the benchmark's host is started as.
    await mkdir(join(dir, 'annotations', meta.id), { recursive: true });
    const file = join(dir, 'annotations', meta.id, `${editor}.json`);
    const layer = { schemaVersion: CURRENT_SCHEMA_VERSION, documentId: meta.id, annotator: editor, contentHash: meta.contentHash, annotations: list };
    await writeFile(file, annotationCodec.encode(layer, file));
    metas.push(meta);
    articles.push({ id: meta.id, title: spec.title, text, spans, annotations: list });
  }
  const workspaceCodec = new JsonFileCodec({ schema: WorkspaceFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  const workspaceFile = join(dir, 'workspace.json');
  await writeFile(
    workspaceFile,
    workspaceCodec.encode(
      { schemaVersion: CURRENT_SCHEMA_VERSION, labels: [...defaultLabels], linkTypes: [...defaultLinkTypes], documents: metas },
      workspaceFile,
    ),
  );
  return articles;
}
