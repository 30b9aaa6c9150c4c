import type { TrackSave } from '../history/use-edits.js';
import { ClustersView } from './ClustersView.js';
import { ContradictionsView } from './ContradictionsView.js';

/** Props of the overview of links across the workspace. */
export interface LinkOverviewProps {
  view: 'clusters' | 'contradictions';
  /** Runs an edit (naming a cluster) through the save indicator. */
  track: TrackSave;
  /** Opens an article at an annotation. */
  onOpenAnnotation(documentId: string, annotationId: string): void;
}

/** The workspace's links at a glance: the clusters of same/paraphrase links, or every contradiction. */
export function LinkOverview({ view, track, onOpenAnnotation }: LinkOverviewProps) {
  const title = view === 'clusters' ? 'Clusters' : 'Contradictions';
  return (
    <section className="overview" aria-labelledby={`${view}-title`}>
      <h1 id={`${view}-title`}>{title}</h1>
      {view === 'clusters' ? <ClustersView onOpenAnnotation={onOpenAnnotation} track={track} /> : <ContradictionsView onOpenAnnotation={onOpenAnnotation} />}
    </section>
  );
}
