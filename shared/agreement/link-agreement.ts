/**
 * Stand-in until link agreement lands on main: links compared on aligned units.
 */

/** A link between two aligned units (ends are unit ids). */
export interface UnitLink {
  source: string;
  target: string;
  typeId: string;
}

/** What agreement needs to know of a link type. */
export interface LinkTypeInfo {
  directed: boolean;
  /** Whether its links join clusters (same, paraphrase). */
  clusters: boolean;
}

/** Link types by id. */
export type LinkTypes = ReadonlyMap<string, LinkTypeInfo>;

function pairKey(link: UnitLink): { key: string; value: string; source: string; target: string } {
  const [source, target] = link.source <= link.target ? [link.source, link.target] : [link.target, link.source];
  return { key: `${source}\u0000${target}`, value: link.typeId, source, target };
}

function valuesOf(links: readonly UnitLink[], types: LinkTypes): Map<string, { value: string; source: string; target: string; links: UnitLink[] }> {
  const byKey = new Map<string, { value: string; source: string; target: string; links: UnitLink[] }>();
  for (const link of links) {
    const { key, source, target } = pairKey(link);
    const info = types.get(link.typeId);
    const value = info?.directed ? `${link.typeId}${link.source === source ? '>' : '<'}` : link.typeId;
    const known = byKey.get(key);
    if (known) {
      known.value = [...new Set([...known.value.split('+'), value])].sort().join('+');
      known.links.push(link);
    } else byKey.set(key, { value, source, target, links: [link] });
  }
  return byKey;
}

/** Link F1 of B against A. */
export function linkF1(a: readonly UnitLink[], b: readonly UnitLink[], types: LinkTypes) {
  const va = valuesOf(a, types);
  const vb = valuesOf(b, types);
  let tp = 0;
  const onlyA: UnitLink[] = [];
  const onlyB: UnitLink[] = [];
  const typeDiffers: [UnitLink, UnitLink][] = [];
  for (const [key, x] of va) {
    const y = vb.get(key);
    if (!y) onlyA.push(...x.links);
    else if (y.value === x.value) tp++;
    else typeDiffers.push([x.links[0]!, y.links[0]!]);
  }
  for (const [key, y] of vb) if (!va.has(key)) onlyB.push(...y.links);
  const fp = onlyB.length + typeDiffers.length;
  const fn = onlyA.length + typeDiffers.length;
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
    onlyA,
    onlyB,
    typeDiffers,
  };
}

/** Reliability data of links: one unit per pair of aligned units someone linked. */
export function linkReliabilityData(coders: readonly { coder: string; links: readonly UnitLink[]; markedUnits: ReadonlySet<string> }[], types: LinkTypes) {
  const perCoder = coders.map((c) => valuesOf(c.links, types));
  const pairs = new Map<string, { key: string; source: string; target: string }>();
  for (const values of perCoder) for (const [key, v] of values) if (!pairs.has(key)) pairs.set(key, { key, source: v.source, target: v.target });
  const list = [...pairs.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const values = list.map((pair) =>
    coders.map((c, i) => perCoder[i]!.get(pair.key)?.value ?? (c.markedUnits.has(pair.source) && c.markedUnits.has(pair.target) ? 'none' : null)),
  );
  return { pairs: list, values };
}

/** Clusters (connected components) of the links whose types cluster. */
export function clustersFromLinks(links: readonly UnitLink[], types: LinkTypes): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    parent.set(x, p);
    return p;
  };
  for (const link of links) {
    if (!types.get(link.typeId)?.clusters) continue;
    if (!parent.has(link.source)) parent.set(link.source, link.source);
    if (!parent.has(link.target)) parent.set(link.target, link.target);
    const [x, y] = [find(link.source), find(link.target)];
    if (x !== y) parent.set(x < y ? y : x, x < y ? x : y);
  }
  const groups = new Map<string, string[]>();
  for (const unit of parent.keys()) {
    const root = find(unit);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(unit);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}
