import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import { AgreementView } from '../agreement/AgreementView.js';
import { TeamOverview } from '../assignments/TeamOverview.js';
import { CurationView } from '../curation/CurationView.js';
import type { Edits, TrackSave } from '../history/use-edits.js';
import { LinkOverview } from '../linking/LinkOverview.js';
import type { WorkbenchView } from './TopBar.js';

/** Props of the overview shown instead of the article. */
export interface WorkbenchOverviewProps {
  view: Exclude<WorkbenchView, 'articles'>;
  /** Runs an edit (naming a cluster) through the save indicator. */
  track: TrackSave;
  /** The workbench's undoable edits (curation decisions are undone with the rest). */
  edits: Edits;
  /** The open article (the one Curate curates), or null. */
  opened: OpenedDocument | null;
  /** Opens an article at an annotation. */
  onOpenAnnotation(documentId: string, annotationId: string): void;
  /** Opens an article. */
  onOpenArticle(documentId: string): void;
  /** Tells the person why something did not happen. */
  notice(message: string): void;
}

/** The workspace at a glance, in place of the article: the clusters, the contradictions, the team's progress, the open article's curation, or the agreement. */
export function WorkbenchOverview({ view, track, edits, opened, onOpenAnnotation, onOpenArticle, notice }: WorkbenchOverviewProps) {
  if (view === 'curation') return <CurationView opened={opened} edits={edits} notice={notice} />;
  if (view === 'agreement') return <AgreementView onOpenArticle={onOpenArticle} />;
  if (view !== 'progress') return <LinkOverview view={view} track={track} onOpenAnnotation={onOpenAnnotation} />;
  return (
    <section className="overview team-overview" aria-labelledby="progress-title">
      <h1 id="progress-title">Team progress</h1>
      <TeamOverview onOpenArticle={onOpenArticle} notice={notice} />
    </section>
  );
}
