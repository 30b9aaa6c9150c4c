import { ARTICLE_PARTS_VERSION, ArticleParts, type ArticlePartsData, type Counts } from '../../../shared/agreement/article-parts.js';
import type { AlphaValue } from '../../../shared/agreement/krippendorff-alpha.js';
import { NO_SEGMENTS, type MergedSegments } from '../../../shared/agreement/unitizing-parts.js';
import type { Label } from '../../../shared/model/label-schema.js';
import type { FileIdentity } from './agreement-layer-cache.js';
import { checksummedCacheFile } from './checksummed-cache-file.js';

/** One article as the parts cache holds it: the annotators whose files it has (in the order read), each file's identity, and its parts. */
export interface CachedArticle {
  layers: string[];
  identities: FileIdentity[];
  parts: ArticleParts;
}

/** The parts cache read back: the label schema the parts were worked out for, and each article's by id. */
export interface CachedParts {
  schema: string;
  articles: Map<string, CachedArticle>;
}

const FORMAT = 'corroborate-agreement-parts';
/** The pairs' rules in the order their counts are written (`ArticleParts.complete` works out both). */
const RULES = ['exact', 'overlap'] as const;

/** The parts cache of a workspace: next to its annotation cache (`<name>.cache` → `<name>.parts`). */
export function partsCacheFile(layerCacheFile: string): string {
  return `${layerCacheFile.replace(/\.cache$/, '')}.parts`;
}

/** What parts depend on in the label schema (the labels and their attributes), as one string. */
export function schemaKey(labels: readonly Label[]): string {
  return JSON.stringify(labels);
}

/**
 * The per-article parts of agreement (`shared/agreement/article-parts.ts`) kept between sessions,
 * so a new session works out only the articles whose annotation files changed: each article with
 * the identities of its annotation files (size, modification and status change times, inode, the
 * text's content hash) and its parts, numbers and ids only (never annotations), with the version of
 * how parts are computed (`ARTICLE_PARTS_VERSION`) in the header: another version, a damaged file or
 * another workspace's is ignored whole. An article's parts are used only while every one of its
 * files is the one cached; the annotation ids kept are those some link named (the rest of an
 * article's annotations are only counted), with their unit or -1 when they have none (orphaned or
 * gone), so a link naming another is a reason to read the article.
 */
export const agreementPartsCache = {
  /** The parts cached in `file` for `workspaceDir`, or null when there is no usable cache (why, in `onIgnored`). */
  async load(file: string, workspaceDir: string, onIgnored?: (why: string) => void): Promise<CachedParts | null> {
    const body = await checksummedCacheFile.read(file, { format: FORMAT, version: ARTICLE_PARTS_VERSION, workspaceDir }, onIgnored);
    if (body === null) return null;
    try {
      return decode(body);
    } catch (error) {
      onIgnored?.(`${file} is damaged (${(error as Error).message})`);
      return null;
    }
  },

  /**
   * Writes `articles` (each article's parts complete for `labels`) to `file`, keeping of each
   * article's annotation ids only those `linked` names; rejects when it cannot.
   */
  async save(file: string, workspaceDir: string, labels: readonly Label[], articles: Iterable<[string, CachedArticle]>, linked: (documentId: string, annotator: string) => ReadonlySet<string> | undefined): Promise<void> {
    const values = new Map<string, number>();
    const valueIndex = (value: AlphaValue | null) => {
      if (value === null) return -1;
      const key = JSON.stringify(value);
      let index = values.get(key);
      if (index === undefined) values.set(key, (index = values.size));
      return index;
    };
    const lines: string[] = [];
    for (const [id, { layers, identities, parts }] of articles) {
      if (!parts.persistable) continue;
      const d = parts.data;
      const byCoder = <T>(f: (coder: string) => T) => d.coders.map(f);
      const counts = [];
      for (let i = 0; i < d.coders.length; i++) {
        for (let j = i + 1; j < d.coders.length; j++) {
          for (const rule of RULES) counts.push([...d.counts.get(`${d.coders[i]} ${d.coders[j]} ${rule}`)!].flatMap(([label, c]) => [label, c.matched, c.onlyA, c.onlyB]));
        }
      }
      lines.push(
        JSON.stringify([
          id,
          identities[0]?.contentHash ?? '',
          layers,
          identities.flatMap((f) => [f.size, f.modified, f.changed, f.inode]),
          d.coders,
          d.present,
          d.orphaned,
          d.labels,
          d.members,
          byCoder((coder) =>
            [...(linked(id, coder) ?? [])].flatMap((annotation) => {
              const unit = unitOfLinked(d, coder, annotation);
              return unit === undefined ? [] : [annotation, unit];
            }),
          ),
          byCoder((coder) => [...(d.spanCounts.get(coder) ?? [])].flat()),
          byCoder((coder) => [...(d.segments.get(coder) ?? [])].map(([label, s]) => [label, ...deltasOf(s)])),
          counts,
          [...d.attributeRows].map(([key, rows]) => [key, ...rows.flatMap((row) => row.map(valueIndex))]),
        ]),
      );
    }
    const body = `{"schema":${JSON.stringify(schemaKey(labels))},"values":[${[...values.keys()].join(',')}],"articles":[\n${lines.join(',\n')}]}`;
    await checksummedCacheFile.write(file, { format: FORMAT, version: ARTICLE_PARTS_VERSION, workspaceDir }, body);
  },
};

