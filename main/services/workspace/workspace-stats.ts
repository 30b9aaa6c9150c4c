import type { WorkspaceStats } from '../../../shared/api/contract/workspace.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { WorkspaceFile } from '../../../shared/model/workspace.js';

/**
 * Counts documents, annotations by label and links by type: every label and link type of the
 * workspace appears, with 0 when unused; `annotationsPerDocument` holds one list per document.
 */
export function countWorkspace(
  workspace: Pick<WorkspaceFile, 'labels' | 'linkTypes' | 'links'>,
  annotationsPerDocument: readonly (readonly Annotation[])[],
): WorkspaceStats {
  const annotationsByLabel: Record<string, number> = {};
  for (const label of workspace.labels) annotationsByLabel[label.id] = 0;
  let annotations = 0;
  for (const list of annotationsPerDocument) {
    for (const annotation of list) {
      annotations++;
      annotationsByLabel[annotation.labelId] = (annotationsByLabel[annotation.labelId] ?? 0) + 1;
    }
  }
  const linksByType: Record<string, number> = {};
  for (const type of workspace.linkTypes) linksByType[type.id] = 0;
  for (const link of workspace.links) linksByType[link.typeId] = (linksByType[link.typeId] ?? 0) + 1;
  return { documents: annotationsPerDocument.length, annotations, annotationsByLabel, links: workspace.links.length, linksByType };
}
