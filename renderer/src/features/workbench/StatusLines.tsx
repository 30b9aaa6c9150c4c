import type { TextRange } from '../../../../shared/model/annotation.js';
import type { LinkSource } from '../linking/LinksPanel.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

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

/**
 * What is in progress (pieces collected, a link being made) and the latest notice, announced politely,
 * in an area of its own under the article (it never covers the text or a table's rows).
 */
export function StatusLines({ pending, linkSource, linkTypeCount, notice }: StatusLinesProps) {
  return (
    <div className="status-area">
      {pending.length > 0 && (
        <p className="pending-status" role="status">
          {pending.length} {pending.length === 1 ? 'piece' : 'pieces'} collected for one annotation: select the last piece and press a label key (Escape
          clears).
        </p>
      )}
      {linkSource && (
        <p className="pending-status link-status" role="status">
          Linking from “{excerpt(linkSource.text, 60)}” ({excerpt(linkSource.documentTitle, 40)}): focus the other annotation, here or in another
          article, then choose the link type (keys 1–{linkTypeCount}). Escape cancels.
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
