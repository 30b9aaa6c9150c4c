import type { ClusterMemberView } from '../../../../shared/model/link-views.js';

/**
 * A cluster member's wording with the words that differ from the cluster's reference marked:
 * text only this outlet has is highlighted (and announced as "differs"), text it lacks is shown
 * struck through.
 */
export function VariantText({ segments }: { segments: ClusterMemberView['segments'] }) {
  return (
    <span className="variant-text">
      {segments.map((segment, i) =>
        segment.kind === 'same' ? (
          <span key={i}>{segment.text}</span>
        ) : segment.kind === 'added' ? (
          <mark key={i} className="variant-added" title="Differs from the reference">
            <span className="visually-hidden">[differs: </span>
            {segment.text}
            <span className="visually-hidden">]</span>
          </mark>
        ) : (
          <del key={i} className="variant-removed" title="In the reference, not here">
            <span className="visually-hidden">[missing: </span>
            {segment.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </span>
  );
}
