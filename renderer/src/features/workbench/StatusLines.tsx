import type { TextRange } from '../../../../shared/model/annotation.js';
import type { Linking } from '../linking/use-linking.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

/** Props of the status lines under the article. */
export interface StatusLinesProps {
  /** Pieces collected for a discontinuous annotation. */
  pending: readonly TextRange[];
  /** The link being made, if one is, and how to cancel it. */
  linking: Pick<Linking, 'linkSource' | 'cancelLink'>;
  linkTypeCount: number;
  /** The last thing the workbench told the person. */
  notice: string | null;
}

/**
 * What is in progress (pieces collected, a link being made) and the latest notice, announced politely,
 * in an area of its own under the article (it never covers the text or a table's rows). A link being
 * made stays announced, with its way out, across articles and panes until it is made or cancelled.
 */
export function StatusLines({ pending, linking, linkTypeCount, notice }: StatusLinesProps) {
  const { linkSource } = linking;
  return (
    <div className="status-area">
      {pending.length > 0 && (
        <p className="pending-status" role="status">
          {pending.length} {pending.length === 1 ? 'piece' : 'pieces'} collected for one annotation: select the last piece and press a label key (Escape
          clears).
        </p>
      )}
      {linkSource && (
        <div className="link-status" role="status">
          <p>
            <strong>Linking from</strong> “{excerpt(linkSource.text, 50)}” ({excerpt(linkSource.documentTitle, 30)}): click the other span, then its type (1–
            {linkTypeCount}).
          </p>
          <button type="button" onClick={linking.cancelLink}>
            Cancel linking
          </button>
        </div>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
