/**
 * The curation policy: how much agreement lets a version through into the curated layer without
 * the curator being asked ("merged ahead"). Every other unit is a disagreement the curator settles.
 */
import type { CurationPolicy } from '../model/curation.js';

/** A policy without its time stamp: what the curator chose. */
export type PolicyRule = Pick<CurationPolicy, 'kind' | 'fraction'>;

/** Whether `support` of `total` annotators agreeing is enough under `policy`. */
export function meetsPolicy(support: number, total: number, policy: PolicyRule): boolean {
  if (total <= 0 || support <= 0) return false;
  switch (policy.kind) {
    case 'unanimous':
      return support === total;
    case 'majority':
      return support * 2 > total;
    case 'threshold':
      // Compared without division so that 2 of 3 meets 2/3 exactly.
      return support >= policy.fraction * total - 1e-9;
  }
}

/**
 * The version the policy lets through, among `versions` (most supported first, each with the
 * annotators who chose it) of `total` annotators: the most supported one when it meets the policy
 * and no other version is as well supported (a tie is never settled for the curator); else null.
 */
export function policyWinner<V extends { annotators: readonly string[] }>(versions: readonly V[], total: number, policy: PolicyRule): V | null {
  const [first, second] = versions;
  if (!first || !meetsPolicy(first.annotators.length, total, policy)) return null;
  if (second && second.annotators.length === first.annotators.length) return null;
  return first;
}

/** The policy in words, for people: "unanimous", "majority", "at least 70 % agree". */
export function describePolicy(policy: PolicyRule): string {
  if (policy.kind === 'threshold') return `at least ${Math.round(policy.fraction * 100)} % agree`;
  return policy.kind;
}
