/**
 * The links curation compares, grouped by the two units they join (within one article or across
 * two), with each annotator's version of the pair and what a policy lets through. The grouping is
 * link agreement's (`shared/agreement/links-by-unit-pair.ts`): links already on unit keys, one side
 * per annotator; this module only reads each pair's links as versions.
 */
import type { LinkTypeInfo, UnitLink } from '../agreement/link-agreement.js';
import { linksByUnitPair } from '../agreement/links-by-unit-pair.js';
import { compareText } from '../text/compare-text.js';
import { policyWinner, type PolicyRule } from './curation-policy.js';

/** One link of a version: its type, and whether it goes from the second unit of the pair to the first. */
export interface VersionLink {
  typeId: string;
  reversed: boolean;
}

/** Each annotator's links between the two units of a pair (none: an empty list), in annotator order. */
export type LinkVersions = { annotator: string; links: VersionLink[] }[];

/** Two units some annotator linked, first and second as the caller orders them, with every annotator's links between them. */
interface UnitPairVersions {
  ends: [string, string];
  versions: LinkVersions;
}

/** A link version's identity within its pair: type and direction. */
export function linkKey(link: VersionLink): string {
  return `${link.typeId}${link.reversed ? '<' : '>'}`;
}

/**
 * Groups the annotators' links (`linksOf[i]` are `annotators[i]`'s, their ends unit keys) by the two
 * units they join; a link of a unit to itself is left out. `order` compares two units of a pair (the
 * lesser is the first; a link from the second to the first is `reversed` when its type is directed).
 * A type not in `directed` counts as directed. Each annotator's links of a pair are given once each,
 * sorted by `linkKey`. The pairs come in no particular order: the caller names and sorts them.
 */
export function linkVersionsByUnitPair(
  annotators: readonly string[],
  linksOf: readonly (readonly UnitLink[])[],
  directed: ReadonlyMap<string, boolean>,
  order: (a: string, b: string) => number,
): UnitPairVersions[] {
  const types = new Map<string, LinkTypeInfo>();
  for (const links of linksOf) for (const link of links) types.set(link.typeId, { directed: directed.get(link.typeId) !== false, clusters: false });
  const table = linksByUnitPair(linksOf, types);
  const pairs: UnitPairVersions[] = [];
  for (let p = 0; p + 1 < table.pairStart.length; p++) {
    const [x, y] = [table.units[table.lesser[p]!]!, table.units[table.greater[p]!]!];
    if (x === y) continue;
    const [first, second] = order(x, y) <= 0 ? [x, y] : [y, x];
    const byAnnotator = annotators.map(() => new Map<string, VersionLink>());
    for (let k = table.pairStart[p]!; k < table.pairStart[p + 1]!; k++) {
      const i = table.linkOrder[k]!;
      const link = table.links[i]!;
      const version: VersionLink = { typeId: link.typeId, reversed: table.directed[i] === 1 && link.source === second };
      byAnnotator[table.side[i]!]!.set(linkKey(version), version);
    }
    const versions = annotators.map((annotator, side) => ({ annotator, links: [...byAnnotator[side]!.values()].sort((a, b) => compareText(linkKey(a), linkKey(b))) }));
    pairs.push({ ends: [first, second], versions });
  }
  return pairs;
}

/**
 * The links every one of `policies` lets through for a pair ([] for "no link"), or undefined when
 * one of them does not settle it: the best-supported set of links (every annotator compared has a
 * say, an empty set included) when it meets each policy and no other set is as well supported.
 */
export function linksAhead(versions: LinkVersions, policies: readonly PolicyRule[]): VersionLink[] | undefined {
  const grouped = new Map<string, { annotators: string[]; links: VersionLink[] }>();
  for (const version of versions) {
    const key = version.links.map(linkKey).join(',');
    const group = grouped.get(key) ?? { annotators: [], links: version.links };
    group.annotators.push(version.annotator);
    grouped.set(key, group);
  }
  const ranked = [...grouped.values()].sort((x, y) => y.annotators.length - x.annotators.length);
  let winner: VersionLink[] | undefined;
  for (const policy of policies) {
    const won = policyWinner(ranked, versions.length, policy);
    if (!won) return undefined;
    winner = won.links;
  }
  return winner;
}
