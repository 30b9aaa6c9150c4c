/**
 * The coreference evaluation measures, comparing two clusterings of mentions: MUC (Vilain et al.
 * 1995), B³ (Bagga & Baldwin 1998), entity-based CEAF with φ4 (Luo 2005), LEA (Moosavi & Strube
 * 2016) and the CoNLL average of the first three. They score a `response` against a `key`; for
 * agreement between two annotators either may be the key: swapping them swaps recall and
 * precision and keeps F1.
 *
 * Conventions, as the CoNLL reference scorer (v8.01) has them:
 * - A mention in only one of the two clusterings (twinless) stays in: it counts in that side's
 *   denominators and earns nothing. For MUC it is a part of its own when a cluster is partitioned by
 *   the other side.
 * - Singleton clusters count for B³, CEAF-e and LEA; MUC gives them no links and so ignores them.
 *   LEA gives a singleton one self-link, resolved when the other side has the same singleton.
 * - A zero denominator gives 0 (so does F1 when recall and precision are both 0): two clusterings
 *   of singletons only score MUC 0, not 1.
 * Empty clusters are dropped. A mention listed twice in one clustering is an error.
 */
import { DisjointSets } from './disjoint-sets.js';
import { maximumWeightAssignment } from './kuhn-munkres.js';

/** A set of clusters: each cluster lists its mentions' ids (a mention in at most one cluster). */
export type Clustering = readonly (readonly string[])[];

/** One measure's result: recall, precision and F1 (each 0…1) and the sums they are fractions of. */
export interface CorefScore {
  recall: number;
  precision: number;
  f1: number;
  recallNumerator: number;
  recallDenominator: number;
  precisionNumerator: number;
  precisionDenominator: number;
}

/** The CoNLL-2012 figure: MUC, B³ and CEAF-e, and the mean of their F1 (0…1, not a percentage). */
export interface ConllScores {
  muc: CorefScore;
  bCubed: CorefScore;
  ceafE: CorefScore;
  conllF1: number;
}

/**
 * MUC: the links a cluster needs (its size − 1), and how many of them the other side keeps.
 * Recall: Σ over key clusters k of |k| − |parts of k under the response|, over Σ (|k| − 1), where a
 * mention the response lacks is a part of its own. Precision: the same with the sides swapped.
 */
export function muc(key: Clustering, response: Clustering): CorefScore {
  return sumOverClusters(key, response, (cluster, shared) => {
    const parts = shared.size + (cluster.length - sumOf(shared.values())); // a twinless mention is a part of its own
    return [cluster.length - parts, cluster.length - 1];
  });
}

/**
 * B³: for each key mention, the share of its key cluster that its response cluster also holds
 * (recall), averaged over the key's mentions; for each response mention the share of its
 * response cluster its key cluster holds (precision). A twinless mention scores 0.
 */
export function bCubed(key: Clustering, response: Clustering): CorefScore {
  return sumOverClusters(key, response, (cluster, shared) => {
    // Each of the n mentions shared with one other cluster scores n / |cluster|.
    let score = 0;
    for (const n of shared.values()) score += (n * n) / cluster.length;
    return [score, cluster.length];
  });
}

/**
 * Entity-based CEAF (CEAF-e): the one-to-one alignment of key and response clusters that
 * maximises the summed similarity φ4(k, r) = 2·|k ∩ r| / (|k| + |r|), found by Kuhn–Munkres;
 * recall is that sum over the number of key clusters, precision over the number of response
 * clusters. Clusters sharing no mention have similarity 0, so the alignment is solved separately
 * for each connected component of the graph joining clusters that share a mention: the same
 * optimum, at the cost of the largest component instead of the whole set.
 */
export function ceafE(key: Clustering, response: Clustering): CorefScore {
  const overlap = overlapOf(key, response);
  const keyCount = overlap.key.length;
  // Components of the overlap graph: key clusters 0…K−1, response clusters K…K+R−1.
  const sets = new DisjointSets(keyCount + overlap.response.length);
  overlap.keyCounts.forEach((counts, k) => {
    for (const r of counts.keys()) sets.union(k, keyCount + r);
  });
  const components = new Map<number, { keys: number[]; responses: number[] }>();
  const componentOf = (i: number) => {
    const root = sets.find(i);
    let component = components.get(root);
    if (!component) components.set(root, (component = { keys: [], responses: [] }));
    return component;
  };
  overlap.key.forEach((_, k) => componentOf(k).keys.push(k));
  overlap.response.forEach((_, r) => componentOf(keyCount + r).responses.push(r));

  let similarity = 0;
  for (const { keys, responses } of components.values()) {
    if (keys.length === 0 || responses.length === 0) continue;
    const weights = keys.map((k) => {
      const size = overlap.key[k]!.length;
      const counts = overlap.keyCounts[k]!;
      return responses.map((r) => (2 * (counts.get(r) ?? 0)) / (size + overlap.response[r]!.length));
    });
    similarity += maximumWeightAssignment(weights).total;
  }
  return scoreOf([similarity, keyCount], [similarity, overlap.response.length]);
}

