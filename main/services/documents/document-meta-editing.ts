import type { DocumentMetaEdit } from '../../../shared/api/import-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { storedDateOf } from '../../../shared/import/article-metadata.js';
import { dateWarningFor } from '../../../shared/import/date-trust.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/**
 * Changes a document's metadata as a person edited it: text is trimmed with its inner whitespace
 * collapsed, blank becomes null, a title may not be blank, and a date-time keeps its `YYYY-MM-DD`.
 * The date's warning is worked out again against the stored text, so a date that still looks wrong
 * keeps saying so. Resolves to the saved metadata once `workspace.json` is durably written.
 */
export async function updateDocumentMeta(store: WorkspaceStore, edit: DocumentMetaEdit): Promise<DocumentMeta> {
  const current = store.findDocument(edit.documentId);
  if (!current) throw new WorkbenchError('not-found', 'That article is not in this workspace.');
  const next: DocumentMeta = { ...current };
  if (edit.title !== undefined) {
    const title = oneLine(edit.title);
    if (title === null) throw new WorkbenchError('invalid-input', 'An article needs a title.');
    next.title = title;
  }
  if (edit.outlet !== undefined) next.outlet = oneLine(edit.outlet);
  if (edit.author !== undefined) next.author = oneLine(edit.author);
  if (edit.url !== undefined) next.url = oneLine(edit.url);
  if (edit.date !== undefined) next.date = storedDateOf(oneLine(edit.date));
  if (edit.date !== undefined || next.dateWarning === undefined) {
    next.dateWarning = dateWarningFor(next.date, await store.readText(current.id));
  }
  await store.updateWorkspace((workspace) => {
    const at = workspace.documents.findIndex((d) => d.id === current.id);
    if (at === -1) throw new WorkbenchError('not-found', 'That article is not in this workspace.');
    workspace.documents[at] = next;
  });
  return next;
}

function oneLine(value: string | null): string | null {
  const collapsed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return collapsed === '' ? null : collapsed;
}
