import { useMemo, useRef } from 'react';
import type { LinkType } from '../../../shared/model/label-schema.js';
import { NO_LINK_MARKS, type LinkMarks } from '../document-view/link-marks.js';
import { deriveLinkMarks } from './link-marks.js';
import { useDocumentLinks } from './use-document-links.js';
import { useWorkbenchState } from './workbench-context.js';

const NO_TYPES: readonly LinkType[] = [];

/**
 * The link marks of an article, for its article view: derived from the article's cached links, so
 * they follow every link made, deleted, reversed or brought back by undo. Unchanged marks keep their
 * identity from one call to the next.
 */
export function useLinkMarks(documentId: string | null): LinkMarks {
  const links = useDocumentLinks(documentId);
  const linkTypes = useWorkbenchState((state) => state.workspace?.linkTypes) ?? NO_TYPES;
  const previous = useRef<LinkMarks>(NO_LINK_MARKS);
  return useMemo(() => {
    previous.current = deriveLinkMarks(documentId, links, linkTypes, previous.current);
    return previous.current;
  }, [documentId, links, linkTypes]);
}