/** The unit of an annotation a link names, as the cache writes it: -1 when it is known to have none, undefined when not known (parts restored without it). */
function unitOfLinked(d: ArticlePartsData, coder: string, annotation: string): number | undefined {
  const unit = d.unitOfAnnotation.get(coder)?.get(annotation);
  if (unit !== undefined) return unit;
  return d.allMapped || d.linkedWithoutUnit.get(coder)?.has(annotation) ? -1 : undefined;
}

/** A segment list as the cache writes it: the first start, then each length and gap in turn. */
function deltasOf(s: MergedSegments): number[] {
  const out: number[] = [];
  let at = 0;
  for (let k = 0; k < s.starts.length; k++) {
    out.push(s.starts[k]! - at, s.ends[k]! - s.starts[k]!);
    at = s.ends[k]!;
  }
  return out;
}

/** The cache's body read back; throws saying what is wrong. */
function decode(body: unknown): CachedParts {
  const { schema, values, articles } = object(body);
  const table = list(values).map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : fail('a value')));
  const valueAt = (index: unknown) => (whole(index) === -1 ? null : (table[index as number] ?? fail('a value index')));
  const read = new Map<string, CachedArticle>();
  for (const entry of list(articles)) {
    const [id, contentHash, layers, stats, coders, present, orphaned, labels, members, mapped, spanCounts, segments, counts, rows] = list(entry);
    const layerIds = strings(layers);
    const numbers = list(stats).map(number);
    if (numbers.length !== 4 * layerIds.length) fail('file identities');
    const identities = layerIds.map((_, i) => ({ size: numbers[4 * i]!, modified: numbers[4 * i + 1]!, changed: numbers[4 * i + 2]!, inode: numbers[4 * i + 3]!, contentHash: text(contentHash) }));
    const coderIds = strings(coders);
    const perCoder = <T>(value: unknown, f: (item: unknown[]) => T) => {
      const items = list(value);
      if (items.length !== coderIds.length) fail('a list per coder');
      return new Map(coderIds.map((coder, i) => [coder, f(list(items[i]))]));
    };
    const data: ArticlePartsData = {
      coders: coderIds,
      present: strings(present),
      orphaned: whole(orphaned),
      labels: strings(labels),
      members: list(members).map(whole),
      unitOfAnnotation: perCoder(mapped, (flat) => new Map(pairsOf(flat).flatMap(([a, u]) => (whole(u) < 0 ? [] : [[text(a), whole(u)] as const])))),
      allMapped: false,
      linkedWithoutUnit: perCoder(mapped, (flat) => new Set(pairsOf(flat).flatMap(([a, u]) => (whole(u) === -1 ? [text(a)] : [])))),
      spanCounts: perCoder(spanCounts, (flat) => new Map(pairsOf(flat).map(([label, n]) => [text(label), whole(n)]))),
      segments: perCoder(segments, (byLabel) => new Map(byLabel.map((item) => segmentsOf(list(item))))),
      counts: new Map(),
      attributeRows: new Map(),
    };
    const countLists = list(counts);
    let at = 0;
    for (let i = 0; i < coderIds.length; i++) {
      for (let j = i + 1; j < coderIds.length; j++) {
        for (const rule of RULES) {
          const flat = list(countLists[at++] ?? fail('counts'));
          if (flat.length % 4 !== 0) fail('counts');
          const byLabel = new Map<string, Counts>();
          for (let k = 0; k < flat.length; k += 4) byLabel.set(text(flat[k]), { matched: whole(flat[k + 1]), onlyA: whole(flat[k + 2]), onlyB: whole(flat[k + 3]) });
          data.counts.set(`${coderIds[i]} ${coderIds[j]} ${rule}`, byLabel);
        }
      }
    }
    for (const item of list(rows)) {
      const [key, ...flat] = list(item);
      if (coderIds.length === 0 ? flat.length > 0 : flat.length % coderIds.length !== 0) fail('attribute rows');
      const unitRows: (AlphaValue | null)[][] = [];
      for (let k = 0; k < flat.length && coderIds.length > 0; k += coderIds.length) unitRows.push(flat.slice(k, k + coderIds.length).map(valueAt));
      data.attributeRows.set(text(key), unitRows);
    }
    read.set(text(id), { layers: layerIds, identities, parts: new ArticleParts(data, null) });
  }
  return { schema: text(schema), articles: read };
}

/** One label's segments read back from `[label, start, length, gap, length, …]` (merged: each after the last, none empty or touching). */
function segmentsOf([label, ...deltas]: unknown[]): [string, MergedSegments] {
  if (deltas.length % 2 !== 0) fail('segments');
  const count = deltas.length / 2;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const gap = whole(deltas[2 * k]);
    const length = whole(deltas[2 * k + 1]);
    if (length <= 0 || gap < (k === 0 ? 0 : 1)) fail('segments');
    starts[k] = at + gap;
    ends[k] = at = starts[k]! + length;
  }
  return [text(label), count === 0 ? NO_SEGMENTS : { starts, ends }];
}

function pairsOf(flat: unknown[]): [unknown, unknown][] {
  if (flat.length % 2 !== 0) fail('a list of pairs');
  const pairs: [unknown, unknown][] = [];
  for (let k = 0; k < flat.length; k += 2) pairs.push([flat[k], flat[k + 1]]);
  return pairs;
}

function fail(what: string): never {
  throw new Error(`${what} of another form`);
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail('the body');
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : fail('a list');
}

function strings(value: unknown): string[] {
  return list(value).map(text);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : fail('a text');
}

function number(value: unknown): number {
  return typeof value === 'number' ? value : fail('a number');
}

function whole(value: unknown): number {
  return Number.isInteger(value) ? (value as number) : fail('a whole number');
}
