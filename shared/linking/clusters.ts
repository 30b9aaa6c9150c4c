import type { Link, LinkEnd } from '../model/link.js';
import { UnionFind } from './union-find.js';

/** The link types whose links mean "these annotations say the same thing" by default. */
export const COREFERENCE_LINK_TYPE_IDS: readonly string[] = ['same', 'paraphrase'];

/** A group of annotations that are, through a chain of coreference links, about the same content. */
export interface AnnotationCluster {
  /** 1-based, dense, in the order the clusters were founded (see `computeClusters`). */
  id: number;
  /** The id of the cluster's founding link: its oldest coreference link. */
  foundedBy: string;
  /** The annotations of the cluster, in member order; always at least two. */
  members: LinkEnd[];
}

/** Options of `computeClusters`. */
export interface ClusterOptions {
  /** Link types that join annotations into one cluster (default `same` and `paraphrase`). */
  linkTypeIds?: readonly string[];
  /** Orders members. Default: by document id, then by annotation id, so the result depends only on the links, not on their order. */
  compareEnds?: (a: LinkEnd, b: LinkEnd) => number;
}

/**
 * Groups annotations into coreference clusters: the connected components (union–find, so the
 * relation is transitive) of the graph whose edges are the links of the coreference types, in
 * either direction. Only annotations touched by such a link are in a cluster. Members are sorted
 * with `compareEnds`. Clusters are numbered 1, 2, … in the order they were founded (by their oldest
 * link: created first, then by id), so making a new cluster never renumbers the others, and the same
 * links always give the same clusters and numbers; removing a link splits its cluster when the link
 * was its only connection.
 */
export function computeClusters(links: readonly Link[], options: ClusterOptions = {}): AnnotationCluster[] {
  const types = new Set(options.linkTypeIds ?? COREFERENCE_LINK_TYPE_IDS);
  const compare = options.compareEnds ?? compareEndsById;
  const sets = new UnionFind();
  const ends = new Map<string, LinkEnd>();
  const joining = links.filter((link) => types.has(link.typeId));
  for (const link of joining) {
    const a = endKey(link.source);
    const b = endKey(link.target);
    ends.set(a, link.source);
    ends.set(b, link.target);
    sets.union(a, b);
  }
  // Each cluster's founding link: the oldest of its links.
  const founding = new Map<string, Link>();
  for (const link of joining) {
    const root = sets.find(endKey(link.source));
    const known = founding.get(root);
    if (!known || compareLinkAge(link, known) < 0) founding.set(root, link);
  }
  const groups = new Map<string, LinkEnd[]>();
  for (const key of sets.keys()) {
    const root = sets.find(key);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = []));
    group.push(ends.get(key)!);
  }
  const clusters = [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => ({ members: members.sort(compare), foundedBy: founding.get(root)! }));
  clusters.sort((a, b) => compareLinkAge(a.foundedBy, b.foundedBy));
  return clusters.map(({ members, foundedBy }, i) => ({ id: i + 1, foundedBy: foundedBy.id, members }));
}

/** Maps each clustered annotation (`documentId`, `annotationId`) to its cluster id. */
export function clusterIdsByAnnotation(clusters: readonly AnnotationCluster[]): Map<string, number> {
  const byAnnotation = new Map<string, number>();
  for (const cluster of clusters) {
    for (const member of cluster.members) byAnnotation.set(endKey(member), cluster.id);
  }
  return byAnnotation;
}

/** The key `clusterIdsByAnnotation` uses for one annotation. */
export function endKey(end: LinkEnd): string {
  return `${end.documentId}\u0000${end.annotationId}`;
}

/** Older links first: by when they were made, then by id. */
function compareLinkAge(a: Link, b: Link): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareEndsById(a: LinkEnd, b: LinkEnd): number {
  if (a.documentId !== b.documentId) return a.documentId < b.documentId ? -1 : 1;
  return a.annotationId < b.annotationId ? -1 : a.annotationId > b.annotationId ? 1 : 0;
}
