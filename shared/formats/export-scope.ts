import type { ClusterName } from '../model/link.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';

/** Which part of a workspace to export; an absent list means "all". */
export interface ExportScope {
  /** Export only these documents. */
  documentIds?: readonly string[];
  /** Export only annotations with these labels (and only these labels in schema files). */
  labelIds?: readonly string[];
}

/**
 * The part of a snapshot inside `scope`: the selected documents (in their original order), their
 * annotations with a selected label, the selected labels, and only the links whose two ends both
 * remain. A cluster name is kept when any of its members remains, naming only those, so a cluster
 * partly in scope keeps its name and canonical text. Link types are kept whole. The input is not changed.
 */
export function scopeSnapshot(snapshot: WorkspaceSnapshot, scope: ExportScope): WorkspaceSnapshot {
  const documentIds = scope.documentIds ? new Set(scope.documentIds) : null;
  const labelIds = scope.labelIds ? new Set(scope.labelIds) : null;
  const kept = new Set<string>();
  const keptAnnotationIds = new Set<string>();
  const documents = snapshot.documents
    .filter((d) => documentIds === null || documentIds.has(d.meta.id))
    .map((d) => {
      const annotations = d.annotations.filter((a) => labelIds === null || labelIds.has(a.labelId));
      for (const a of annotations) {
        kept.add(endKey(d.meta.id, a.id));
        keptAnnotationIds.add(a.id);
      }
      return { ...d, annotations };
    });
  return {
    schemaVersion: snapshot.schemaVersion,
    labels: snapshot.labels.filter((l) => labelIds === null || labelIds.has(l.id)),
    linkTypes: snapshot.linkTypes,
    documents,
    links: snapshot.links.filter(
      (l) =>
        kept.has(endKey(l.source.documentId, l.source.annotationId)) &&
        kept.has(endKey(l.target.documentId, l.target.annotationId)),
    ),
    ...(snapshot.clusterNames ? { clusterNames: scopeClusterNames(snapshot.clusterNames, keptAnnotationIds) } : {}),
  };
}

/** The names with members among `keptAnnotationIds`, each naming only those members. */
function scopeClusterNames(names: readonly ClusterName[], keptAnnotationIds: ReadonlySet<string>): ClusterName[] {
  return names.flatMap((name) => {
    const members = name.members.filter((id) => keptAnnotationIds.has(id));
    return members.length > 0 ? [{ ...name, members }] : [];
  });
}

function endKey(documentId: string, annotationId: string): string {
  return `${documentId}\u0000${annotationId}`;
}
