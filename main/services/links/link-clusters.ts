import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { computeClusters, type AnnotationCluster } from '../../../shared/linking/clusters.js';
import type { ClusterName } from '../../../shared/model/link.js';
import type { ClusterMemberView, ClusterView } from '../../../shared/model/link-views.js';
import { diffVariant } from '../../../shared/text/word-diff.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/**
 * Clusters (transitive groups of `same` and `paraphrase` links) as editors see them: one row per
 * article with its wording and the word-level differences between variants, plus the name and
 * canonical text given to the cluster.
 */
export class LinkClusters {
  /** Reads the clusters of `store`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly now: () => Date,
  ) {}

  /** Every cluster, in a stable order. */
  async list(): Promise<ClusterView[]> {
    const clusters = computeClusters(this.store.linkLayer.links);
    const names = matchNames(clusters, this.store.linkLayer.clusterNames);
    const views: ClusterView[] = [];
    for (const cluster of clusters) {
      const members: Omit<ClusterMemberView, 'segments'>[] = [];
      for (const end of cluster.members) {
        const meta = this.store.findDocument(end.documentId);
        const annotation = meta && (await this.store.readAnnotations(end.documentId)).find((a) => a.id === end.annotationId);
        if (!meta || !annotation) continue;
        members.push({
          documentId: meta.id,
          documentTitle: meta.title,
          outlet: meta.outlet,
          date: meta.date,
          annotationId: annotation.id,
          labelId: annotation.labelId,
          text: annotation.fragments.map((f) => f.exact).join(' … '),
        });
      }
      if (members.length < 2) continue;
      // Rows in the order the articles were added to the workspace, so the reference is stable.
      const order = new Map(this.store.workspace.documents.map((d, i) => [d.id, i]));
      members.sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.annotationId.localeCompare(b.annotationId));
      const name = names.get(cluster.id) ?? null;
      const referenceText = name?.canonicalText || members[0]!.text;
      views.push({
        key: cluster.foundedBy,
        number: cluster.id,
        name: name?.name || null,
        canonicalText: name?.canonicalText || null,
        referenceText,
        members: members.map((m) => ({ ...m, segments: diffVariant(referenceText, m.text) })),
      });
    }
    return views;
  }

  /** Names the cluster `annotationId` belongs to and sets its canonical text. */
  async name(annotationId: string, name: string, canonicalText: string): Promise<ClusterName> {
    const clusters = computeClusters(this.store.linkLayer.links);
    const cluster = clusters.find((c) => c.members.some((m) => m.annotationId === annotationId));
    if (!cluster) throw new WorkbenchError('not-found', 'That annotation is not in a cluster: link it as same or paraphrase first.');
    const existing = matchNames(clusters, this.store.linkLayer.clusterNames).get(cluster.id);
    const entry: ClusterName = {
      id: existing?.id ?? randomUUID(),
      name: name.trim(),
      canonicalText: canonicalText.trim(),
      members: cluster.members.map((m) => m.annotationId),
      updatedAt: this.now().toISOString(),
      annotator: this.store.annotator.id,
    };
    await this.store.updateLinkLayer((layer) => {
      layer.clusterNames = [...layer.clusterNames.filter((n) => n.id !== entry.id), entry];
    });
    return entry;
  }
}

/**
 * Gives each stored name to the computed cluster sharing most of its members (one cluster per name,
 * one name per cluster), so a name follows its cluster as links are added and removed.
 */
export function matchNames(clusters: readonly AnnotationCluster[], names: readonly ClusterName[]): Map<number, ClusterName> {
  const pairs: { cluster: number; name: ClusterName; overlap: number }[] = [];
  for (const cluster of clusters) {
    const ids = new Set(cluster.members.map((m) => m.annotationId));
    for (const name of names) {
      const overlap = name.members.filter((id) => ids.has(id)).length;
      if (overlap > 0) pairs.push({ cluster: cluster.id, name, overlap });
    }
  }
  pairs.sort((a, b) => b.overlap - a.overlap);
  const result = new Map<number, ClusterName>();
  const usedNames = new Set<string>();
  for (const { cluster, name } of pairs) {
    if (result.has(cluster) || usedNames.has(name.id)) continue;
    result.set(cluster, name);
    usedNames.add(name.id);
  }
  return result;
}
