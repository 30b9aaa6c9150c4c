import type { WorkspaceStats } from '../../../shared/api/contract/workspace.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import { statusOf } from '../../../shared/model/assignment.js';
import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';

/**
 * Counts documents, annotations by label and by annotator, links by type, and the documents each
 * annotator marked done: every label and link type of the workspace appears, with 0 when unused;
 * `annotationsPerDocument` holds one list per document (every layer's annotations, for the whole
 * workspace's counts), `workspace.links` every layer's links, `workspace.documentStatus` every
 * annotator's statuses (only those of `documentIds`, the listed documents, count).
 */
export function countWorkspace(
  workspace: Pick<WorkspaceSnapshot, 'labels' | 'linkTypes' | 'links' | 'documentStatus'>,
  annotationsPerDocument: readonly (readonly Annotation[])[],
  documentIds: readonly string[] = [],
): WorkspaceStats {
  const annotationsByLabel: Record<string, number> = {};
  const annotationsByAnnotator: Record<string, number> = {};
  for (const label of workspace.labels) annotationsByLabel[label.id] = 0;
  let annotations = 0;
  for (const list of annotationsPerDocument) {
    for (const annotation of list) {
      annotations++;
      annotationsByLabel[annotation.labelId] = (annotationsByLabel[annotation.labelId] ?? 0) + 1;
      annotationsByAnnotator[annotation.annotator] = (annotationsByAnnotator[annotation.annotator] ?? 0) + 1;
    }
  }
  const linksByType: Record<string, number> = {};
  for (const type of workspace.linkTypes) linksByType[type.id] = 0;
  for (const link of workspace.links) linksByType[link.typeId] = (linksByType[link.typeId] ?? 0) + 1;
  const documentsDoneByAnnotator: Record<string, number> = {};
  for (const [annotator, statuses] of Object.entries(workspace.documentStatus ?? {})) {
    const done = documentIds.filter((id) => statusOf(statuses, id) === 'done').length;
    if (done > 0) documentsDoneByAnnotator[annotator] = done;
  }
  return {
    documents: annotationsPerDocument.length,
    annotations,
    annotationsByLabel,
    links: workspace.links.length,
    linksByType,
    annotationsByAnnotator,
    documentsDoneByAnnotator,
  };
}
