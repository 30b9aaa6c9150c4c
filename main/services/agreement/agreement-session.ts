import { resolve } from 'node:path';
import { AgreementMemo, articlesNeedingAnnotations, gatherCorpus, type AgreementCorpus } from '../../../shared/agreement/agreement-corpus.js';
import { computeAgreement } from '../../../shared/agreement/agreement-report.js';
import type { ArticleParts } from '../../../shared/agreement/article-parts.js';
import { disagreementsOf } from '../../../shared/agreement/disagreements.js';
import type { AgreementCell, AgreementReport, AgreementScope, DisagreementList } from '../../../shared/api/contract/agreement.js';
import type { FileIdentity } from './agreement-layer-cache.js';
import { AgreementLayerFiles } from './agreement-layer-files.js';
import type { ReadOrder } from './agreement-messages.js';
import { agreementPartsCache, partsCacheFile, type CachedArticle, type CachedParts } from './agreement-parts-cache.js';
import { filesOf, readArticles, readEveryLayer, SnapshotMovedOn, type EveryLayer } from './read-every-layer.js';

/** How many times a request reads the workspace again when a file changed under it. */
const READ_AGAIN = 2;

/** How a request is told it goes on. */
type Progress = (phase: 'reading' | 'computing', done: number, total: number) => void;

/**
 * What the agreement worker keeps of one workspace between requests: the annotation files read
 * (`AgreementLayerFiles`, kept while they stay the same), what computations keep of each article
 * (`AgreementMemo`), the layers of the revision last read and the corpora gathered from them, the
 * parts an earlier session cached (`agreement-parts-cache.ts`: an article whose files are still the
 * ones cached is not read), and each article's parts as last computed with its files' identities,
 * for the caches written when idle (`saveCaches`).
 */
export class AgreementSession {
  /** The annotation files read, each kept while it stays the same (or not read: see `deferFiles`). */
  readonly files: AgreementLayerFiles;
  readonly #memo = new AgreementMemo();
  #held: { key: string; layers: Promise<EveryLayer>; corpora: Map<string, AgreementCorpus> } | null = null;
  /** The parts cached by an earlier session (undefined: not looked for yet). */
  #cachedParts: CachedParts | null | undefined = undefined;
  /** Each article's parts as last computed, with the identities of the files they come from. */
  readonly #parts = new Map<string, CachedArticle>();
  #partsStale = false;
  #lastRead: EveryLayer | null = null;
  /** How many articles of the last report were taken from their cached parts (their files not read). */
  articlesFromParts = 0;

  constructor(
    /** The workspace folder. */
    readonly dir: string,
    /** The annotation cache file (`agreementCacheFile`; the parts cache is next to it), or null: nothing cached. */
    private readonly cacheFile: string | null,
    /** Told (one sentence naming the file and why) when a cache file is ignored or cannot be written: the request goes on without it. */
    private readonly onCacheProblem: (note: string) => void = () => undefined,
  ) {
    this.files = new AgreementLayerFiles(cacheFile ? { file: cacheFile, workspaceDir: dir, onIgnored: this.#ignored } : null);
  }

  /** Tells that a cache file is ignored (`why` names it and says why). */
  readonly #ignored = (why: string): void => this.onCacheProblem(`The agreement cache ${why}; it is ignored.`);

  /** Whether the caches on disk lack what was read or computed since they were written. */
  get cachesAreStale(): boolean {
    return this.files.cacheIsStale || this.#partsStale;
  }

  /** The agreement report of `scope` in the workspace as `order` reads it, and how long reading took. */
  async report(order: ReadOrder, scope: AgreementScope, progress?: Progress): Promise<{ report: AgreementReport; readMs: number }> {
    return this.#readingAgain(async () => {
      const started = performance.now();
      const layers = await this.#layersOf(order, progress);
      // The articles whose cached parts do not fit this scope are read after all.
      await readArticles(this.dir, layers, articlesNeedingAnnotations(layers.snapshot, scope, layers.names, layers.prepared), this.files);
      const readMs = performance.now() - started;
      this.articlesFromParts = layers.prepared.size;
      const report = computeAgreement({
        ...layers,
        scope,
        memo: this.#memo,
        onProgress: (done, total) => progress?.('computing', done, total),
        onCorpus: (corpus) => this.#noteParts(layers, corpus),
      });
      return { report, readMs };
    });
  }

