import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { AnnotationEditing } from './annotation-editing.js';

/** The annotations domain: making, changing, deleting and restoring annotations (undo). */
export type AnnotationsService = Pick<
  WorkbenchApi,
  'createAnnotation' | 'deleteAnnotation' | 'createAnnotations' | 'updateAnnotation' | 'deleteAnnotations' | 'restoreAnnotations'
>;

/** The annotations services, all through one editor (the single-item methods are its batches of one). */
export function annotationsService(editing: AnnotationEditing): AnnotationsService {
  return {
    async createAnnotation({ documentId, labelId, ranges }) {
      const [created] = await editing.createAnnotations({ documentId, items: [{ labelId, ranges }] });
      return created!;
    },
    async deleteAnnotation({ documentId, annotationId }) {
      const { removedLinks } = await editing.deleteAnnotations({ documentId, annotationIds: [annotationId] });
      return { deletedLinks: removedLinks.length, removedLinks };
    },
    createAnnotations: (input) => editing.createAnnotations(input),
    updateAnnotation: (input) => editing.updateAnnotation(input),
    deleteAnnotations: (input) => editing.deleteAnnotations(input),
    restoreAnnotations: (input) => editing.restoreAnnotations(input),
  };
}
