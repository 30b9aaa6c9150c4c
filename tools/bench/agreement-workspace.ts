/**
 * Writes the W9 workspace directly in the store's own format (setup, not timed): articles of seeded
 * text (8 KB, a long news article), each with "true" spans laid out as a real corpus has them
 * (claims, quotes and facts of a phrase to a sentence, one after another, a few overlapping the one
 * before), which three annotators code as people do (most exactly, some with other boundaries or
 * another label, a few missed, a few of their own), with attributes, and links across articles:
 * `same` and `paraphrase` links joining each tenth true span with the same one of the next article,
 * in groups of four articles (clusters), and some `supports` links.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation, AttributeValue } from '../../shared/model/annotation.js';
import type { DocumentMeta } from '../../shared/model/document.js';
import { defaultLabels, defaultLinkTypes } from '../../shared/model/label-schema.js';
import type { Link } from '../../shared/model/link.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, LinkLayerFileSchema, WorkspaceFileSchema } from '../../shared/model/workspace.js';
import { fragmentAt } from '../../shared/text/text-quote.js';
import { JsonFileCodec } from '../../main/storage/index.js';
import { benchDocumentMeta } from './browser/bench-workspace.js';
import { generateArticle, seededRandom, vocabulary, type GeneratedSpan } from './corpus-generator.js';

/** The three annotators of W9. */
export const W9_ANNOTATORS = [
  { id: 'ann-000001', name: 'Ann', email: '' },
  { id: 'ben-000002', name: 'Ben', email: '' },
  { id: 'cat-000003', name: 'Cat', email: '' },
];

/** What was written: how many articles, annotations and links. */
export interface AgreementWorkspaceSizes {
  documents: number;
  annotations: number;
  links: number;
}

const LABELS = ['claim', 'quote', 'fact'];
const VERDICTS = ['true', 'false', 'misleading', 'unverifiable'];