/**
 * LEA: each cluster weighs its size (importance) times the share of its links the other side also
 * makes (resolution), where a cluster of n mentions has n(n − 1)/2 links and a singleton one
 * self-link, made by the other side when it has the same singleton. Recall sums over key clusters,
 * precision over response clusters, each over the summed sizes.
 */
export function lea(key: Clustering, response: Clustering): CorefScore {
  const links = (n: number) => (n * (n - 1)) / 2;
  return sumOverClusters(key, response, (cluster, shared, others) => {
    let resolution = 0;
    if (cluster.length === 1) {
      // Its self-link is made when its one mention is a singleton on the other side too.
      for (const other of shared.keys()) resolution = others[other]!.length === 1 ? 1 : 0;
    } else {
      for (const n of shared.values()) resolution += links(n);
      resolution /= links(cluster.length);
    }
    return [cluster.length * resolution, cluster.length];
  });
}

/** MUC, B³ and CEAF-e of one comparison, and the CoNLL F1: the mean of their three F1. */
export function conllAverage(key: Clustering, response: Clustering): ConllScores {
  const scores = { muc: muc(key, response), bCubed: bCubed(key, response), ceafE: ceafE(key, response) };
  return { ...scores, conllF1: (scores.muc.f1 + scores.bCubed.f1 + scores.ceafE.f1) / 3 };
}

/** Internal: both clusterings without empty clusters, and how many mentions each cluster shares with each cluster of the other side. */
interface Overlap {
  key: string[][];
  response: string[][];
  /** keyCounts[k]: response cluster index → number of mentions key cluster k shares with it. */
  keyCounts: Map<number, number>[];
  /** responseCounts[r]: key cluster index → number of mentions response cluster r shares with it. */
  responseCounts: Map<number, number>[];
}

/**
 * Internal: a measure that adds up a numerator and a denominator over clusters: over the key's
 * clusters against the response for recall, over the response's against the key for precision.
 * `term` gets a cluster, how many mentions it shares with each cluster of the other side (by
 * index), and the other side's clusters.
 */
function sumOverClusters(
  key: Clustering,
  response: Clustering,
  term: (cluster: readonly string[], shared: ReadonlyMap<number, number>, others: readonly string[][]) => readonly [number, number],
): CorefScore {
  const overlap = overlapOf(key, response);
  const side = (clusters: string[][], counts: Map<number, number>[], others: string[][]) => {
    let numerator = 0;
    let denominator = 0;
    clusters.forEach((cluster, i) => {
      const [n, d] = term(cluster, counts[i]!, others);
      numerator += n;
      denominator += d;
    });
    return [numerator, denominator] as const;
  };
  return scoreOf(side(overlap.key, overlap.keyCounts, overlap.response), side(overlap.response, overlap.responseCounts, overlap.key));
}

function overlapOf(key: Clustering, response: Clustering): Overlap {
  const keyClusters = nonEmpty(key);
  const responseClusters = nonEmpty(response);
  const keyIndex = clusterIndexOf(keyClusters, 'key');
  const responseIndex = clusterIndexOf(responseClusters, 'response');
  const keyCounts = keyClusters.map(() => new Map<number, number>());
  const responseCounts = responseClusters.map(() => new Map<number, number>());
  for (const [mention, k] of keyIndex) {
    const r = responseIndex.get(mention);
    if (r === undefined) continue;
    keyCounts[k]!.set(r, (keyCounts[k]!.get(r) ?? 0) + 1);
    responseCounts[r]!.set(k, (responseCounts[r]!.get(k) ?? 0) + 1);
  }
  return { key: keyClusters, response: responseClusters, keyCounts, responseCounts };
}

function nonEmpty(clustering: Clustering): string[][] {
  return clustering.filter((cluster) => cluster.length > 0).map((cluster) => [...cluster]);
}

/** Each mention's cluster index; throws on a mention listed twice. */
function clusterIndexOf(clusters: readonly (readonly string[])[], side: 'key' | 'response'): Map<string, number> {
  const index = new Map<string, number>();
  clusters.forEach((cluster, i) => {
    for (const mention of cluster) {
      const known = index.get(mention);
      if (known !== undefined) {
        const where = known === i ? `twice in cluster ${i}` : `in clusters ${known} and ${i}`;
        throw new Error(`Coreference ${side}: mention "${mention}" is ${where}; a mention belongs to one cluster once.`);
      }
      index.set(mention, i);
    }
  });
  return index;
}

function sumOf(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** Recall, precision and F1 from their sums; a zero denominator gives 0, as the reference scorer prints. */
function scoreOf([recallNumerator, recallDenominator]: readonly [number, number], [precisionNumerator, precisionDenominator]: readonly [number, number]): CorefScore {
  const recall = recallDenominator === 0 ? 0 : recallNumerator / recallDenominator;
  const precision = precisionDenominator === 0 ? 0 : precisionNumerator / precisionDenominator;
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { recall, precision, f1, recallNumerator, recallDenominator, precisionNumerator, precisionDenominator };
}
