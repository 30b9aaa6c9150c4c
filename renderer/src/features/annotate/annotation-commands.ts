import type { MethodInput, WorkbenchApi } from '../../../../shared/api/contract.js';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { EditCommand } from '../history/edit-history.js';

/** Where edits land in the UI once the services have saved them. */
export interface EditTarget {
  api: WorkbenchApi;
  /** Shows these annotations (new or changed) wherever their document is open. */
  put(annotations: readonly Annotation[]): void;
  /** Stops showing these annotations. */
  drop(annotations: readonly Annotation[]): void;
  /** Shows this label schema. */
  setLabels(labels: readonly Label[]): void;
}

/** The changes `updateAnnotation` takes, without the ids. */
export type AnnotationChanges = Omit<MethodInput<'updateAnnotation'>, 'documentId' | 'annotationId'>;

/**
 * Creates annotations (one per item); undo deletes them, redo puts the very same annotations back
 * (same ids), so later commands that refer to them stay valid.
 */
export async function createAnnotations(
  target: EditTarget,
  input: MethodInput<'createAnnotations'>,
  description: string,
): Promise<{ command: EditCommand; created: Annotation[] }> {
  const created = await target.api.createAnnotations(input);
  target.put(created);
  const command: EditCommand = {
    description,
    undo: async () => {
      await target.api.deleteAnnotations({ documentId: input.documentId, annotationIds: created.map((a) => a.id) });
      target.drop(created);
    },
    redo: async () => {
      await target.api.restoreAnnotations({ annotations: created, links: [] });
      target.put(created);
    },
  };
  return { command, created };
}

/** Deletes annotations of one document; undo restores them with their ids, attributes and links. */
export async function deleteAnnotations(target: EditTarget, annotations: readonly Annotation[], description: string): Promise<EditCommand> {
  const documentId = annotations[0]!.documentId;
  const annotationIds = annotations.map((a) => a.id);
  let removed = await target.api.deleteAnnotations({ documentId, annotationIds });
  target.drop(removed.removedAnnotations);
  return {
    description,
    undo: async () => {
      await target.api.restoreAnnotations({ annotations: removed.removedAnnotations, links: removed.removedLinks });
      target.put(removed.removedAnnotations);
    },
    redo: async () => {
      removed = await target.api.deleteAnnotations({ documentId, annotationIds });
      target.drop(removed.removedAnnotations);
    },
  };
}

/**
 * Changes one annotation (label, ranges, attributes, note); undo and redo put back the exact
 * before and after versions, timestamps included.
 */
export async function updateAnnotation(
  target: EditTarget,
  before: Annotation,
  changes: AnnotationChanges,
  description: string,
): Promise<EditCommand> {
  const after = await target.api.updateAnnotation({ documentId: before.documentId, annotationId: before.id, ...changes });
  target.put([after]);
  return {
    description,
    undo: async () => {
      await target.api.restoreAnnotations({ annotations: [before], links: [] });
      target.put([before]);
    },
    redo: async () => {
      await target.api.restoreAnnotations({ annotations: [after], links: [] });
      target.put([after]);
    },
  };
}

/**
 * Saves a new label schema. When labels in use are removed (the person confirmed), their
 * annotations go too; undo brings back the old schema and then those annotations and links.
 */
export async function saveLabels(
  target: EditTarget,
  before: readonly Label[],
  after: readonly Label[],
  deleteAnnotationsOfRemovedLabels: boolean,
): Promise<EditCommand> {
  let removed = await target.api.saveLabels({ labels: [...after], deleteAnnotationsOfRemovedLabels });
  target.setLabels(removed.labels);
  target.drop(removed.removedAnnotations);
  return {
    description: 'Change labels',
    undo: async () => {
      const restored = await target.api.saveLabels({ labels: [...before], deleteAnnotationsOfRemovedLabels: false });
      if (removed.removedAnnotations.length > 0) {
        await target.api.restoreAnnotations({ annotations: removed.removedAnnotations, links: removed.removedLinks });
      }
      target.setLabels(restored.labels);
      target.put(removed.removedAnnotations);
    },
    redo: async () => {
      removed = await target.api.saveLabels({ labels: [...after], deleteAnnotationsOfRemovedLabels });
      target.setLabels(removed.labels);
      target.drop(removed.removedAnnotations);
    },
  };
}
