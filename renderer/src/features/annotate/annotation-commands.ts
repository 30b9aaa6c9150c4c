import type { MethodInput } from '../../../../shared/api/contract/index.js';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import type { EditCommand } from '../history/edit-history.js';

/** The changes `updateAnnotation` takes, without the ids. */
export type AnnotationChanges = Omit<MethodInput<'updateAnnotation'>, 'documentId' | 'annotationId'>;

/**
 * Creates annotations (one per item); undo deletes them, redo puts the very same annotations back
 * (same ids), so later commands that refer to them stay valid.
 */
export async function createAnnotations(
  cache: WorkbenchCache,
  input: MethodInput<'createAnnotations'>,
  description: string,
): Promise<{ command: EditCommand; created: Annotation[] }> {
  const created = await cache.createAnnotations(input);
  const command: EditCommand = {
    description,
    undo: async () => {
      await cache.deleteAnnotations({ documentId: input.documentId, annotationIds: created.map((a) => a.id) });
    },
    redo: () => cache.restoreAnnotations({ annotations: created, links: [] }),
  };
  return { command, created };
}

/**
 * Deletes annotations of one document; undo restores them with their ids, attributes and links.
 * The command says how many links went with them.
 */
export async function deleteAnnotations(
  cache: WorkbenchCache,
  annotations: readonly Annotation[],
  description: string,
): Promise<EditCommand & { removedLinks: number }> {
  const documentId = annotations[0]!.documentId;
  const annotationIds = annotations.map((a) => a.id);
  let removed = await cache.deleteAnnotations({ documentId, annotationIds });
  return {
    description,
    removedLinks: removed.removedLinks.length,
    undo: () => cache.restoreAnnotations({ annotations: removed.removedAnnotations, links: removed.removedLinks }),
    redo: async () => {
      removed = await cache.deleteAnnotations({ documentId, annotationIds });
    },
  };
}

/**
 * Changes one annotation (label, ranges, attributes, note); undo and redo put back the exact
 * before and after versions, timestamps included.
 */
export async function updateAnnotation(
  cache: WorkbenchCache,
  before: Annotation,
  changes: AnnotationChanges,
  description: string,
): Promise<EditCommand> {
  const after = await cache.updateAnnotation({ documentId: before.documentId, annotationId: before.id, ...changes });
  return {
    description,
    undo: () => cache.restoreAnnotations({ annotations: [before], links: [] }),
    redo: () => cache.restoreAnnotations({ annotations: [after], links: [] }),
  };
}

/**
 * Saves a new label schema. When labels in use are removed (the person confirmed), their
 * annotations go too; undo brings back the old schema and then those annotations and links.
 */
export async function saveLabels(
  cache: WorkbenchCache,
  before: readonly Label[],
  after: readonly Label[],
  deleteAnnotationsOfRemovedLabels: boolean,
): Promise<EditCommand> {
  let removed = await cache.saveLabels({ labels: [...after], deleteAnnotationsOfRemovedLabels });
  return {
    description: 'Change labels',
    undo: async () => {
      await cache.saveLabels({ labels: [...before], deleteAnnotationsOfRemovedLabels: false });
      if (removed.removedAnnotations.length > 0) {
        await cache.restoreAnnotations({ annotations: removed.removedAnnotations, links: removed.removedLinks });
      }
    },
    redo: async () => {
      removed = await cache.saveLabels({ labels: [...after], deleteAnnotationsOfRemovedLabels });
    },
  };
}
