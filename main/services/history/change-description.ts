import type { ArticleChange, LayerChange } from '../../../shared/api/contract/history.js';
import { diffArticle } from './article-changes.js';
import type { DocumentFiles, DocumentState } from './document-files.js';
import { describeLayerChange, diffLayer, isEmptyDifference, ownChangesOfMerge, type LayerVersion } from './layer-changes.js';
import { WORKSPACE_LAYOUT } from '../../workspace/workspace-layout.js';

/** What one version changed in an article: in the article itself, and in each layer. */
export interface ArticleVersionChange {
  article: ArticleChange[];
  layers: LayerChange[];
}

/** What the workspace says now, to name and place what a change touched. */
export interface CurrentNames {
  /** Label id → its name now. */
  labels: ReadonlyMap<string, string>;
  /** Annotator id → their name now. */
  annotators: ReadonlyMap<string, string>;
  /** Annotator id → the ids of their annotations of the article now. */
  present: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Describes what a version of an article changed against the version(s) it was made from. With one
 * parent that is a plain difference. A merge lists only what differs from every parent: a file equal
 * to one parent's came from that side as it was (its change is listed at the commit that made it),
 * and within a file only what differs from every parent is the merge's own (`ownChangesOfMerge`).
 */
export class ChangeDescriber {
  /** Versions of files that could not be read, once each. */
  readonly problems = new Set<string>();

  constructor(
    private readonly files: DocumentFiles,
    private readonly names: CurrentNames,
  ) {}

  /** What `after` changed against `befores` (its parents; none: against an empty workspace); null when nothing. */
  async describe(after: DocumentState, befores: readonly DocumentState[], where: string): Promise<ArticleVersionChange | null> {
    const parents = befores.length > 0 ? befores : [{ index: null, text: null, layers: new Map<string, string>() }];
    const article = await this.articleChanges(after, parents);
    const layers: LayerChange[] = [];
    const annotators = new Set([...after.layers.keys(), ...parents.flatMap((p) => [...p.layers.keys()])]);
    for (const annotator of [...annotators].sort()) {
      const change = await this.layerChange(annotator, after, parents, where);
      if (change) layers.push(change);
    }
    return article.length === 0 && layers.length === 0 ? null : { article, layers };
  }

  private async articleChanges(after: DocumentState, parents: readonly DocumentState[]): Promise<ArticleChange[]> {
    if (parents.some((p) => p.index === after.index && p.text === after.text)) return [];
    const now = await this.files.articleEntry(after.index);
    const diffs: ArticleChange[][] = [];
    for (const parent of parents) {
      const was = await this.files.articleEntry(parent.index);
      if (was.json === now.json && parent.text === after.text) return [];
      diffs.push(diffArticle(was.entry, now.entry, parent.text !== after.text));
    }
    const keyOf = (change: ArticleChange) => (change.kind === 'detail' ? `detail:${change.field}` : change.kind);
    const inEvery = diffs.slice(1).map((d) => new Set(d.map(keyOf)));
    return diffs[0]!.filter((change) => inEvery.every((keys) => keys.has(keyOf(change))));
  }

  private async layerChange(annotator: string, after: DocumentState, parents: readonly DocumentState[], where: string): Promise<LayerChange | null> {
    const blob = after.layers.get(annotator) ?? null;
    if (parents.some((p) => (p.layers.get(annotator) ?? null) === blob)) return null;
    const path = WORKSPACE_LAYOUT.annotations(this.files.documentId, annotator);
    const now = await this.readable(blob, path, where);
    if (now === null) return null;
    const diffs = [];
    for (const parent of parents) {
      const was = await this.readable(parent.layers.get(annotator) ?? null, path, where);
      if (was === null) return null;
      diffs.push(diffLayer(was, now));
    }
    const difference = ownChangesOfMerge(diffs);
    if (isEmptyDifference(difference)) return null;
    const present = this.names.present.get(annotator);
    const someone = [...difference.added, ...difference.removed, ...difference.changed.map((c) => c.after)].find((a) => typeof a.author === 'string' && a.author !== '');
    return describeLayerChange(difference, {
      annotator: { id: annotator, name: this.names.annotators.get(annotator) ?? someone?.author ?? annotator },
      labelName: (labelId) => this.names.labels.get(labelId) ?? labelId,
      isPresent: (id) => present?.has(id) ?? false,
    });
  }

  private async readable(blob: string | null, path: string, where: string): Promise<LayerVersion | null> {
    const layer = await this.files.layer(blob);
    if (layer === null) this.problems.add(`${path} as of ${where} cannot be read as annotations; what changed in it is left out.`);
    return layer;
  }
}
