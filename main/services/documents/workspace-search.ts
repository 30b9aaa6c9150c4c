import type { MethodInput, WorkspaceSearchResult } from '../../../shared/api/contract/index.js';
import { findAllInText } from '../../../shared/text/find-text.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/** How many characters of context a search hit shows on each side. */
const CONTEXT_LENGTH = 40;

/** Finds text in every article of a workspace (see the contract's `searchWorkspace`). */
export async function searchWorkspace(
  store: WorkspaceStore,
  { query, caseSensitive, hitsPerDocument = 50 }: MethodInput<'searchWorkspace'>,
): Promise<WorkspaceSearchResult> {
  const documents: WorkspaceSearchResult['documents'] = [];
  let totalHits = 0;
  for (const meta of store.workspace.documents) {
    const text = await store.readText(meta.id);
    const ranges = findAllInText(text, query, { caseSensitive: caseSensitive ?? false, limit: hitsPerDocument + 1 });
    if (ranges.length === 0) continue;
    const hits = ranges.slice(0, hitsPerDocument).map(({ start, end }) => ({
      start,
      end,
      before: text.slice(Math.max(0, start - CONTEXT_LENGTH), start).replace(/^[\uDC00-\uDFFF]/, ''),
      match: text.slice(start, end),
      after: text.slice(end, end + CONTEXT_LENGTH).replace(/[\uD800-\uDBFF]$/, ''),
    }));
    totalHits += hits.length;
    documents.push({ documentId: meta.id, title: meta.title, hits, truncated: ranges.length > hitsPerDocument });
  }
  return { documents, totalHits };
}
