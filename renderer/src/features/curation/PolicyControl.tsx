import { useEffect, useState } from 'react';
import type { PolicyRule } from '../../../../shared/curation/curation-policy.js';

const KINDS: readonly { kind: PolicyRule['kind']; name: string; says: string }[] = [
  { kind: 'unanimous', name: 'Unanimous', says: 'every annotator agrees' },
  { kind: 'majority', name: 'Majority', says: 'more than half agree' },
  { kind: 'threshold', name: 'Threshold', says: 'at least this share agrees' },
];

/** Props of the policy control. */
export interface PolicyControlProps {
  policy: PolicyRule;
  /** Places the policy settled without asking, of every place someone marked. */
  mergedAhead: number;
  units: number;
  mergedAheadLinks: number;
  readOnly: boolean;
  onApply(rule: PolicyRule): void;
}

/**
 * Which agreement lets a version into the curated layer without asking: unanimous, majority, or a
 * threshold the curator sets (in per cent); Apply writes what it merges ahead. Shows how many places
 * it merged ahead.
 */
export function PolicyControl({ policy, mergedAhead, units, mergedAheadLinks, readOnly, onApply }: PolicyControlProps) {
  const [kind, setKind] = useState(policy.kind);
  const [percent, setPercent] = useState(Math.round(policy.fraction * 100));
  useEffect(() => {
    setKind(policy.kind);
    setPercent(Math.round(policy.fraction * 100));
  }, [policy.kind, policy.fraction]);
  const valid = kind !== 'threshold' || (Number.isFinite(percent) && percent > 0 && percent <= 100);
  return (
    <form
      className="curation-policy"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onApply({ kind, fraction: kind === 'threshold' ? percent / 100 : kind === 'majority' ? 0.5 : 1 });
      }}
    >
      <fieldset>
        <legend>Merge ahead when</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="curation-policy-kind">
            <input type="radio" name="curation-policy" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} /> {k.name}{' '}
            <span className="hint">({k.says})</span>
          </label>
        ))}
        <label className="curation-threshold">
          Threshold{' '}
          <input type="number" min={1} max={100} step={1} value={percent} disabled={kind !== 'threshold'} onChange={(e) => setPercent(Number(e.target.value))} /> %
        </label>
        <button type="submit" disabled={!valid || readOnly}>
          Apply policy
        </button>
      </fieldset>
      <p className="curation-merged" role="status">
        Merged ahead: {mergedAhead} of {units} {units === 1 ? 'place' : 'places'}
        {mergedAheadLinks > 0 ? `, ${mergedAheadLinks} ${mergedAheadLinks === 1 ? 'link' : 'links'}` : ''}
      </p>
    </form>
  );
}
