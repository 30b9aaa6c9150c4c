import type { ReactNode } from 'react';
import type { ClusterMemberView } from '../../../../shared/model/link-views.js';

type Segment = ClusterMemberView['segments'][number];

/**
 * A cluster member's wording with the words that differ from the cluster's reference marked: a run
 * replaced by another is one mark showing the variant's text (the reference's in its title), text
 * only this outlet has is highlighted, text it lacks is shown struck through; each is announced in
 * words ("differs", "missing"). A mark of one or two characters (an apostrophe) is padded so it reads.
 */
export function VariantText({ segments }: { segments: readonly Segment[] }) {
  const parts: ReactNode[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    const short = (text: string) => (text.trim().length <= 2 ? ' variant-short' : '');
    if (segment.kind === 'same') parts.push(<span key={i}>{segment.text}</span>);
    else if (segment.kind === 'removed' && next?.kind === 'added') {
      parts.push(
        <mark key={i} className={`variant-added variant-changed${short(next.text)}`} title={`Differs from the reference, which has “${segment.text}”`}>
          <span className="visually-hidden">[differs: </span>
          {next.text}
          <span className="visually-hidden">]</span>
        </mark>,
      );
      i++;
    } else if (segment.kind === 'added') {
      parts.push(
        <mark key={i} className={`variant-added${short(segment.text)}`} title="Differs from the reference">
          <span className="visually-hidden">[differs: </span>
          {segment.text}
          <span className="visually-hidden">]</span>
        </mark>,
      );
    } else {
      parts.push(
        <del key={i} className={`variant-removed${short(segment.text)}`} title="In the reference, not here">
          <span className="visually-hidden">[missing: </span>
          {segment.text}
          <span className="visually-hidden">]</span>
        </del>,
      );
    }
  }
  return <span className="variant-text">{parts}</span>;
}