  /** The disagreements behind one figure (every article's annotations are read for them). */
  async disagreements(order: ReadOrder, cell: AgreementCell): Promise<DisagreementList> {
    return this.#readingAgain(async () => {
      const layers = await this.#layersOf(order);
      await readArticles(this.dir, layers, [...layers.prepared.keys()], this.files);
      const key = JSON.stringify(cell.scope);
      let corpus = this.#held!.corpora.get(key);
      if (!corpus) this.#held!.corpora.set(key, (corpus = gatherCorpus(layers.snapshot, cell.scope, layers.names, this.#memo)));
      return disagreementsOf(corpus, cell);
    });
  }

  /** Writes the annotation cache and the parts cache where they are stale; a cache that cannot be written changes nothing here (it is told to `onCacheProblem`). */
  async saveCaches(): Promise<void> {
    const told = (file: string) => (error: unknown) => this.onCacheProblem(`The agreement cache ${file} could not be written (${(error as Error).message ?? String(error)}).`);
    if (!this.cacheFile) return;
    await this.files.saveCache().catch(told(this.cacheFile));
    await this.#saveParts().catch(told(partsCacheFile(this.cacheFile)));
  }

  /** Runs `work`, reading everything again when a file changed under it (the last time without standing in for files). */
  async #readingAgain<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof SnapshotMovedOn) || attempt >= READ_AGAIN) throw error;
        this.#held = null;
        if (attempt + 1 === READ_AGAIN) this.files.deferFiles(null);
      }
    }
  }

  /** The layers of `order`: read again only when its revision is not the one held. */
  #layersOf(order: ReadOrder, progress?: Progress): Promise<EveryLayer> {
    const key = JSON.stringify([order.revision, order.unsaved !== null, order.names]);
    if (this.#held?.key !== key) {
      const layers = this.#cachedPartsOnce().then((cached) => readEveryLayer(order, this.files, (done, total) => progress?.('reading', done, total), cached));
      const held = { key, layers, corpora: new Map<string, AgreementCorpus>() };
      this.#held = held;
      // A read that failed is not kept: the next request tries again.
      layers.catch(() => {
        if (this.#held === held) this.#held = null;
      });
    }
    return this.#held!.layers;
  }

  /** The parts an earlier session cached, looked for once; the files they were cached for need not be read while they stay the same. */
  async #cachedPartsOnce(): Promise<CachedParts | null> {
    if (this.#cachedParts !== undefined) return this.#cachedParts;
    const cached = this.cacheFile ? await agreementPartsCache.load(partsCacheFile(this.cacheFile), this.dir, this.#ignored) : null;
    this.#cachedParts = cached;
    const files = new Map<string, FileIdentity>();
    for (const [id, article] of cached?.articles ?? []) {
      // What the cache holds is what the next cache would hold, until something is computed again.
      this.#parts.set(id, article);
      filesOf(resolve(this.dir), id, article.layers).forEach((path, k) => files.set(path, article.identities[k]!));
    }
    this.files.deferFiles(cached ? files : null);
    return cached;
  }

  /** Notes each article's parts of a corpus just gathered with its files' identities (not those where my unsaved work is). */
  #noteParts(layers: EveryLayer, corpus: AgreementCorpus): void {
    this.#lastRead = layers;
    const read = new Map(layers.snapshot.documents.map((d) => [d.meta.id, d]));
    const articles: [string, ArticleParts][] = [...corpus.documents.map((d) => [d.id, d.parts] as [string, ArticleParts]), ...corpus.leftOut];
    for (const [id, parts] of articles) {
      const snapshot = read.get(id)!;
      const identities = filesOf(resolve(this.dir), id, snapshot.layers ?? []).map((path) => this.files.identityOf(path));
      if (layers.unsavedArticles.has(id) || identities.some((identity) => !identity)) {
        if (this.#parts.delete(id)) this.#partsStale = true;
      } else if (this.#parts.get(id)?.parts !== parts) {
        this.#parts.set(id, { layers: snapshot.layers ?? [], identities: identities as FileIdentity[], parts });
        this.#partsStale = true;
      }
    }
  }

  /** Writes each article's parts as last computed, complete, to the parts cache. */
  async #saveParts(): Promise<void> {
    const last = this.#lastRead;
    if (!this.cacheFile || !this.#partsStale || !last) return;
    this.#partsStale = false;
    const { labels, links } = last.snapshot;
    const complete = [...this.#parts].filter(([, article]) => {
      try {
        article.parts.complete(labels);
        return true;
      } catch {
        return false; // restored parts lacking what another schema asks (never used: the schema is checked)
      }
    });
    const linked = new Map<string, Set<string>>();
    for (const link of links) {
      for (const end of [link.source, link.target]) {
        const key = `${end.documentId}\u0000${link.annotator}`;
        let ids = linked.get(key);
        if (!ids) linked.set(key, (ids = new Set()));
        ids.add(end.annotationId);
      }
    }
    try {
      await agreementPartsCache.save(partsCacheFile(this.cacheFile), this.dir, labels, complete, (documentId, annotator) => linked.get(`${documentId}\u0000${annotator}`));
    } catch (error) {
      this.#partsStale = true;
      throw error;
    }
  }
}
