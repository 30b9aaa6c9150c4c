import type { TextRange } from '../../../../shared/model/annotation.js';
import type { LinkSource } from '../linking/LinksPanel.js';

/** Props of the status lines under the article. */
export interface StatusLinesProps {
  /** Pieces collected for a discontinuous annotation. */
  pending: readonly TextRange[];
  /** The first end of a link being made. */
  linkSource: LinkSource | null;
  linkTypeCount: number;
  /** The last thing the workbench told the person. */
  notice: string | null;
}

/** What is in progress (pieces collected, a link being made) and the latest notice, announced politely. */
export function StatusLines({ pending, linkSource, linkTypeCount, notice }: StatusLinesProps) {
  return (
    <>
      {pending.length > 0 && (
        <p className="pending-status" role="status">
          {pending.length} {pending.length === 1 ? 'piece' : 'pieces'} collected for one annotation: select the last piece and press a label key (Escape
          clears).
        </p>
      )}
      {linkSource && (
        <p className="pending-status link-status" role="status">
          Linking from “{linkSource.text.slice(0, 60)}” ({linkSource.documentTitle.slice(0, 40)}): focus the other annotation, here or in another
          article, then choose the link type (keys 1–{linkTypeCount}). Escape cancels.
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