/** Writes `documents` articles of 8 KB, each with `perDocument` true spans coded by the three annotators. */
export async function writeAgreementWorkspace(dir: string, documents: number, perDocument: number): Promise<AgreementWorkspaceSizes> {
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'links'), { recursive: true });
  const versioning = { currentVersion: CURRENT_SCHEMA_VERSION };
  const annotationCodec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  const words = vocabulary(5000);
  const timestamp = new Date(0).toISOString();
  const metas: DocumentMeta[] = [];
  /** [annotator][document][true span] → the annotation id they gave it, or null when they missed it. */
  const coded = W9_ANNOTATORS.map(() => [] as (string | null)[][]);
  let annotations = 0;
  for (let d = 0; d < documents; d++) {
    const text = generateArticle(8000, d + 1, words).trimEnd();
    const truth = corpusSpans(text, perDocument, d + 2);
    const meta = benchDocumentMeta(`w9-${String(d).padStart(4, '0')}`, `Article ${d}`, text);
    metas.push(meta);
    await writeFile(join(dir, 'documents', `${meta.id}.txt`), text);
    await mkdir(join(dir, 'annotations', meta.id), { recursive: true });
    for (const [k, annotator] of W9_ANNOTATORS.entries()) {
      const random = seededRandom(d * 31 + k * 7 + 5);
      const ids: (string | null)[] = [];
      const list: Annotation[] = [];
      const add = (start: number, end: number, labelId: string, attributes: Record<string, AttributeValue>) => {
        const id = `${meta.id}-${annotator.name.toLowerCase()}${list.length}`;
        list.push({
          id,
          documentId: meta.id,
          labelId,
          fragments: [fragmentAt(text, safeRange(text, start, end))],
          contentHash: meta.contentHash,
          attributes,
          note: '',
          author: annotator.name,
          annotator: annotator.id,
          createdAt: timestamp,
          updatedAt: timestamp,
          orphaned: false,
        });
        return id;
      };
      truth.forEach((span, i) => {
        const roll = random();
        if (roll < 0.05) return void ids.push(null);
        const label = roll < 0.1 ? LABELS[(i + 1) % 3]! : LABELS[i % 3]!;
        const shift = roll > 0.88 ? 1 + Math.floor(random() * 6) : 0;
        const attributes: Record<string, AttributeValue> =
          label === 'claim' ? { verdict: random() < 0.85 ? VERDICTS[i % 4]! : VERDICTS[(i + 1) % 4]! } : label === 'quote' ? { verbatim: random() < 0.9 ? i % 2 === 0 : i % 2 === 1 } : {};
        ids.push(add(span.start + shift, span.end, label, attributes));
      });
      // A few spans of their own.
      for (let extra = 0; extra < Math.round(perDocument * 0.05); extra++) {
        const start = Math.floor(random() * (text.length - 60));
        add(start, start + 10 + Math.floor(random() * 40), LABELS[extra % 3]!, {});
      }
      coded[k]!.push(ids);
      annotations += list.length;
      const file = join(dir, 'annotations', meta.id, `${annotator.id}.json`);
      await writeFile(file, annotationCodec.encode({ schemaVersion: CURRENT_SCHEMA_VERSION, documentId: meta.id, annotator: annotator.id, contentHash: meta.contentHash, annotations: list }, file));
    }
  }
  let linkCount = 0;
  const linkCodec = new JsonFileCodec({ schema: LinkLayerFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  for (const [k, annotator] of W9_ANNOTATORS.entries()) {
    const random = seededRandom(1000 + k);
    const links: Link[] = [];
    const link = (typeId: string, d: number, a: string, e: number, b: string) =>
      links.push({
        id: `${annotator.name.toLowerCase()}-l${links.length}`,
        typeId,
        source: { documentId: metas[d]!.id, annotationId: a },
        target: { documentId: metas[e]!.id, annotationId: b },
        note: '',
        author: annotator.name,
        annotator: annotator.id,
        createdAt: timestamp,
        updatedAt: timestamp,
      });
    for (let d = 0; d + 1 < documents; d++) {
      for (let i = 0; i < perDocument; i += 10) {
        const [a, b] = [coded[k]![d]![i], coded[k]![d + 1]![i]];
        if (!a || !b || random() < 0.08) continue;
        // Groups of four articles: each true span's cluster has up to four mentions.
        if (d % 4 !== 3) link(random() < 0.8 ? 'same' : 'paraphrase', d, a, d + 1, b);
        else if (i % 20 === 0) link('supports', d, a, d + 1, b);
      }
    }
    linkCount += links.length;
    const file = join(dir, 'links', `${annotator.id}.json`);
    await writeFile(file, linkCodec.encode({ schemaVersion: CURRENT_SCHEMA_VERSION, annotator, links, clusterNames: [], documentStatus: {} }, file));
  }
  const workspaceCodec = new JsonFileCodec({ schema: WorkspaceFileSchema, versioning, keyOrder: ['schemaVersion', 'id'] });
  const workspaceFile = join(dir, 'workspace.json');
  await writeFile(
    workspaceFile,
    workspaceCodec.encode({ schemaVersion: CURRENT_SCHEMA_VERSION, labels: [...defaultLabels], linkTypes: [...defaultLinkTypes], documents: metas }, workspaceFile),
  );
  return { documents, annotations, links: linkCount };
}

/** `count` spans of 20–160 characters one after another with gaps between, about one in ten overlapping the one before. */
function corpusSpans(text: string, count: number, seed: number): GeneratedSpan[] {
  const random = seededRandom(seed);
  const spans: GeneratedSpan[] = [];
  let at = Math.floor(random() * 40);
  for (let i = 0; i < count; i++) {
    const length = 20 + Math.floor(random() * 140);
    const start = i > 0 && random() < 0.1 ? Math.max(0, at - Math.floor(length / 2)) : at;
    const end = Math.min(text.length - 1, start + length);
    spans.push(safeRange(text, Math.min(start, end - 1), end));
    at = Math.min(text.length - 60, end + 5 + Math.floor(random() * 60));
  }
  return spans;
}

/** A range inside `text` that splits no surrogate pair. */
function safeRange(text: string, start: number, end: number): { start: number; end: number } {
  const low = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  let s = Math.min(start, end - 1);
  let e = Math.min(end, text.length);
  if (low(s)) s++;
  if (low(e)) e++;
  const last = Math.max(e, s + 1);
  return { start: s, end: low(last) ? last + 1 : last };
}
